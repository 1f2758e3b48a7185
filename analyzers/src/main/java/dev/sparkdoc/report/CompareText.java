package dev.sparkdoc.report;

import dev.sparkdoc.compare.Comparison;
import dev.sparkdoc.compare.Comparison.ConfigDifference;
import dev.sparkdoc.compare.Comparison.FindingChange;
import dev.sparkdoc.compare.Comparison.JobComparison;
import dev.sparkdoc.compare.Comparison.StageComparison;
import dev.sparkdoc.compare.StageRun;
import dev.sparkdoc.compare.Verdict;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.quantity.SkewRatio;
import dev.sparkdoc.snapshot.ApplicationInfo;
import dev.sparkdoc.snapshot.Distribution;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * The words and numbers every compare report shares (text, markdown, HTML): a quantity before and after, a
 * duration change with its percentage, the skew ratio by the one policy ({@link SkewRatio}).
 */
final class CompareText {

    static final String ARROW = "\u2192";

    private CompareText() {
    }

    /** "7.9 s → 2.1 s": the same formatter on both sides. */
    static String pair(long before, long after, LongFunction<String> format) {
        return format.apply(before) + " " + ARROW + " " + format.apply(after);
    }

    static String pair(OptionalLong before, OptionalLong after, LongFunction<String> format) {
        return (before.isPresent() ? format.apply(before.getAsLong()) : "-") + " " + ARROW + " "
                + (after.isPresent() ? format.apply(after.getAsLong()) : "-");
    }

    /** "+5.8 s, +73%" or "-5.8 s, -73%", "no change"; empty when a side has no duration. */
    static String change(OptionalLong before, OptionalLong after) {
        if (before.isEmpty() || after.isEmpty()) {
            return "";
        }
        long delta = after.getAsLong() - before.getAsLong();
        if (delta == 0) {
            return "no change";
        }
        String sign = delta > 0 ? "+" : "-";
        String percent = before.getAsLong() == 0 ? "" : ", " + sign
                + Formats.percent(Math.abs(delta) / (double) before.getAsLong());
        return sign + Formats.millis(Math.abs(delta)) + percent;
    }

    /** The duration line of a stage, job or application: "7.9 s → 2.1 s (-5.8 s, -73%)". */
    static String duration(OptionalLong before, OptionalLong after) {
        String change = change(before, after);
        return pair(before, after, Formats::millis) + (change.isEmpty() ? "" : " (" + change + ")");
    }

    /** Task-duration max / median by {@link SkewRatio}, "undefined (median 0)" where it is. */
    static String skew(Distribution distribution) {
        return distribution.count() == 0 || distribution.max() == 0 ? "-" : distribution.describeMaxOverMedian();
    }

    static String stages(StageComparison stage) {
        return "stage " + stage.baseline().stageId() + " " + ARROW + " " + stage.candidate().stageId();
    }

    /** The deltas of a matched stage, labelled, in the order every renderer shows them. */
    static List<String[]> deltas(StageComparison stage) {
        StageRun before = stage.baseline();
        StageRun after = stage.candidate();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"duration", duration(before.durationMillis(), after.durationMillis())});
        rows.add(new String[] {"tasks", pair(before.tasks(), after.tasks(), Formats::count)});
        rows.add(new String[] {"shuffle read", pair(before.shuffleReadBytes(), after.shuffleReadBytes(),
                Formats::bytes)});
        rows.add(new String[] {"shuffle write", pair(before.shuffleWriteBytes(), after.shuffleWriteBytes(),
                Formats::bytes)});
        rows.add(new String[] {"spill (disk)", pair(before.spillDiskBytes(), after.spillDiskBytes(), Formats::bytes)});
        rows.add(new String[] {"GC", pair(before.gcMillis(), after.gcMillis(), Formats::millis)});
        rows.add(new String[] {"skew (task duration max/median)", skew(before.taskDurations()) + " " + ARROW + " "
                + skew(after.taskDurations())});
        rows.add(new String[] {"skew (shuffle read max/median)", skew(before.shuffleReadDistribution()) + " " + ARROW
                + " " + skew(after.shuffleReadDistribution())});
        return rows;
    }

    static String application(ApplicationInfo info) {
        return Formats.oneLine(info.name(), 80) + info.id().map(id -> " (" + id + ")").orElse("");
    }

    static String job(JobComparison job) {
        return "job " + job.baseline().id() + " " + ARROW + " " + job.candidate().id();
    }

    static String value(java.util.Optional<String> value) {
        return value.map(v -> Formats.oneLine(v, 100)).orElse("(not set)");
    }

    static String config(ConfigDifference difference) {
        return difference.key() + ": " + value(difference.baseline()) + " " + ARROW + " "
                + value(difference.candidate());
    }

    static String finding(FindingChange change) {
        return change.finding().ruleId() + " (" + severity(change) + ") " + change.scope();
    }

    /** "critical", or "critical → warning" when the severity changed between the runs. */
    static String severity(FindingChange change) {
        return change.baseline().isPresent() && change.candidate().isPresent()
                && change.baseline().get().severity() != change.candidate().get().severity()
                ? change.baseline().get().severity().label() + " " + ARROW + " "
                        + change.candidate().get().severity().label()
                : change.finding().severity().label();
    }

    /** The verdict count line: "1 regressed, 0 improved, 2 same". */
    static String verdicts(Comparison comparison) {
        List<String> parts = new ArrayList<>();
        for (Verdict verdict : Verdict.values()) {
            long count = comparison.count(verdict);
            if (count > 0 || verdict != Verdict.UNKNOWN) {
                parts.add(count + " " + verdict.label());
            }
        }
        return String.join(", ", parts);
    }
}
