package dev.sparkdoc.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * catalog.yaml is the source of truth; {@link GeneratedCatalog} is what serves at run time (no YAML parser on the
 * command's start-up path). This test fails when the two differ, so an edit of catalog.yaml without regenerating
 * cannot reach a build: run it with {@code -Dsparkdoc.updateCatalog=true} to rewrite GeneratedCatalog.java, then
 * review the diff.
 */
class GeneratedCatalogTest {

    private static final Path SOURCE = Path.of("src", "main", "java", "dev", "sparkdoc", "rules",
            "GeneratedCatalog.java").toAbsolutePath();
    private static final boolean UPDATE = Boolean.getBoolean("sparkdoc.updateCatalog");

    @Test
    void generatedSourceIsWhatTheYamlGenerates() throws IOException {
        String expected = source(CatalogYaml.read());
        if (UPDATE) {
            Files.writeString(SOURCE, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(SOURCE, StandardCharsets.UTF_8),
                SOURCE + " differs from catalog.yaml; run the rules tests with -Dsparkdoc.updateCatalog=true and"
                        + " review the diff");
    }

    @Test
    void builtInCatalogEqualsTheYamlCatalog() {
        RuleCatalog yaml = RuleCatalog.fromYaml();
        RuleCatalog builtIn = RuleCatalog.builtIn();
        // records: every field of every rule, threshold, severity case and alert, in order
        assertEquals(yaml.everyRule(), builtIn.everyRule());
        assertEquals(yaml.runbookBaseUrl(), builtIn.runbookBaseUrl());
        assertNotEquals(List.of(), builtIn.rules(), "the catalog has analyze rules");
    }

    @Test
    void literalsSurviveEveryCharacterTheGeneratorEscapes() {
        String tricky = "quote \" backslash \\ newline \n tab \t dollar ${x} non-ASCII \u00e9 \u2264";
        assertEquals("\"quote \\\" backslash \\\\ newline \\n tab \\t dollar ${x} non-ASCII \\u00e9 \\u2264\"",
                literal(tricky));
    }

    /** GeneratedCatalog.java for {@code catalog}: one method per rule, to stay far from the JVM's method size. */
    static String source(CatalogYaml.Parsed catalog) {
        StringBuilder out = new StringBuilder();
        out.append("package dev.sparkdoc.rules;\n\n")
                .append("import java.util.List;\n")
                .append("import java.util.Optional;\n\n")
                .append("/**\n")
                .append(" * GENERATED from catalog.yaml by GeneratedCatalogTest (-Dsparkdoc.updateCatalog=true): do not edit.\n")
                .append(" * The built-in rule catalog as Java, so that the command starts without a YAML parser.\n")
                .append(" */\n")
                .append("final class GeneratedCatalog {\n\n")
                .append("    static final String RUNBOOK_BASE_URL = ").append(literal(catalog.runbookBaseUrl()))
                .append(";\n\n")
                .append("    private GeneratedCatalog() {\n    }\n\n")
                .append("    static List<Rule> rules() {\n        return List.of(");
        List<Rule> rules = catalog.rules();
        for (int i = 0; i < rules.size(); i++) {
            out.append(i == 0 ? "" : ",").append("\n            rule").append(i).append("()");
        }
        out.append(");\n    }\n");
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            out.append("\n    private static Rule rule").append(i).append("() {\n")
                    .append("        return new Rule(").append(literal(rule.id())).append(",\n");
            for (String text : List.of(rule.title(), rule.category(), rule.detects(), rule.gate(), rule.explanation(),
                    rule.remediation())) {
                out.append("            ").append(literal(text)).append(",\n");
            }
            out.append("            List.of(");
            for (int t = 0; t < rule.thresholds().size(); t++) {
                Threshold threshold = rule.thresholds().get(t);
                out.append(t == 0 ? "" : ",").append("\n                new Threshold(")
                        .append(literal(threshold.name())).append(", ThresholdUnit.").append(threshold.unit().name())
                        .append(", ").append(Double.toString(threshold.defaultValue())).append(", ")
                        .append(literal(threshold.description())).append(")");
            }
            out.append("),\n            RuleKind.").append(rule.kind().name()).append(",\n            ")
                    .append(rule.severity().map(s -> "Optional.of(Severity." + s.name() + ")")
                            .orElse("Optional.empty()"))
                    .append(",\n            List.of(");
            for (int c = 0; c < rule.severityCases().size(); c++) {
                Rule.SeverityCase severityCase = rule.severityCases().get(c);
                out.append(c == 0 ? "" : ",").append("\n                new Rule.SeverityCase(")
                        .append(literal(severityCase.name())).append(", Severity.")
                        .append(severityCase.severity().name()).append(", ")
                        .append(literal(severityCase.description())).append(")");
            }
            out.append("),\n            List.of(");
            for (int a = 0; a < rule.alerts().size(); a++) {
                AlertTemplate alert = rule.alerts().get(a);
                out.append(a == 0 ? "" : ",").append("\n                new AlertTemplate(")
                        .append(literal(alert.name())).append(", AlertSource.").append(alert.source().name())
                        .append(", Severity.").append(alert.severity().name()).append(",\n                    ")
                        .append(literal(alert.forDuration())).append(",\n                    ")
                        .append(literal(alert.expr())).append(",\n                    ")
                        .append(literal(alert.summary())).append(",\n                    ")
                        .append(literal(alert.description())).append(")");
            }
            out.append("));\n    }\n");
        }
        out.append("}\n");
        return out.toString();
    }

    /** {@code text} as a Java string literal; everything outside printable ASCII as a unicode escape. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
