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
        text.append("## What it detects\n\n").append(rule.detects()).append("\n\n");
        text.append("## When it stays quiet\n\n").append(rule.gate()).append("\n\n");
        text.append("## Why it matters\n\n").append(rule.explanation()).append("\n\n");
        text.append("## What to do\n\n").append(rule.remediation()).append("\n\n");
        text.append("## Thresholds\n\n");
        if (rule.thresholds().isEmpty()) {
            text.append("None: the rule checks configuration only.\n\n");
        } else {
            text.append("| name | default | meaning |\n|---|---|---|\n");
            for (Threshold threshold : rule.thresholds()) {
                text.append("| `").append(threshold.name()).append("` | ")
                        .append(threshold.unit().format(threshold.defaultValue())).append(" | ")
                        .append(threshold.description()).append(" |\n");
            }
            text.append('\n');
        }
        text.append("## Tuning or turning it off\n\n");
        text.append("```yaml\n# my-rules.yaml, used with: sparkdoc analyze --rules my-rules.yaml LOG\nrules:\n  ")
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

    /** docs/rules/README.md: every rule with its title, and the override file format. */
    public static String index(List<Rule> rules) {
        StringBuilder text = new StringBuilder("# Rules\n\n");
        text.append("<!-- Generated from the rule catalog; run mvn -pl rules test -Dsparkdoc.updateDocs=true -->\n\n");
        text.append("`sparkdoc rules list` shows the same list; `sparkdoc rules show ID` one rule.\n\n");
        text.append("| id | category | title |\n|---|---|---|\n");
        for (Rule rule : rules) {
            text.append("| [").append(rule.id()).append("](").append(rule.id()).append(".md) | ")
                    .append(rule.category()).append(" | ").append(rule.title()).append(" |\n");
        }
        text.append("\n## Overriding thresholds and disabling rules\n\n");
        text.append("Pass a YAML file with `--rules FILE` (`sparkdoc analyze`, `sparkdoc rules`):\n\n");
        text.append("```yaml\nrules:\n  data-skew:\n    thresholds:\n      critical-ratio: 20\n")
                .append("      min-max-task-duration: 30s\n  executor-cores:\n    enabled: false\n```\n\n");
        text.append("Byte thresholds take plain numbers (bytes) or `64m`, `1g`; time thresholds milliseconds or ")
                .append("`500ms`, `5s`, `2min`; fractions `0.1` or `10%`. A key that is not a rule or a threshold of ")
                .append("that rule is an error that names the key, and sparkdoc exits with code 3.\n");
        return text.toString();
    }

    private static String example(Threshold threshold) {
        double doubled = threshold.defaultValue() * 2;
        return switch (threshold.unit()) {
            case BYTES -> (long) (doubled / (1 << 20)) + "m";
            case MILLISECONDS -> (long) doubled + "ms";
            case FRACTION -> String.valueOf(Math.min(1.0, doubled));
            default -> String.valueOf((long) doubled);
        };
    }
}
