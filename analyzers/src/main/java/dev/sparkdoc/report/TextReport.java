package dev.sparkdoc.report;

import dev.sparkdoc.diagnosis.analyzer.TaskAttemptCounts;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.ReadSummary;
import dev.sparkdoc.snapshot.ApplicationInfo;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.ExecutorSummary;
import dev.sparkdoc.snapshot.Job;
import dev.sparkdoc.snapshot.SqlExecution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The readable overview of one application: who, when, how much, and the stages that took the time. */
public final class TextReport {

    private static final int SLOWEST_STAGES = 5;
    private static final int STAGE_TABLE_LIMIT = 40;

    private TextReport() {
    }

    public static void render(DiagnosedLog diagnosed, PrintWriter out) {
        render(diagnosed, out, TextStyle.PLAIN);
    }

    /** The overview and the findings, laid out for {@code style}. */
    public static void render(DiagnosedLog diagnosed, PrintWriter out, TextStyle style) {
        render(diagnosed.log(), out, style);
        out.println();
        FindingsText.render(diagnosed.diagnosis(), out, style);
    }

    /** The overview alone, without findings. */
    public static void render(AnalyzedLog log, PrintWriter out) {
        render(log, out, TextStyle.PLAIN);
    }

    public static void render(AnalyzedLog log, PrintWriter out, TextStyle style) {
        renderSummary(log, out, style);
        out.println();
        renderStageTable(log.application(), out, style);
        renderSlowest(log.application(), out, style);
    }

    /** Who, when, which log, and how many executors, jobs, stages and tasks: the overview's first block. */
    public static void renderSummary(AnalyzedLog log, PrintWriter out) {
        renderSummary(log, out, TextStyle.PLAIN);
    }

    public static void renderSummary(AnalyzedLog log, PrintWriter out, TextStyle style) {
        ApplicationSnapshot app = log.application();
        ApplicationInfo info = app.application();
        Fields fields = new Fields(out, style);
        fields.add("Application", Formats.oneLine(info.name(), 100)
                + info.id().map(id -> "  (" + id + info.attemptId().map(a -> ", attempt " + a).orElse("") + ")")
                        .orElse(""));
        fields.add("Spark", info.sparkVersion().orElse("unknown version")
                + (info.user().isEmpty() ? "" : ", user " + Formats.oneLine(info.user(), 40)));
        StringBuilder when = new StringBuilder();
        info.startTime().ifPresent(start -> when.append("started ").append(Formats.timestamp(start)));
        info.durationMillis().ifPresent(duration -> when.append(when.length() > 0 ? ", " : "")
                .append(info.complete() ? "ran " : "ran at least ").append(Formats.millis(duration)));
        info.exitCode().ifPresent(code -> when.append(", exit code ").append(code));
        fields.add("Run", when.length() == 0 ? "no timestamps in the log" : when.toString());
        if (info.complete()) {
            fields.add("Status", "complete");
        } else {
            fields.add("Status", "INCOMPLETE");
            for (String reason : info.incompleteReasons()) {
                TextLayout.print(out, reason, INDENT + "- ", INDENT + "  ", style.width());
            }
        }
        renderSource(log.source(), log.read(), fields);
        renderCounts(app, fields);
    }

    /** The label column of the overview's first block. */
    private static final String INDENT = " ".repeat(13);

    /** "Label        value" lines, the value wrapped in its column to the width. */
    private record Fields(PrintWriter out, TextStyle style) {
        void add(String label, String value) {
            TextLayout.field(out, label, value, INDENT.length(), style.width());
        }

        void more(String value) {
            add("", value);
        }
    }

    private static void renderSource(EventLogSource source, ReadSummary read, Fields fields) {
        StringBuilder line = new StringBuilder(source.displayName()).append(" (")
                .append(source.layout().description());
        if (source.parts().size() > 1) {
            line.append(", ").append(source.parts().size()).append(" parts");
        }
        line.append(")");
        fields.add("Log", line.toString());
        fields.more(Formats.count(read.events()) + " events read, "
                + Formats.bytes(read.uncompressedBytes()) + " of JSON"
                + (read.rawBytes() != read.uncompressedBytes() ? " from " + Formats.bytes(read.rawBytes()) : "")
                + (read.skippedEventCount() > 0 ? "; " + Formats.count(read.skippedEventCount())
                        + " events of kinds not used skipped" : ""));
        if (read.malformedLineCount() > 0) {
            fields.more(Formats.count(read.malformedLineCount())
                    + " malformed line(s) skipped, first at line " + read.malformedLines().get(0).lineNumber());
        }
    }

