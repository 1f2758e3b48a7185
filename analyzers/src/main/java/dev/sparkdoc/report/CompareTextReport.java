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
        render(comparison, out, TextStyle.PLAIN);
    }

    /** The comparison laid out for {@code style}: lines wrapped at spaces to its width, names cut to fit. */
    public static void render(Comparison comparison, PrintWriter out, TextStyle style) {
        int width = style.width();
        TextLayout.field(out, "Baseline", CompareText.application(comparison.baseline().log().application()
                .application()) + "  " + comparison.baseline().log().source().displayName(), 11, width);
        TextLayout.field(out, "Candidate", CompareText.application(comparison.candidate().log().application()
                .application()) + "  " + comparison.candidate().log().source().displayName(), 11, width);
        TextLayout.field(out, "Threshold", "regressed or improved: a " + comparison.threshold().describe(), 11,
                width);
        TextLayout.field(out, "Wall time", CompareText.duration(comparison.baselineWallMillis(),
                comparison.candidateWallMillis()) + "  " + verdict(comparison.wallTime()), 11, width);
        TextLayout.field(out, "Stages", CompareText.verdicts(comparison) + " (" + comparison.stages().size()
                + " matched, " + comparison.appearedStages().size() + " appeared, "
                + comparison.disappearedStages().size() + " disappeared)", 11, width);
        for (String warning : comparison.warnings()) {
            TextLayout.print(out, warning, "warning: ", "  ", width);
        }
        out.println();
        stages(comparison, out, style);
        jobs(comparison, out, style);
        findings(comparison, out, style);
        config(comparison, out, style);
        out.flush();
    }

    private static String verdict(Verdict verdict) {
        return verdict == Verdict.SAME || verdict == Verdict.UNKNOWN ? verdict.label()
                : verdict.name().toUpperCase(Locale.ROOT);
    }

    private static void stages(Comparison comparison, PrintWriter out, TextStyle style) {
        int width = style.width();
        TextLayout.print(out, "Matched stages (by call site, SQL plan shape and DAG position; ids shift between"
                + " runs)", "", "  ", width);
        if (comparison.stages().isEmpty()) {
            out.println("  (none)");
        }
        for (StageComparison stage : comparison.stages()) {
            String head = String.format(Locale.ROOT, "  %-10s %-16s ", verdict(stage.verdict()),
                    CompareText.stages(stage));
            String match = stage.match() == Comparison.MatchKind.EXACT ? "" : "  [" + stage.match().description()
                    + "]";
            String name = Formats.oneLine(stage.baseline().name(), 70);
            if (head.length() + name.length() + match.length() <= width) {
                out.println(head + name + match);
            } else {
                // the name cut to the line, how the stage was matched wrapped below it
                out.println(head + TextLayout.fit(name, Math.max(12, width - head.length())));
                if (!match.isEmpty()) {
                    TextLayout.print(out, match.strip(), "             ", "              ", width);
                }
            }
            // one delta per piece: a break falls between deltas, never inside "3.1 s → 2.0 s"
            StringBuilder line = new StringBuilder("             ");
            boolean first = true;
            for (String[] delta : CompareText.deltas(stage)) {
                String piece = (first ? "" : "\u00b7 ") + delta[0] + " " + delta[1];
                if (!first && line.length() + 1 + piece.length() > width) {
                    out.println(line);
                    line = new StringBuilder("             ");
                } else if (!first) {
                    line.append(' ');
                }
                line.append(piece);
                first = false;
            }
            out.println(line);
        }
        unmatched("Appeared stages (candidate only)", comparison.appearedStages(), out, width);
        unmatched("Disappeared stages (baseline only)", comparison.disappearedStages(), out, width);
        out.println();
    }

    private static void unmatched(String title, List<StageRun> stages, PrintWriter out, int width) {
        if (stages.isEmpty()) {
            return;
        }
        out.println(title);
        for (StageRun stage : stages) {
            TextLayout.print(out, stage.label() + "  " + Formats.oneLine(stage.name(), 70) + "  "
                    + (stage.durationMillis().isPresent() ? Formats.millis(stage.durationMillis().getAsLong()) : "-")
                    + ", " + Formats.count(stage.tasks()) + " tasks", "  ", "    ", width);
        }
    }

    private static void jobs(Comparison comparison, PrintWriter out, TextStyle style) {
        int width = style.width();
        out.println("Jobs");
        if (comparison.jobs().isEmpty() && comparison.appearedJobs().isEmpty()
                && comparison.disappearedJobs().isEmpty()) {
            out.println("  (none)");
        }
        for (JobComparison job : comparison.jobs()) {
            String head = String.format(Locale.ROOT, "  %-10s %-16s ", verdict(job.verdict()), CompareText.job(job));
            String duration = "  " + CompareText.duration(job.baseline().durationMillis(),
                    job.candidate().durationMillis());
            out.println(head + TextLayout.fit(Formats.oneLine(job.callSite(), 60),
                    Math.max(12, width - head.length() - duration.length())) + duration);
        }
        for (Job job : comparison.appearedJobs()) {
            TextLayout.print(out, "job " + job.id() + "  " + Formats.oneLine(job.description().orElse(""), 60),
                    "  appeared   ", "             ", width);
        }
        for (Job job : comparison.disappearedJobs()) {
            TextLayout.print(out, "job " + job.id() + "  " + Formats.oneLine(job.description().orElse(""), 60),
                    "  gone       ", "             ", width);
        }
        out.println();
    }

    private static void findings(Comparison comparison, PrintWriter out, TextStyle style) {
        int width = style.width();
        out.println("Findings (by rule and matched scope)");
        if (comparison.findings().isEmpty()) {
            out.println("  (none in either run)");
        }
        for (FindingChange change : comparison.findings()) {
            TextLayout.print(out, CompareText.finding(change), String.format(Locale.ROOT, "  %-11s ",
                    change.change().label()), "              ", width);
            TextLayout.print(out, Formats.oneLine(change.finding().summary(), 160), "              ",
                    "              ", width);
        }
        out.println();
    }

    private static void config(Comparison comparison, PrintWriter out, TextStyle style) {
        int width = style.width();
        TextLayout.print(out, "Configuration (Spark properties that differ, redacted as Spark redacts them)", "",
                "  ", width);
        if (comparison.config().isEmpty()) {
            out.println("  (no difference)");
        }
        for (ConfigDifference difference : comparison.config()) {
            TextLayout.print(out, CompareText.config(difference), "  ", "      ", width);
        }
        if (!comparison.ignoredConfigKeys().isEmpty()) {
            TextLayout.print(out, "(ignored, they differ in every run: " + String.join(", ",
                    comparison.ignoredConfigKeys()) + ")", "  ", "   ", width);
        }
    }
}
