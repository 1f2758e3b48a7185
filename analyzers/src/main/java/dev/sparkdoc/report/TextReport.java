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
        render(diagnosed.log(), out);
        out.println();
        FindingsText.render(diagnosed.diagnosis(), out);
    }

    /** The overview alone, without findings. */
    public static void render(AnalyzedLog log, PrintWriter out) {
        renderSummary(log, out);
        out.println();
        renderStageTable(log.application(), out);
        renderSlowest(log.application(), out);
    }

    /** Who, when, which log, and how many executors, jobs, stages and tasks: the overview's first block. */
    public static void renderSummary(AnalyzedLog log, PrintWriter out) {
        ApplicationSnapshot app = log.application();
        ApplicationInfo info = app.application();
        out.println("Application  " + Formats.oneLine(info.name(), 100)
                + info.id().map(id -> "  (" + id + info.attemptId().map(a -> ", attempt " + a).orElse("") + ")")
                        .orElse(""));
        out.println("Spark        " + info.sparkVersion().orElse("unknown version")
                + (info.user().isEmpty() ? "" : ", user " + Formats.oneLine(info.user(), 40)));
        StringBuilder when = new StringBuilder();
        info.startTime().ifPresent(start -> when.append("started ").append(Formats.timestamp(start)));
        info.durationMillis().ifPresent(duration -> when.append(when.length() > 0 ? ", " : "")
                .append(info.complete() ? "ran " : "ran at least ").append(Formats.millis(duration)));
        info.exitCode().ifPresent(code -> when.append(", exit code ").append(code));
        out.println("Run          " + (when.length() == 0 ? "no timestamps in the log" : when));
        if (info.complete()) {
            out.println("Status       complete");
        } else {
            out.println("Status       INCOMPLETE");
            for (String reason : info.incompleteReasons()) {
                out.println("             - " + reason);
            }
        }
        renderSource(log.source(), log.read(), out);
        renderCounts(app, out);
    }

    private static void renderSource(EventLogSource source, ReadSummary read, PrintWriter out) {
        StringBuilder line = new StringBuilder("Log          ").append(source.displayName()).append(" (")
                .append(source.layout().description());
        if (source.parts().size() > 1) {
            line.append(", ").append(source.parts().size()).append(" parts");
        }
        line.append(")");
        out.println(line);
        out.println("             " + Formats.count(read.events()) + " events read, "
                + Formats.bytes(read.uncompressedBytes()) + " of JSON"
                + (read.rawBytes() != read.uncompressedBytes() ? " from " + Formats.bytes(read.rawBytes()) : "")
                + (read.skippedEventCount() > 0 ? "; " + Formats.count(read.skippedEventCount())
                        + " events of kinds not used skipped" : ""));
        if (read.malformedLineCount() > 0) {
            out.println("             " + Formats.count(read.malformedLineCount())
                    + " malformed line(s) skipped, first at line " + read.malformedLines().get(0).lineNumber());
        }
    }

    private static void renderCounts(ApplicationSnapshot app, PrintWriter out) {
        List<ExecutorSummary> executors = app.executors().stream().filter(e -> !e.isDriver()).toList();
        int cores = executors.stream().mapToInt(ExecutorSummary::totalCores).sum();
        long removed = executors.stream().filter(e -> e.removeTime().isPresent()).count();
        String executorLine = executors.isEmpty()
                ? "driver only (local mode)"
                : executors.size() + " (" + cores + " cores in all)" + (removed > 0 ? ", " + removed + " removed" : "");
        out.println("Executors    " + executorLine);

        Map<Job.Status, Integer> jobStatus = new EnumMap<>(Job.Status.class);
        for (Job job : app.jobs()) {
            jobStatus.merge(job.status(), 1, Integer::sum);
        }
        out.println("Jobs         " + app.jobs().size() + describe(jobStatus));

        Map<StageStatus, Integer> stageStatus = new EnumMap<>(StageStatus.class);
        for (StageAttempt stage : app.stages()) {
            stageStatus.merge(stage.status(), 1, Integer::sum);
        }
        out.println("Stages       " + app.stages().size() + " attempts" + describe(stageStatus) + "; "
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
            out.println("SQL          " + line);
        }
        if (app.fetchFailureCount() > 0) {
            out.println("Fetch fails  " + app.fetchFailureCount());
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

    private static void renderStageTable(ApplicationSnapshot app, PrintWriter out) {
        List<StageAttempt> ran = app.stages().stream().filter(s -> s.status() != StageStatus.SKIPPED
                && s.status() != StageStatus.PENDING).toList();
        if (ran.isEmpty()) {
            out.println("No stage ran.");
            return;
        }
        out.println("Stages");
        String format = "  %-8s %-8s %7s %6s %9s %9s %8s %10s %10s %10s %10s  %s%n";
        out.printf(Locale.ROOT, format, "STAGE", "STATUS", "TASKS", "FAILED", "DURATION", "TASK TIME", "GC",
                "INPUT", "SHUF READ", "SHUF WRITE", "SPILL DISK", "NAME");
        List<StageAttempt> shown = ran;
        if (ran.size() > STAGE_TABLE_LIMIT) {
            shown = ran.stream().sorted(Comparator.comparingLong((StageAttempt s) ->
                    s.total(TaskMetric.EXECUTOR_RUN_TIME)).reversed()).limit(STAGE_TABLE_LIMIT)
                    .sorted(Comparator.comparing(StageAttempt::id)).toList();
        }
        for (StageAttempt stage : shown) {
            out.printf(Locale.ROOT, format, stage.id().toString(), stage.status().name().toLowerCase(Locale.ROOT),
                    Formats.count(stage.numCompleteTasks()), Formats.count(stage.numFailedTasks()),
                    stage.durationMillis().isPresent() ? Formats.millis(stage.durationMillis().getAsLong()) : "-",
                    Formats.millis(stage.total(TaskMetric.EXECUTOR_RUN_TIME)),
                    Formats.millis(stage.total(TaskMetric.JVM_GC_TIME)),
                    Formats.bytes(stage.total(TaskMetric.INPUT_BYTES)),
                    Formats.bytes(stage.total(TaskMetric.SHUFFLE_READ_BYTES)),
                    Formats.bytes(stage.total(TaskMetric.SHUFFLE_WRITE_BYTES)),
                    Formats.bytes(stage.total(TaskMetric.DISK_BYTES_SPILLED)),
                    Formats.oneLine(stage.name(), 50));
        }
        if (shown.size() < ran.size()) {
            out.println("  (" + shown.size() + " of " + ran.size()
                    + " stage attempts shown, those with the most task time; -o json lists all)");
        }
        out.println();
    }

    private static void renderSlowest(ApplicationSnapshot app, PrintWriter out) {
        List<StageAttempt> slowest = app.stages().stream()
                .filter(s -> s.durationMillis().isPresent() && !s.successfulTasks().isEmpty())
                .sorted(Comparator.comparingLong((StageAttempt s) -> s.durationMillis().getAsLong()).reversed())
                .limit(SLOWEST_STAGES)
                .toList();
        if (slowest.isEmpty()) {
            return;
        }
        out.println("Slowest stages");
        for (StageAttempt stage : slowest) {
            out.println("  stage " + stage.id() + " \"" + Formats.oneLine(stage.name(), 60) + "\": "
                    + Formats.millis(stage.durationMillis().getAsLong()) + ", "
                    + Formats.count(stage.successfulTasks().size()) + " successful tasks");
            Distribution duration = stage.distribution(TaskMetric.DURATION);
            out.println("    task duration   median " + Formats.millis(duration.median()) + ", max "
                    + Formats.millis(duration.max()) + ratioText(duration) + " (task " + duration.maxTaskIndex()
                    + " on executor " + duration.maxTaskExecutor() + ")");
            Distribution read = stage.distribution(TaskMetric.SHUFFLE_READ_BYTES);
            if (read.max() > 0) {
                out.println("    shuffle read    median " + Formats.bytes(read.median()) + ", max "
                        + Formats.bytes(read.max()) + ratioText(read) + " (task " + read.maxTaskIndex() + ")");
            }
            Distribution input = stage.distribution(TaskMetric.INPUT_BYTES);
            if (input.max() > 0) {
                out.println("    input           median " + Formats.bytes(input.median()) + ", max "
                        + Formats.bytes(input.max()) + ratioText(input) + " (task " + input.maxTaskIndex() + ")");
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
