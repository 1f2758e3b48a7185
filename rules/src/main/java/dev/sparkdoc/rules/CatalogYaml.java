package dev.sparkdoc.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code catalog.yaml}, the source of truth of the rule catalog. Only the build reads it:
 * {@code GeneratedCatalogTest} checks that {@link GeneratedCatalog}, which serves at run time without YAML or
 * jackson-databind on the start-up path, holds exactly what the YAML says (and rewrites it with
 * {@code -Dsparkdoc.updateCatalog=true}).
 */
final class CatalogYaml {

    /** The rules of catalog.yaml, section by section ({@link RuleKind} order), in file order. */
    record Parsed(List<Rule> rules, String runbookBaseUrl) {
    }

    private CatalogYaml() {
    }

    static Parsed read() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = RuleCatalog.class.getResourceAsStream("catalog.yaml")) {
            if (in == null) {
                throw new IllegalStateException("catalog.yaml is missing from the rules jar");
            }
            JsonNode root = yaml.readTree(in);
            List<Rule> rules = new ArrayList<>();
            for (RuleKind kind : RuleKind.values()) {
                for (JsonNode node : root.path(kind.catalogSection())) {
                    rules.add(parseRule(node, kind));
                }
            }
            return new Parsed(rules, text(root, "runbook-base-url"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in rule catalog", e);
        }
    }

    private static Rule parseRule(JsonNode node, RuleKind kind) {
        List<Threshold> thresholds = new ArrayList<>();
        for (JsonNode threshold : node.path("thresholds")) {
            String unit = text(threshold, "unit");
            thresholds.add(new Threshold(text(threshold, "name"),
                    ThresholdUnit.parse(unit).orElseThrow(() -> new IllegalStateException("unknown unit " + unit)),
                    threshold.path("default").asDouble(), text(threshold, "description")));
        }
        List<AlertTemplate> alerts = new ArrayList<>();
        for (JsonNode alert : node.path("alerts")) {
            String source = text(alert, "source");
            String severity = text(alert, "severity");
            alerts.add(new AlertTemplate(text(alert, "name"),
                    AlertSource.parse(source).orElseThrow(() -> new IllegalStateException("unknown source " + source)),
                    Severity.parse(severity).orElseThrow(() -> new IllegalStateException("unknown severity " + severity)),
                    text(alert, "for"), text(alert, "expr"), text(alert, "summary"), text(alert, "description")));
        }
        Optional<Severity> severity = node.has("severity") ? Optional.of(severity(text(node, "severity")))
                : Optional.empty();
        List<Rule.SeverityCase> cases = new ArrayList<>();
        for (JsonNode severityCase : node.path("severity-cases")) {
            cases.add(new Rule.SeverityCase(text(severityCase, "name"), severity(text(severityCase, "severity")),
                    text(severityCase, "description")));
        }
        return new Rule(text(node, "id"), text(node, "title"), text(node, "category"), text(node, "detects"),
                text(node, "gate"), text(node, "explanation"), text(node, "remediation"), thresholds, kind, severity,
                cases, alerts);
    }

    private static Severity severity(String text) {
        return Severity.parse(text).orElseThrow(() -> new IllegalStateException("unknown severity " + text));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode()) {
            throw new IllegalStateException("catalog entry " + node.path("id").asText(node.path("name").asText("?"))
                    + " lacks " + field);
        }
        return value.asText().strip();
    }
}
