package dev.sparkdoc.report;

import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.diagnosis.Advice;
import dev.sparkdoc.diagnosis.AppliedThreshold;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.FindingGroup;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.snapshot.ApplicationInfo;
import java.io.PrintWriter;
import java.util.Map;

/** A Markdown report to paste into a ticket or a pull request. Text from the log is escaped. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static void render(DiagnosedLog diagnosed, PrintWriter out) {
        ApplicationInfo info = diagnosed.log().application().application();
        out.println("# sparkdoc: " + escape(info.name()) + info.id().map(id -> " (`" + code(id) + "`)").orElse(""));
        out.println();
        out.println("- Spark " + escape(info.sparkVersion().orElse("unknown")) + ", "
                + info.durationMillis().stream().mapToObj(Formats::millis).findFirst().orElse("duration unknown")
                + (info.complete() ? "" : ", **incomplete**: " + escape(String.join("; ", info.incompleteReasons()))));
        out.println("- Log: `" + code(diagnosed.log().source().displayName()) + "`");
        out.println();
        out.println("## Findings");
        out.println();
        if (diagnosed.diagnosis().findings().isEmpty()) {
            out.println("None.");
        }
        for (FindingGroup group : diagnosed.diagnosis().findingGroups()) {
            Finding finding = group.worst();
            out.println("### " + group.severity().name() + " `" + group.ruleId() + "` " + escape(
                    group.scopeLabel()));
            out.println();
            if (group.size() > 1) {
                out.println(escape(FindingsText.describeGroup(group)) + "; the worst, "
                        + escape(finding.scope().label()) + ":");
                out.println();
            }
            out.println(escape(finding.summary()));
            out.println();
            out.println("| evidence | value |");
            out.println("|---|---|");
            for (Evidence evidence : finding.evidence()) {
                out.println("| " + escape(evidence.name()) + " | " + escape(Formats.oneLine(evidence.display(), 300))
                        + " |");
            }
            for (AppliedThreshold threshold : finding.thresholds()) {
                out.println("| threshold " + threshold.name() + " | " + escape(threshold.display()) + " |");
            }
            out.println();
            out.println("*Why it matters:* " + escape(finding.explanation()));
            out.println();
            for (Recommendation recommendation : finding.recommendations()) {
                if (recommendation instanceof Recommendation.ConfigChange change) {
                    out.println("- " + capitalized(change.intent().label()) + " `" + code(change.key()) + "="
                            + code(change.proposedValue()) + "` (now "
                            + change.currentValue().map(v -> "`" + code(v) + "`").orElse("not set") + "): "
                            + escape(change.why()));
                } else if (recommendation instanceof Recommendation.CodeChange change) {
                    out.println("- " + escape(change.summary()) + " " + escape(change.why()));
                }
            }
            out.println();
            if (group.size() > 1) {
                out.println("| where, worst first | severity | wall time lost | summary |");
                out.println("|---|---|---|---|");
                for (Finding member : group.members()) {
                    out.println("| " + escape(member.scope().label()) + " | " + member.severity().label() + " | "
                            + member.timeLostMillis().stream().mapToObj(Formats::millis).findFirst().orElse("-")
                            + " | " + escape(member.summary()) + " |");
                }
                out.println();
            }
        }
        for (RuleOutcome outcome : diagnosed.diagnosis().outcomes()) {
            outcome.notApplicable().ifPresent(reason -> out.println("- `" + outcome.ruleId()
                    + "`: not applicable (" + escape(reason) + ")"));
        }
        Advice advice = diagnosed.diagnosis().advice();
        if (!advice.settings().isEmpty()) {
            out.println();
            out.println("## Recommended configuration");
            out.println();
            out.println("```properties");
            out.print(AdviceFormat.sparkDefaults(advice));
            out.println("```");
            out.println();
            out.println("```sh");
            out.println(AdviceFormat.sparkSubmit(advice));
            out.println("```");
            for (Advice.Setting setting : advice.settings()) {
                for (String note : setting.notes()) {
                    out.println();
                    out.println("- `" + code(setting.key()) + "`: " + escape(note));
                }
            }
        }
        if (!advice.notes().isEmpty()) {
            out.println();
            out.println("## Advice left out");
            out.println();
            for (String note : advice.notes()) {
                out.println("- " + escape(note));
            }
        }
        if (!advice.codeChanges().isEmpty()) {
            out.println();
            out.println("## Code changes");
            for (Recommendation.CodeChange change : advice.codeChanges()) {
                out.println();
                out.println("### " + escape(change.summary()));
                out.println();
                out.println(escape(change.why()));
                for (Map.Entry<String, String> snippet : change.snippets().entrySet()) {
                    out.println();
                    out.println("```" + (snippet.getKey().equals("pyspark") ? "python" : snippet.getKey()));
                    out.print(snippet.getValue());
                    out.println("```");
                }
            }
        }
        out.flush();
    }

    /** Escapes Markdown and HTML in text taken from a log. */
    static String escape(String text) {
        String line = Formats.oneLine(text, 2000);
        StringBuilder escaped = new StringBuilder(line.length());
        for (char c : line.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '|', '#' -> escaped.append('\\').append(c);
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String code(String text) {
        return Formats.oneLine(text, 500).replace("`", "'");
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
