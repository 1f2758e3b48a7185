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
        renderFindings(diagnosis, out);
        renderAdvice(diagnosis.advice(), out);
    }

    /** The findings with their evidence and fixes, and the rules that could not judge the log. */
    public static void renderFindings(Diagnosis diagnosis, PrintWriter out) {
        List<Finding> findings = diagnosis.findings();
        List<FindingGroup> groups = diagnosis.findingGroups();
        out.println(findings.isEmpty() ? "Findings: none" : "Findings (" + counts(findings) + ")"
                + (groups.size() < findings.size() ? " from " + groups.size() + (groups.size() == 1 ? " rule" : " rules")
                        : ""));
        for (FindingGroup group : groups) {
            renderGroup(group, out);
        }
        List<String> notApplicable = new ArrayList<>();
        for (RuleOutcome outcome : diagnosis.outcomes()) {
            outcome.notApplicable().ifPresent(reason -> notApplicable.add(outcome.ruleId() + " (" + reason + ")"));
        }
        if (!notApplicable.isEmpty()) {
            out.println();
            out.println("Not applicable: " + String.join("; ", notApplicable));
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
        if (group.size() == 1) {
            renderFinding(group.worst(), false, out);
            return;
        }
        Finding worst = group.worst();
        out.println();
        out.println("  " + String.format(Locale.ROOT, "%-8s", group.severity().name()) + " " + group.ruleId()
                + "  " + group.scopeLabel());
        out.println("    " + describeGroup(group) + "; the worst, " + worst.scope().label() + ":");
        renderBody(worst, false, out);
        out.println("    each: 'explain " + group.ruleId() + "' in 'sparkdoc shell', or -o html");
    }

    /** "6 findings (2 critical, 4 warning), about 1.2 min of wall time lost together". */
    public static String describeGroup(FindingGroup group) {
        return group.size() + " findings (" + counts(group.members()) + ")"
                + (group.timeLostMillis().isPresent()
                        ? ", about " + Formats.millis(group.timeLostMillis().getAsLong()) + " of wall time lost together"
                        : "");
    }

    /**
     * One finding: severity, rule and scope, summary, evidence, the thresholds applied, then (with {@code explain})
     * the rule's explanation, and the fixes.
     */
    public static void renderFinding(Finding finding, boolean explain, PrintWriter out) {
        out.println();
        out.println("  " + String.format(Locale.ROOT, "%-8s", finding.severity().name()) + " " + finding.ruleId()
                + "  " + finding.scope().label());
        renderBody(finding, explain, out);
    }

    private static void renderBody(Finding finding, boolean explain, PrintWriter out) {
        out.println("    " + finding.summary());
        for (Evidence evidence : finding.evidence()) {
            out.println("      " + evidence.name() + ": " + Formats.oneLine(evidence.display(), 300));
        }
        List<String> thresholds = new ArrayList<>();
        for (AppliedThreshold threshold : finding.thresholds()) {
            thresholds.add(threshold.name() + " " + threshold.display());
        }
        if (!thresholds.isEmpty()) {
            out.println("      thresholds: " + String.join(", ", thresholds));
        }
        if (explain) {
            out.println("    " + finding.explanation());
        }
        for (Recommendation recommendation : finding.recommendations()) {
            if (recommendation instanceof Recommendation.ConfigChange change) {
                out.println("    fix: " + AdviceFormat.change(change) + ": " + change.why());
            } else if (recommendation instanceof Recommendation.CodeChange change) {
                out.println("    fix: " + change.summary());
            }
        }
    }

    /** The merged configuration (--conf and spark-defaults.conf) and code changes; nothing when there are none. */
    public static void renderAdvice(Advice advice, PrintWriter out) {
        if (advice.isEmpty() && advice.notes().isEmpty()) {
            return;
        }
        if (!advice.settings().isEmpty()) {
            out.println();
            out.println("Recommended configuration (one consistent set)");
            for (Advice.Setting setting : advice.settings()) {
                out.println("  " + setting.intent().label() + " " + setting.key() + "=" + setting.proposedValue()
                        + "  (" + AdviceFormat.current(setting) + "; " + String.join(", ", setting.ruleIds()) + ")");
                for (String note : setting.notes()) {
                    out.println("      note: " + note);
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
            out.println("Advice left out");
            for (String note : advice.notes()) {
                out.println("  " + note);
            }
        }
        if (!advice.codeChanges().isEmpty()) {
            out.println();
            out.println("Code changes");
            for (Recommendation.CodeChange change : advice.codeChanges()) {
                out.println("  [" + change.kind() + "] " + change.summary());
                out.println("    why: " + change.why());
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