    private static void renderCounts(ApplicationSnapshot app, Fields out) {
        List<ExecutorSummary> executors = app.executors().stream().filter(e -> !e.isDriver()).toList();
        int cores = executors.stream().mapToInt(ExecutorSummary::totalCores).sum();
        long removed = executors.stream().filter(e -> e.removeTime().isPresent()).count();
        String executorLine = executors.isEmpty()
                ? "driver only (local mode)"
                : executors.size() + " (" + cores + " cores in all)" + (removed > 0 ? ", " + removed + " removed" : "");
        out.add("Executors", executorLine);

        Map<Job.Status, Integer> jobStatus = new EnumMap<>(Job.Status.class);
        for (Job job : app.jobs()) {
            jobStatus.merge(job.status(), 1, Integer::sum);
        }
        out.add("Jobs", app.jobs().size() + describe(jobStatus));

        Map<StageStatus, Integer> stageStatus = new EnumMap<>(StageStatus.class);
        for (StageAttempt stage : app.stages()) {
            stageStatus.merge(stage.status(), 1, Integer::sum);
        }
        out.add("Stages", app.stages().size() + " attempts" + describe(stageStatus) + "; "
                + TaskAttemptCounts.of(app).describe());
        if (!app.sqlExecutions().isEmpty()) {
            Map<String, Integer> joins = new TreeMap<>();
            for (SqlExecution sql : app.sqlExecutions()) {
                for (SqlExecution.Join join : sql.joins()) {
                    joins.merge(join.strategy(), 1, Integer::sum);
                }
            }
            StringBuilder line = new StringBuilder(app.sqlExecutions().size() + " executions");
            if (!joins.isEmpty()) {
                line.append("; joins:");
                joins.forEach((strategy, count) -> line.append(' ').append(strategy).append(" x").append(count));
            }
            out.add("SQL", line.toString());
        }
        if (app.fetchFailureCount() > 0) {
            out.add("Fetch fails", Long.toString(app.fetchFailureCount()));
        }
    }

    private static <E extends Enum<E>> String describe(Map<E, Integer> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((status, count) -> parts.add(count + " " + status.name().toLowerCase(Locale.ROOT)));
        return " (" + String.join(", ", parts) + ")";
    }

    /**
     * The stage table. Fitting the width, it shows the columns that locate the time (tasks, failures, duration, task
     * time, shuffle read) and the stage's name cut to what is left; {@code -o wide} adds GC, input, shuffle write
     * and disk spill, and shows names whole (up to 50 characters), wider than the terminal if need be.
     */
    private static void renderStageTable(ApplicationSnapshot app, PrintWriter out, TextStyle style) {
        List<StageAttempt> ran = app.stages().stream().filter(s -> s.status() != StageStatus.SKIPPED
                && s.status() != StageStatus.PENDING).toList();
        if (ran.isEmpty()) {
            out.println("No stage ran.");
            return;
        }
        out.println(style.heading("Stages"));
        TextLayout.Table table = new TextLayout.Table("  ").left("STAGE").left("STATUS").right("TASKS")
                .right("FAILED");
        if (!style.wide()) {
            // on a terminal narrower than 80 columns, failures and task time give way too (named below the table)
            table.optional(1);
        }
        table.right("DURATION").right("TASK TIME");
        if (!style.wide()) {
            table.optional(2);
        }
        if (style.wide()) {
            table.right("GC").right("INPUT");
        }
        table.right("SHUF READ");
        if (style.wide()) {
            table.right("SHUF WRITE").right("SPILL DISK");
        }
        table.flexible("NAME");
        List<StageAttempt> shown = ran;
        if (ran.size() > STAGE_TABLE_LIMIT) {
            shown = ran.stream().sorted(Comparator.comparingLong((StageAttempt s) ->
                    s.total(TaskMetric.EXECUTOR_RUN_TIME)).reversed()).limit(STAGE_TABLE_LIMIT)
                    .sorted(Comparator.comparing(StageAttempt::id)).toList();
        }
        for (StageAttempt stage : shown) {
            List<String> cells = new ArrayList<>(List.of(stage.id().toString(),
                    stage.status().name().toLowerCase(Locale.ROOT),
                    Formats.count(stage.numCompleteTasks()), Formats.count(stage.numFailedTasks()),
                    stage.durationMillis().isPresent() ? Formats.millis(stage.durationMillis().getAsLong()) : "-",
                    Formats.millis(stage.total(TaskMetric.EXECUTOR_RUN_TIME))));
            if (style.wide()) {
                cells.add(Formats.millis(stage.total(TaskMetric.JVM_GC_TIME)));
                cells.add(Formats.bytes(stage.total(TaskMetric.INPUT_BYTES)));
            }
            cells.add(Formats.bytes(stage.total(TaskMetric.SHUFFLE_READ_BYTES)));
            if (style.wide()) {
                cells.add(Formats.bytes(stage.total(TaskMetric.SHUFFLE_WRITE_BYTES)));
                cells.add(Formats.bytes(stage.total(TaskMetric.DISK_BYTES_SPILLED)));
            }
            cells.add(Formats.oneLine(stage.name(), 50));
            table.row(cells.toArray(new String[0]));
        }
        table.print(out, style.wide() ? 0 : style.width(), style::heading);
        if (shown.size() < ran.size()) {
            TextLayout.print(out, "(" + shown.size() + " of " + ran.size()
                    + " stage attempts shown, those with the most task time; -o json lists all)", "  ", "   ",
                    style.width());
        }
        if (!table.dropped().isEmpty()) {
            TextLayout.print(out, "(" + String.join(", ", table.dropped()) + " left out to fit " + style.width()
                    + " columns; -o wide shows every column)", "  ", "   ", style.width());
        } else if (!style.wide()) {
            TextLayout.print(out, "(-o wide adds GC, input, shuffle write and disk spill)", "  ", "   ",
                    style.width());
        }
        out.println();
    }

