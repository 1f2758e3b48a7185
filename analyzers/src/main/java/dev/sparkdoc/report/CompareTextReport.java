package dev.sparkdoc.report;

import dev.sparkdoc.compare.Comparison;
import dev.sparkdoc.compare.Comparison.ConfigDifference;
import dev.sparkdoc.compare.Comparison.FindingChange;
import dev.sparkdoc.compare.Comparison.JobComparison;
import dev.sparkdoc.compare.Comparison.StageComparison;
import dev.sparkdoc.compare.StageRun;
import dev.sparkdoc.compare.Verdict;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.snapshot.Job;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code sparkdoc compare} as text: the verdicts first, then stages, jobs, findings and configuration. */
public final class CompareTextReport {

    private CompareTextReport() {
    }

    public static void render(Comparison comparison, PrintWriter out) {
        out.println("Baseline   " + CompareText.application(comparison.baseline().log().application().application())
                + "  " + comparison.baseline().log().source().displayName());
        out.println("Candidate  " + CompareText.application(comparison.candidate().log().application().application())
                + "  " + comparison.candidate().log().source().displayName());
        out.println("Threshold  regressed or improved: a " + comparison.threshold().describe());
        out.println("Wall time  " + CompareText.duration(comparison.baselineWallMillis(),
                comparison.candidateWallMillis()) + "  " + verdict(comparison.wallTime()));
        out.println("Stages     " + CompareText.verdicts(comparison) + " (" + comparison.stages().size()
                + " matched, " + comparison.appearedStages().size() + " appeared, "
                + comparison.disappearedStages().size() + " disappeared)");
        for (String warning : comparison.warnings()) {
            out.println("warning: " + warning);
        }
        out.println();
        stages(comparison, out);
        jobs(comparison, out);
        findings(comparison, out);
        config(comparison, out);
        out.flush();
    }

    private static String verdict(Verdict verdict) {
        return verdict == Verdict.SAME || verdict == Verdict.UNKNOWN ? verdict.label()
                : verdict.name().toUpperCase(Locale.ROOT);
    }

    private static void stages(Comparison comparison, PrintWriter out) {
        out.println("Matched stages (by call site, SQL plan shape and DAG position; ids shift between runs)");
        if (comparison.stages().isEmpty()) {
            out.println("  (none)");
        }
        for (StageComparison stage : comparison.stages()) {
            out.printf(Locale.ROOT, "  %-10s %-16s %s%s%n", verdict(stage.verdict()), CompareText.stages(stage),
                    Formats.oneLine(stage.baseline().name(), 70),
                    stage.match() == Comparison.MatchKind.EXACT ? "" : "  [" + stage.match().description() + "]");
            StringBuilder line = new StringBuilder();
            for (String[] delta : CompareText.deltas(stage)) {
                line.append(line.length() == 0 ? "" : " \u00b7 ").append(delta[0]).append(' ').append(delta[1]);
            }
            out.println("             " + line);
        }
        unmatched("Appeared stages (candidate only)", comparison.appearedStages(), out);
        unmatched("Disappeared stages (baseline only)", comparison.disappearedStages(), out);
        out.println();
    }

    private static void unmatched(String title, List<StageRun> stages, PrintWriter out) {
        if (stages.isEmpty()) {
            return;
        }
        out.println(title);
        for (StageRun stage : stages) {
            out.println("  " + stage.label() + "  " + Formats.oneLine(stage.name(), 70) + "  "
                    + (stage.durationMillis().isPresent() ? Formats.millis(stage.durationMillis().getAsLong()) : "-")
                    + ", " + Formats.count(stage.tasks()) + " tasks");
        }
    }

    private static void jobs(Comparison comparison, PrintWriter out) {
        out.println("Jobs");
        if (comparison.jobs().isEmpty() && comparison.appearedJobs().isEmpty()
                && comparison.disappearedJobs().isEmpty()) {
            out.println("  (none)");
        }
        for (JobComparison job : comparison.jobs()) {
            out.printf(Locale.ROOT, "  %-10s %-16s %s  %s%n", verdict(job.verdict()), CompareText.job(job),
                    Formats.oneLine(job.callSite(), 60),
                    CompareText.duration(job.baseline().durationMillis(), job.candidate().durationMillis()));
        }
        for (Job job : comparison.appearedJobs()) {
            out.println("  appeared   job " + job.id() + "  " + Formats.oneLine(job.description().orElse(""), 60));
        }
        for (Job job : comparison.disappearedJobs()) {
            out.println("  gone       job " + job.id() + "  " + Formats.oneLine(job.description().orElse(""), 60));
        }
        out.println();
    }

    private static void findings(Comparison comparison, PrintWriter out) {
        out.println("Findings (by rule and matched scope)");
        if (comparison.findings().isEmpty()) {
            out.println("  (none in either run)");
        }
        for (FindingChange change : comparison.findings()) {
            out.printf(Locale.ROOT, "  %-11s %s%n", change.change().label(), CompareText.finding(change));
            out.println("              " + Formats.oneLine(change.finding().summary(), 160));
        }
        out.println();
    }

    private static void config(Comparison comparison, PrintWriter out) {
        out.println("Configuration (Spark properties that differ, redacted as Spark redacts them)");
        if (comparison.config().isEmpty()) {
            out.println("  (no difference)");
        }
        for (ConfigDifference difference : comparison.config()) {
            out.println("  " + CompareText.config(difference));
        }
        if (!comparison.ignoredConfigKeys().isEmpty()) {
            out.println("  (ignored, they differ in every run: " + String.join(", ", comparison.ignoredConfigKeys())
                    + ")");
        }
    }
}
