package dev.sparkdoc.rules;

import java.util.List;

/**
 * The documentation pages of the rules, generated from the catalog so that docs/rules/ never drifts from what the
 * analyzers apply. RuleDocsTest fails when a committed page differs from {@link #page(Rule)}.
 */
public final class RuleDocs {

    private RuleDocs() {
    }

    public static String page(Rule rule) {
        StringBuilder text = new StringBuilder();
        text.append("# ").append(rule.id()).append(": ").append(rule.title()).append("\n\n");
        text.append("<!-- Generated from rules/src/main/resources/dev/sparkdoc/rules/catalog.yaml; edit the catalog, then run\n")
                .append("     mvn -pl rules test -Dsparkdoc.updateDocs=true -->\n\n");
        text.append("Category: ").append(rule.category()).append("\n\n");
        if (rule.kind() == RuleKind.ALERTS) {
            text.append("Checked only by the exported Prometheus alerts (`sparkdoc alerts export`, see ")
                    .append("[alerting](../alerting.md)); `sparkdoc analyze` does not check it.\n\n");
        } else if (rule.kind() == RuleKind.KUBERNETES) {
            text.append("Checked by `sparkdoc diagnose APP` (see [Kubernetes](../kubernetes.md)) against the ")
                    .append("application's pods, their events and its SparkApplication; `sparkdoc analyze` does not ")
                    .append("check it.\n\n");
        }
        rule.severity().ifPresent(severity -> {
            text.append("Severity: ").append(severity.label());
            for (Rule.SeverityCase severityCase : rule.severityCases()) {
                text.append("; ").append(severityCase.severity().label()).append(" when ")
                        .append(severityCase.description());
            }
            text.append(".\n\n");
        });
        text.append("## What it detects\n\n").append(rule.detects()).append("\n\n");
        text.append("## When it stays quiet\n\n").append(rule.gate()).append("\n\n");
        text.append("## Why it matters\n\n").append(rule.explanation()).append("\n\n");
        text.append("## What to do\n\n").append(rule.remediation()).append("\n\n");
        text.append("## Thresholds\n\n");
        if (rule.thresholds().isEmpty()) {
            text.append(rule.kind() == RuleKind.KUBERNETES ? "None: every case it detects is reported.\n\n"
                    : "None: the rule checks configuration only.\n\n");
        } else {
            text.append("| name | default | meaning |\n|---|---|---|\n");
            for (Threshold threshold : rule.thresholds()) {
                text.append("| `").append(threshold.name()).append("` | ")
                        .append(threshold.unit().format(threshold.defaultValue())).append(" | ")
                        .append(threshold.description()).append(" |\n");
            }
            text.append('\n');
        }
        appendAlerts(text, rule);
        text.append("## Tuning or turning it off\n\n");
        text.append("```yaml\n# my-rules.yaml, used with: ")
                .append(switch (rule.kind()) {
                    case ANALYZE -> "sparkdoc analyze --rules my-rules.yaml LOG";
                    case ALERTS -> "sparkdoc alerts export --rules my-rules.yaml";
                    case KUBERNETES -> "sparkdoc diagnose --rules my-rules.yaml APP";
                })
                .append("\nrules:\n  ")
                .append(rule.id()).append(":\n");
        if (!rule.thresholds().isEmpty()) {
            Threshold first = rule.thresholds().get(0);
            text.append("    thresholds:\n      ").append(first.name()).append(": ")
                    .append(example(first)).append('\n');
        } else {
            text.append("    enabled: false\n");
        }
        text.append("```\n");
        return text.toString();
    }

    /** The Prometheus alerts of a rule, with their expressions at the default thresholds. */
    private static void appendAlerts(StringBuilder text, Rule rule) {
        if (rule.alerts().isEmpty()) {
            return;
        }
        text.append("## Alerts\n\n");
        text.append("`sparkdoc alerts export` writes these Prometheus alerting rules (see [alerting](../alerting.md)); ")
                .append("the expressions are shown with the default thresholds, and `--rules` changes them as it ")
                .append("changes the analyzers'.\n\n");
        RuleSettings defaults = RuleSettings.defaults();
        for (AlertTemplate template : rule.alerts()) {
            AlertRule alert = template.resolve(rule, defaults, rule.docsPath());
            text.append("### ").append(alert.name()).append("\n\n");
            text.append("Source `").append(alert.source().label()).append("` (").append(alert.source().description())
                    .append("), severity ").append(alert.severity().label()).append(", for ")
                    .append(alert.forDuration()).append(".\n\n");
            text.append("```promql\n").append(alert.expr()).append("\n```\n\n");
        }
    }