    private static void renderSlowest(ApplicationSnapshot app, PrintWriter out, TextStyle style) {
        List<StageAttempt> slowest = app.stages().stream()
                .filter(s -> s.durationMillis().isPresent() && !s.successfulTasks().isEmpty())
                .sorted(Comparator.comparingLong((StageAttempt s) -> s.durationMillis().getAsLong()).reversed())
                .limit(SLOWEST_STAGES)
                .toList();
        if (slowest.isEmpty()) {
            return;
        }
        int width = style.width();
        out.println(style.heading("Slowest stages"));
        String detail = " ".repeat(20);
        for (StageAttempt stage : slowest) {
            TextLayout.print(out, "stage " + stage.id() + " \"" + Formats.oneLine(stage.name(), 60) + "\": "
                    + Formats.millis(stage.durationMillis().getAsLong()) + ", "
                    + Formats.count(stage.successfulTasks().size()) + " successful tasks", "  ", "    ", width);
            Distribution duration = stage.distribution(TaskMetric.DURATION);
            TextLayout.print(out, "median " + Formats.millis(duration.median()) + ", max "
                    + Formats.millis(duration.max()) + ratioText(duration) + " (task " + duration.maxTaskIndex()
                    + " on executor " + duration.maxTaskExecutor() + ")", "    task duration   ", detail, width);
            Distribution read = stage.distribution(TaskMetric.SHUFFLE_READ_BYTES);
            if (read.max() > 0) {
                TextLayout.print(out, "median " + Formats.bytes(read.median()) + ", max "
                        + Formats.bytes(read.max()) + ratioText(read) + " (task " + read.maxTaskIndex() + ")",
                        "    shuffle read    ", detail, width);
            }
            Distribution input = stage.distribution(TaskMetric.INPUT_BYTES);
            if (input.max() > 0) {
                TextLayout.print(out, "median " + Formats.bytes(input.median()) + ", max "
                        + Formats.bytes(input.max()) + ratioText(input) + " (task " + input.maxTaskIndex() + ")",
                        "    input           ", detail, width);
            }
        }
    }

    private static String ratioText(Distribution distribution) {
        // One ratio policy (SkewRatio): undefined when the median is 0, and said so rather than left out.
        return distribution.maxOverMedian().isPresent()
                ? " = " + Formats.ratio(distribution.maxOverMedian().getAsDouble()) + " the median"
                : distribution.max() > 0 ? ", ratio " + distribution.describeMaxOverMedian() : "";
    }
}
