package dev.sparkdoc.report;

import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.diagnosis.Advice;
import dev.sparkdoc.diagnosis.AppliedThreshold;
import dev.sparkdoc.diagnosis.Diagnosis;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.FindingGroup;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.rules.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Findings, by severity then time lost, and the merged advice, for a terminal. */
public final class FindingsText {

    private FindingsText() {
    }

    public static void render(Diagnosis diagnosis, PrintWriter out) {
        render(diagnosis, out, TextStyle.PLAIN);
    }

    /**
     * The findings and the advice laid out for {@code style}: prose wrapped at spaces with a hanging indent;
     * the spark-submit, spark-defaults.conf and code blocks are code, printed as they are to stay paste-ready.
     */
    public static void render(Diagnosis diagnosis, PrintWriter out, TextStyle style) {
        renderFindings(diagnosis, out, style);
        renderAdvice(diagnosis.advice(), out, style);
    }

    /** The findings with their evidence and fixes, and the rules that could not judge the log. */
    public static void renderFindings(Diagnosis diagnosis, PrintWriter out) {
        renderFindings(diagnosis, out, TextStyle.PLAIN);
    }

    public static void renderFindings(Diagnosis diagnosis, PrintWriter out, TextStyle style) {
        List<Finding> findings = diagnosis.findings();
        List<FindingGroup> groups = diagnosis.findingGroups();
        out.println(style.heading(findings.isEmpty() ? "Findings: none" : "Findings (" + counts(findings) + ")"
                + (groups.size() < findings.size() ? " from " + groups.size() + (groups.size() == 1 ? " rule" : " rules")
                        : "")));
        for (FindingGroup group : groups) {
            renderGroup(group, out, style);
        }
        List<String> notApplicable = new ArrayList<>();
        for (RuleOutcome outcome : diagnosis.outcomes()) {
            outcome.notApplicable().ifPresent(reason -> notApplicable.add(outcome.ruleId() + " (" + reason + ")"));
        }
        if (!notApplicable.isEmpty()) {
            out.println();
            TextLayout.print(out, String.join("; ", notApplicable), "Not applicable: ", "  ", style.width());
        }
    }

