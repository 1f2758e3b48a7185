package dev.sparkdoc.cli;

import dev.sparkdoc.rules.Rule;
import dev.sparkdoc.rules.RuleCatalog;
import dev.sparkdoc.rules.RuleKind;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Threshold;
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
        return new ListRules().print(spec.commandLine().getOut(), RuleSettings.defaults());
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
        public Integer call() {
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
            return print(spec.commandLine().getOut(), rules.settings());
        }

        int print(PrintWriter out, RuleSettings settings) {
            List<Rule> rules = settings.catalog().everyRule();
            int width = rules.stream().mapToInt(rule -> rule.id().length()).max().orElse(10) + 2;
            out.printf(Locale.ROOT, "%-" + width + "s%-15s%-9s%s%n", "ID", "CATEGORY", "ENABLED", "TITLE");
            for (Rule rule : rules) {
                out.printf(Locale.ROOT, "%-" + width + "s%-15s%-9s%s%n", rule.id(), rule.category(),
                        settings.isEnabled(rule.id()) ? "yes" : "no",
                        rule.title() + switch (rule.kind()) {
                            case ANALYZE -> "";
                            case ALERTS -> " (alerts only: sparkdoc alerts export)";
                            case KUBERNETES -> " (Kubernetes: sparkdoc diagnose)";
                        });
            }
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
        public Integer call() {
            RuleSettings settings = rules.settings();
            RuleCatalog catalog = settings.catalog();
            Rule rule = catalog.rule(id).orElse(null);
            if (rule == null) {
                String close = closest(catalog, id);
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "no rule '" + id + "'; did you mean: " + close + "? ('sparkdoc rules list' shows all)");
            }
            describe(rule, settings, spec.commandLine().getOut());
            return ExitCode.OK;
        }

        /** One rule in full, with its thresholds as {@code settings} have them; also the shell's 'explain'. */
        static void describe(Rule rule, RuleSettings settings, PrintWriter out) {
            out.println(rule.id() + ": " + rule.title() + " (" + rule.category() + ")");
            out.println();
            out.println("Detects:      " + rule.detects());
            out.println("Gate:         " + rule.gate());
            out.println("Why:          " + rule.explanation());
            out.println("What to do:   " + rule.remediation());
            out.println("Enabled:      " + (settings.isEnabled(rule.id()) ? "yes" : "no"));
            out.println("Docs:         " + rule.docsPath());
            out.println("Checked by:   " + (rule.kind() == RuleKind.ALERTS ? "the exported Prometheus alerts only"
                    : rule.kind().checkedBy() + (rule.alerts().isEmpty() ? "" : ", and the exported Prometheus alerts")));
            rule.severity().ifPresent(severity -> out.println("Severity:     " + severity.label()
                    + rule.severityCases().stream().map(c -> "; " + c.severity().label() + " when " + c.description())
                            .collect(Collectors.joining())));
            if (!rule.alerts().isEmpty()) {
                out.println("Alerts:       " + rule.alerts().stream()
                        .map(alert -> alert.name() + " (" + alert.source().label() + ", " + alert.severity().label() + ")")
                        .collect(Collectors.joining(", ")));
            }
            if (!rule.thresholds().isEmpty()) {
                out.println();
                out.println("Thresholds:");
                for (Threshold threshold : rule.thresholds()) {
                    double value = settings.threshold(rule.id(), threshold.name());
                    out.println("  " + threshold.name() + " = " + threshold.unit().format(value)
                            + (settings.isOverridden(rule.id(), threshold.name())
                                    ? " (default " + threshold.unit().format(threshold.defaultValue()) + ")" : "")
                            + ": " + threshold.description());
                }
            }
            out.flush();
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
