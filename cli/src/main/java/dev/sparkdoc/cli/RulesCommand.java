package dev.sparkdoc.cli;

import dev.sparkdoc.rules.Rule;
import dev.sparkdoc.rules.RuleCatalog;
import dev.sparkdoc.rules.RuleKind;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Threshold;
import dev.sparkdoc.report.TextLayout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sparkdoc rules [list | show ID]}: the rule catalog, with thresholds as in force. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Lists the rules sparkdoc checks, or shows one with its thresholds.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.ShowRule.class})
final class RulesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return new ListRules().print(spec.commandLine().getOut(), RuleSettings.defaults(),
                TextOutput.of(spec).terminalWidth());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per rule.")
    static final class ListRules implements Callable<Integer> {
        enum Format {
            json,
            yaml
        }

        @Mixin
        RulesOption rules;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
                description = "json or yaml: a RuleList document (id, category, kind, enabled, title, docs) in "
                        + "place of the table.")
        Format format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            if (format != null) {
                RuleSettings settings = rules.settings();
                com.fasterxml.jackson.databind.node.ObjectNode document = dev.sparkdoc.cli.k8s.Output.object();
                document.put("apiVersion", dev.sparkdoc.cli.k8s.Output.API_VERSION);
                document.put("kind", "RuleList");
                com.fasterxml.jackson.databind.node.ArrayNode items = document.putArray("items");
                for (Rule rule : settings.catalog().everyRule()) {
                    items.addObject().put("id", rule.id()).put("category", rule.category())
                            .put("kind", rule.kind().name().toLowerCase(Locale.ROOT))
                            .put("enabled", settings.isEnabled(rule.id())).put("title", rule.title())
                            .put("docs", rule.docsPath());
                }
                dev.sparkdoc.cli.k8s.Output.write(document, dev.sparkdoc.cli.k8s.Output.Format.valueOf(format.name()),
                        spec.commandLine().getOut());
                return ExitCode.OK;
            }
            TextOutput output = TextOutput.of(spec);
            output.show(spec.commandLine().getOut(), out -> print(out, rules.settings(), output.terminalWidth()));
            return ExitCode.OK;
        }

        /**
         * One line per rule, always (scripts count and grep them). With {@code columns} (on a terminal) the lines fit:
         * the category and enabled columns give way first, then the title is cut with an ellipsis ('rules show ID'
         * has it whole); {@code columns <= 0}, through a pipe: whole lines.
         */
        int print(PrintWriter out, RuleSettings settings, int columns) {
            List<Rule> rules = settings.catalog().everyRule();
            TextLayout.Table table = new TextLayout.Table("").left("ID").left("CATEGORY").optional(1)
                    .left("ENABLED").optional(2).flexible("TITLE").flexibleMinimum(30);
            for (Rule rule : rules) {
                table.row(rule.id(), rule.category(), settings.isEnabled(rule.id()) ? "yes" : "no",
                        rule.title() + switch (rule.kind()) {
                            case ANALYZE -> "";
                            case ALERTS -> " (alerts only: sparkdoc alerts export)";
                            case KUBERNETES -> " (Kubernetes: sparkdoc diagnose)";
                        });
            }
            table.print(out, columns, header -> header);
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One rule in full.")
    static final class ShowRule implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The rule id, as in 'sparkdoc rules list'.")
        String id;

        @Mixin
        RulesOption rules;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            RuleSettings settings = rules.settings();
            RuleCatalog catalog = settings.catalog();
            Rule rule = catalog.rule(id).orElse(null);
            if (rule == null) {
                String close = closest(catalog, id);
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "no rule '" + id + "'; did you mean: " + close + "? ('sparkdoc rules list' shows all)");
            }
            TextOutput output = TextOutput.of(spec);
            output.show(spec.commandLine().getOut(), out -> describe(rule, settings, out, output.width()));
            return ExitCode.OK;
        }

        /**
         * One rule in full, with its thresholds as {@code settings} have them, wrapped at spaces to {@code width};
         * also the shell's 'explain'.
         */
        static void describe(Rule rule, RuleSettings settings, PrintWriter out, int width) {
            TextLayout.print(out, rule.id() + ": " + rule.title() + " (" + rule.category() + ")", "", "  ", width);
            out.println();
            field(out, "Detects:", rule.detects(), width);
            field(out, "Gate:", rule.gate(), width);
            field(out, "Why:", rule.explanation(), width);
            field(out, "What to do:", rule.remediation(), width);
            field(out, "Enabled:", settings.isEnabled(rule.id()) ? "yes" : "no", width);
            field(out, "Docs:", rule.docsPath(), width);
            field(out, "Checked by:", rule.kind() == RuleKind.ALERTS ? "the exported Prometheus alerts only"
                    : rule.kind().checkedBy() + (rule.alerts().isEmpty() ? "" : ", and the exported Prometheus alerts"),
                    width);
            rule.severity().ifPresent(severity -> field(out, "Severity:", severity.label()
                    + rule.severityCases().stream().map(c -> "; " + c.severity().label() + " when " + c.description())
                            .collect(Collectors.joining()), width));
            if (!rule.alerts().isEmpty()) {
                field(out, "Alerts:", rule.alerts().stream()
                        .map(alert -> alert.name() + " (" + alert.source().label() + ", " + alert.severity().label() + ")")
                        .collect(Collectors.joining(", ")), width);
            }
            if (!rule.thresholds().isEmpty()) {
                out.println();
                out.println("Thresholds:");
                for (Threshold threshold : rule.thresholds()) {
                    double value = settings.threshold(rule.id(), threshold.name());
                    TextLayout.print(out, threshold.name() + " = " + threshold.unit().format(value)
                            + (settings.isOverridden(rule.id(), threshold.name())
                                    ? " (default " + threshold.unit().format(threshold.defaultValue()) + ")" : "")
                            + ": " + threshold.description(), "  ", "      ", width);
                }
            }
            out.flush();
        }

        /** "Label:       value", the value's paragraphs wrapped in its column. */
        private static void field(PrintWriter out, String label, String value, int width) {
            String indent = " ".repeat(14);
            boolean first = true;
            for (String paragraph : value.split("\n")) {
                TextLayout.print(out, paragraph, first ? label + indent.substring(label.length()) : indent, indent,
                        width);
                first = false;
            }
        }

        /** The three rule ids closest to {@code id}, for "did you mean". */
        static String closest(RuleCatalog catalog, String id) {
            return catalog.everyRule().stream().map(Rule::id)
                    .sorted(Comparator.comparingInt(candidate -> distance(candidate, id)))
                    .limit(3).reduce((a, b) -> a + ", " + b).orElse("");
        }

        private static int distance(String a, String b) {
            int[][] d = new int[a.length() + 1][b.length() + 1];
            for (int i = 0; i <= a.length(); i++) {
                d[i][0] = i;
            }
            for (int j = 0; j <= b.length(); j++) {
                d[0][j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                }
            }
            return d[a.length()][b.length()];
        }
    }
}