    /** docs/rules/README.md: every rule with its title, and the override file format. */
    public static String index(List<Rule> rules) {
        StringBuilder text = new StringBuilder("# Rules\n\n");
        text.append("<!-- Generated from the rule catalog; run mvn -pl rules test -Dsparkdoc.updateDocs=true -->\n\n");
        text.append("`sparkdoc rules list` shows the same list; `sparkdoc rules show ID` one rule.\n\n");
        text.append("| id | category | title |\n|---|---|---|\n");
        for (Rule rule : rules) {
            if (rule.kind() == RuleKind.ANALYZE) {
                indexLine(text, rule);
            }
        }
        if (rules.stream().anyMatch(rule -> rule.kind() == RuleKind.KUBERNETES)) {
            text.append("\nChecked by `sparkdoc diagnose APP` on Kubernetes ([Kubernetes](../kubernetes.md)), against ")
                    .append("the application's pods, their events and its SparkApplication; with `--event-log`, the ")
                    .append("rules above judge the log alongside.\n\n");
            text.append("| id | category | title |\n|---|---|---|\n");
            for (Rule rule : rules) {
                if (rule.kind() == RuleKind.KUBERNETES) {
                    indexLine(text, rule);
                }
            }
        }
        if (rules.stream().anyMatch(Rule::alertOnly)) {
            text.append("\nChecked only by the exported Prometheus alerts (`sparkdoc alerts export`, ")
                    .append("[alerting](../alerting.md)): they need the history of earlier runs or the live state of ")
                    .append("a running application or cluster, which an event log does not hold.\n\n");
            text.append("| id | category | title |\n|---|---|---|\n");
            for (Rule rule : rules) {
                if (rule.alertOnly()) {
                    indexLine(text, rule);
                }
            }
        }
        text.append("\n## Overriding thresholds and disabling rules\n\n");
        text.append("Pass a YAML file with `--rules FILE` (`sparkdoc analyze`, `sparkdoc diagnose`, `sparkdoc rules`, ")
                .append("`sparkdoc alerts export`):\n\n");
        text.append("```yaml\nrules:\n  data-skew:\n    thresholds:\n      critical-ratio: 20\n")
                .append("      min-max-task-duration: 30s\n  executor-cores:\n    enabled: false\n```\n\n");
        text.append("Byte thresholds take plain numbers (bytes) or `64m`, `1g`; time thresholds milliseconds or ")
                .append("`500ms`, `5s`, `2min`; fractions `0.1` or `10%`. A key that is not a rule or a threshold of ")
                .append("that rule is an error that names the key, and sparkdoc exits with code 3. So is an override ")
                .append("that puts a critical threshold on the wrong side of its warning (critical-ratio below ")
                .append("warning-ratio; critical-utilization above warning-utilization), a negative value, or a ")
                .append("fraction above 1.\n\nIn code, thresholds are read through typed keys ")
                .append("(`Thresholds.DataSkew.WARNING_RATIO`), which a test binds to this catalog both ways.\n");
        return text.toString();
    }

    private static void indexLine(StringBuilder text, Rule rule) {
        text.append("| [").append(rule.id()).append("](").append(rule.id()).append(".md) | ")
                .append(rule.category()).append(" | ").append(rule.title()).append(" |\n");
    }

    private static String example(Threshold threshold) {
        double doubled = threshold.defaultValue() * 2;
        return switch (threshold.unit()) {
            case BYTES -> (long) (doubled / (1 << 20)) + "m";
            case MILLISECONDS -> doubled == 0 ? "5min" : (long) doubled + "ms";
            case FRACTION -> String.valueOf(Math.min(1.0, doubled));
            default -> String.valueOf((long) doubled);
        };
    }
}