    /** "2 critical, 1 warning": how many findings of each severity, most severe first; empty for none. */
    public static String counts(List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Finding finding : findings) {
            counts.merge(finding.severity(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        for (Severity severity : new Severity[] {Severity.CRITICAL, Severity.WARNING, Severity.INFO}) {
            if (counts.containsKey(severity)) {
                parts.add(counts.get(severity) + " " + severity.label());
            }
        }
        return String.join(", ", parts);
    }

    /**
     * One rule's findings as one block: a single finding as {@link #renderFinding}; several under one heading naming
     * their scopes worst first, with the worst one's summary, evidence and fixes, and where the others are listed.
     */
    public static void renderGroup(FindingGroup group, PrintWriter out) {
        renderGroup(group, out, TextStyle.PLAIN);
    }

    public static void renderGroup(FindingGroup group, PrintWriter out, TextStyle style) {
        if (group.size() == 1) {
            renderFinding(group.worst(), false, out, style);
            return;
        }
        Finding worst = group.worst();
        int width = style.width();
        out.println();
        renderHeading(group.severity(), group.ruleId() + "  " + group.scopeLabel(), out, style);
        TextLayout.print(out, describeGroup(group) + "; the worst, " + worst.scope().label() + ":", "    ", "    ",
                width);
        renderBody(worst, false, out, style);
        TextLayout.print(out, "each: 'explain " + group.ruleId() + "' in 'sparkdoc shell', or -o html", "    ",
                "    ", width);
    }

    /** "6 findings (2 critical, 4 warning), about 1.2 min of wall time lost together". */
    public static String describeGroup(FindingGroup group) {
        return group.size() + " findings (" + counts(group.members()) + ")"
                + (group.timeLostMillis().isPresent()
                        ? ", about " + Formats.millis(group.timeLostMillis().getAsLong()) + " of wall time lost together"
                        : "");
    }

    /** The severity, coloured by {@code style}, then {@code text} wrapped under it. */
    private static void renderHeading(Severity severity, String text, PrintWriter out, TextStyle style) {
        List<String> head = TextLayout.wrap(text, "  " + String.format(Locale.ROOT, "%-8s", severity.name()) + " ",
                "           ", style.width());
        String name = severity.name();
        out.println("  " + style.severity(severity, name) + head.get(0).substring(2 + name.length()));
        head.stream().skip(1).forEach(out::println);
    }

    /**
     * One finding: severity, rule and scope, summary, evidence, the thresholds applied, then (with {@code explain})
     * the rule's explanation, and the fixes.
     */
    public static void renderFinding(Finding finding, boolean explain, PrintWriter out) {
        renderFinding(finding, explain, out, TextStyle.PLAIN);
    }

    public static void renderFinding(Finding finding, boolean explain, PrintWriter out, TextStyle style) {
        out.println();
        renderHeading(finding.severity(), finding.ruleId() + "  " + finding.scope().label(), out, style);
        renderBody(finding, explain, out, style);
    }

    private static void renderBody(Finding finding, boolean explain, PrintWriter out, TextStyle style) {
        int width = style.width();
        TextLayout.print(out, finding.summary(), "    ", "    ", width);
        for (Evidence evidence : finding.evidence()) {
            TextLayout.print(out, Formats.oneLine(evidence.display(), 300), "      " + evidence.name() + ": ",
                    "        ", width);
        }
        List<String> thresholds = new ArrayList<>();
        for (AppliedThreshold threshold : finding.thresholds()) {
            thresholds.add(threshold.name() + " " + threshold.display());
        }
        if (!thresholds.isEmpty()) {
            TextLayout.print(out, String.join(", ", thresholds), "      thresholds: ", "        ", width);
        }
        if (explain) {
            for (String paragraph : finding.explanation().split("\n")) {
                TextLayout.print(out, paragraph, "    ", "    ", width);
            }
        }
        for (Recommendation recommendation : finding.recommendations()) {
            if (recommendation instanceof Recommendation.ConfigChange change) {
                TextLayout.print(out, AdviceFormat.change(change) + ": " + change.why(), "    fix: ", "         ",
                        width);
            } else if (recommendation instanceof Recommendation.CodeChange change) {
                TextLayout.print(out, change.summary(), "    fix: ", "         ", width);
            }
        }
    }

    /** The merged configuration (--conf and spark-defaults.conf) and code changes; nothing when there are none. */
    public static void renderAdvice(Advice advice, PrintWriter out) {
        renderAdvice(advice, out, TextStyle.PLAIN);
    }

    /**
     * The advice for {@code style}. The spark-submit and spark-defaults.conf blocks and code snippets are code: not
     * wrapped (a wrapped {@code --conf k=v \} line would not paste), so they alone may exceed the width.
     */
    public static void renderAdvice(Advice advice, PrintWriter out, TextStyle style) {
        if (advice.isEmpty() && advice.notes().isEmpty()) {
            return;
        }
        int width = style.width();
        if (!advice.settings().isEmpty()) {
            out.println();
            out.println(style.heading("Recommended configuration (one consistent set)"));
            for (Advice.Setting setting : advice.settings()) {
                TextLayout.print(out, setting.intent().label() + " " + setting.key() + "=" + setting.proposedValue()
                        + "  (" + AdviceFormat.current(setting) + "; " + String.join(", ", setting.ruleIds()) + ")",
                        "  ", "      ", width);
                for (String note : setting.notes()) {
                    TextLayout.print(out, note, "      note: ", "            ", width);
                }
            }
            out.println();
            out.println("  spark-submit:");
            for (String line : AdviceFormat.sparkSubmit(advice).split("\n")) {
                out.println("    " + line);
            }
            out.println();
            out.println("  spark-defaults.conf:");
            for (String line : AdviceFormat.sparkDefaults(advice).split("\n")) {
                out.println("    " + line);
            }
        }
        if (!advice.notes().isEmpty()) {
            out.println();
            out.println(style.heading("Advice left out"));
            for (String note : advice.notes()) {
                TextLayout.print(out, note, "  ", "    ", width);
            }
        }
        if (!advice.codeChanges().isEmpty()) {
            out.println();
            out.println(style.heading("Code changes"));
            for (Recommendation.CodeChange change : advice.codeChanges()) {
                TextLayout.print(out, change.summary(), "  [" + change.kind() + "] ", "    ", width);
                TextLayout.print(out, change.why(), "    why: ", "         ", width);
                for (Map.Entry<String, String> snippet : change.snippets().entrySet()) {
                    out.println("    " + snippet.getKey() + ":");
                    for (String line : snippet.getValue().split("\n")) {
                        out.println("      " + line);
                    }
                }
            }
        }
    }
}
