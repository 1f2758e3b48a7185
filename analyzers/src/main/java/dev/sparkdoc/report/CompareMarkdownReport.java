package dev.sparkdoc.report;

import dev.sparkdoc.compare.Comparison;
import dev.sparkdoc.compare.Comparison.ConfigDifference;
import dev.sparkdoc.compare.Comparison.FindingChange;
import dev.sparkdoc.compare.Comparison.JobComparison;
import dev.sparkdoc.compare.Comparison.StageComparison;
import dev.sparkdoc.compare.StageRun;
import dev.sparkdoc.compare.Verdict;
import dev.sparkdoc.quantity.Formats;
import java.io.PrintWriter;
import java.util.List;

/** {@code sparkdoc compare -o markdown}: for a pull request or a ticket. Text from the logs is escaped. */
public final class CompareMarkdownReport {

    private CompareMarkdownReport() {
    }

    public static void render(Comparison comparison, PrintWriter out) {
        out.println("# sparkdoc compare: " + MarkdownReport.escape(CompareText.application(
                comparison.baseline().log().application().application())) + " " + CompareText.ARROW + " "
                + MarkdownReport.escape(CompareText.application(
                        comparison.candidate().log().application().application())));
        out.println();
        out.println("- Baseline: `" + code(comparison.baseline().log().source().displayName()) + "`");
        out.println("- Candidate: `" + code(comparison.candidate().log().source().displayName()) + "`");
        out.println("- Threshold: regressed or improved: a " + MarkdownReport.escape(comparison.threshold().describe()));
        out.println("- Wall time: " + MarkdownReport.escape(CompareText.duration(comparison.baselineWallMillis(),
                comparison.candidateWallMillis())) + " **" + comparison.wallTime().label() + "**");
        out.println("- Stages: " + CompareText.verdicts(comparison) + " (" + comparison.stages().size()
                + " matched, " + comparison.appearedStages().size() + " appeared, "
                + comparison.disappearedStages().size() + " disappeared)");
        for (String warning : comparison.warnings()) {
            out.println("- **Warning:** " + MarkdownReport.escape(warning));
        }
        out.println();
        out.println("## Matched stages");
        out.println();
        if (comparison.stages().isEmpty()) {
            out.println("None.");
        } else {
            StringBuilder header = new StringBuilder("| verdict | stage | ");
            StringBuilder rule = new StringBuilder("|---|---|");
            for (String[] delta : CompareText.deltas(comparison.stages().get(0))) {
                header.append(delta[0]).append(" | ");
                rule.append("---|");
            }
            out.println(header.append("name |"));
            out.println(rule.append("---|"));
            for (StageComparison stage : comparison.stages()) {
                StringBuilder row = new StringBuilder("| ").append(verdict(stage.verdict())).append(" | ")
                        .append(CompareText.stages(stage)).append(" | ");
                for (String[] delta : CompareText.deltas(stage)) {
                    row.append(MarkdownReport.escape(delta[1])).append(" | ");
                }
                row.append(MarkdownReport.escape(Formats.oneLine(stage.baseline().name(), 80)))
                        .append(stage.match() == Comparison.MatchKind.EXACT ? "" : " (" + stage.match().description()
                                + ")")
                        .append(" |");
                out.println(row);
            }
        }
        out.println();
        unmatched("Appeared stages (candidate only)", comparison.appearedStages(), out);
        unmatched("Disappeared stages (baseline only)", comparison.disappearedStages(), out);
        out.println("## Jobs");
        out.println();
        if (comparison.jobs().isEmpty()) {
            out.println("No job matched.");
        } else {
            out.println("| verdict | job | duration | call site |");
            out.println("|---|---|---|---|");
            for (JobComparison job : comparison.jobs()) {
                out.println("| " + verdict(job.verdict()) + " | " + CompareText.job(job) + " | "
                        + MarkdownReport.escape(CompareText.duration(job.baseline().durationMillis(),
                                job.candidate().durationMillis())) + " | "
                        + MarkdownReport.escape(Formats.oneLine(job.callSite(), 80)) + " |");
            }
        }
        out.println();
        out.println("## Findings");
        out.println();
        if (comparison.findings().isEmpty()) {
            out.println("None in either run.");
        }
        for (FindingChange change : comparison.findings()) {
            out.println("- **" + change.change().label() + "** `" + change.finding().ruleId() + "` ("
                    + severity(change) + ") " + MarkdownReport.escape(change.scope()) + ": "
                    + MarkdownReport.escape(change.finding().summary()));
        }
        out.println();
        out.println("## Configuration");
        out.println();
        if (comparison.config().isEmpty()) {
            out.println("No Spark property differs.");
        } else {
            out.println("| property | baseline | candidate |");
            out.println("|---|---|---|");
            for (ConfigDifference difference : comparison.config()) {
                out.println("| `" + code(difference.key()) + "` | " + value(difference.baseline()) + " | "
                        + value(difference.candidate()) + " |");
            }
        }
        if (!comparison.ignoredConfigKeys().isEmpty()) {
            out.println();
            out.println("Ignored, they differ in every run: " + MarkdownReport.escape(String.join(", ",
                    comparison.ignoredConfigKeys())) + ".");
        }
        out.flush();
    }

    private static String verdict(Verdict verdict) {
        return verdict == Verdict.REGRESSED || verdict == Verdict.IMPROVED ? "**" + verdict.label() + "**"
                : verdict.label();
    }

    private static String severity(FindingChange change) {
        return MarkdownReport.escape(CompareText.severity(change));
    }

    private static void unmatched(String title, List<StageRun> stages, PrintWriter out) {
        if (stages.isEmpty()) {
            return;
        }
        out.println("### " + title);
        out.println();
        for (StageRun stage : stages) {
            out.println("- " + MarkdownReport.escape(stage.label() + ": " + Formats.oneLine(stage.name(), 80) + ", "
                    + (stage.durationMillis().isPresent() ? Formats.millis(stage.durationMillis().getAsLong()) : "-")
                    + ", " + Formats.count(stage.tasks()) + " tasks"));
        }
        out.println();
    }

    private static String value(java.util.Optional<String> value) {
        return value.map(v -> "`" + code(v) + "`").orElse("*not set*");
    }

    private static String code(String text) {
        return Formats.oneLine(text, 300).replace("`", "'").replace("|", "\\|");
    }
}
