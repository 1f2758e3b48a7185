package dev.sparkdoc.cli;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.event.ExecutorMetric;
import dev.sparkdoc.event.MetricUnit;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.ExecutorSummary;
import dev.sparkdoc.snapshot.Job;
import dev.sparkdoc.snapshot.SqlExecution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.TaskFailureGroup;
import dev.sparkdoc.snapshot.TaskTable;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/** The tables the shell prints. Text from the log goes through {@link Formats#oneLine}: no escape sequences. */
final class ShellViews {

    private static final int HOT_TASKS = 5;
    private static final List<TaskMetric> QUANTILE_METRICS = List.of(TaskMetric.DURATION,
            TaskMetric.EXECUTOR_RUN_TIME, TaskMetric.EXECUTOR_CPU_TIME, TaskMetric.JVM_GC_TIME,
            TaskMetric.SCHEDULER_DELAY, TaskMetric.INPUT_BYTES, TaskMetric.INPUT_RECORDS,
            TaskMetric.SHUFFLE_READ_BYTES, TaskMetric.SHUFFLE_READ_RECORDS, TaskMetric.SHUFFLE_FETCH_WAIT_TIME,
            TaskMetric.SHUFFLE_WRITE_BYTES, TaskMetric.SHUFFLE_WRITE_RECORDS, TaskMetric.MEMORY_BYTES_SPILLED,
            TaskMetric.DISK_BYTES_SPILLED, TaskMetric.PEAK_EXECUTION_MEMORY, TaskMetric.RESULT_SIZE);

    private ShellViews() {
    }

    static void stages(ShellSession session, ShellCommands.StageSort sort, int top, PrintWriter out) {
        ApplicationSnapshot app = session.app();
        Set<String> flagged = flaggedStages(session);
        Comparator<StageAttempt> order = switch (sort) {
            case id -> Comparator.comparing(StageAttempt::id);
            case duration -> Comparator.comparingLong((StageAttempt s) -> s.durationMillis().orElse(-1)).reversed();
            case skew -> Comparator.comparingDouble((StageAttempt s) -> skew(s).orElse(0)).reversed();
            case spill -> Comparator.comparingLong((StageAttempt s) -> s.total(TaskMetric.DISK_BYTES_SPILLED)
                    + s.total(TaskMetric.MEMORY_BYTES_SPILLED)).reversed();
            case gc -> Comparator.comparingDouble(ShellViews::gcShare).reversed();
        };
        List<StageAttempt> shown = app.stages().stream().sorted(order.thenComparing(StageAttempt::id)).limit(top)
                .toList();
        if (shown.isEmpty()) {
            out.println("No stages in this log.");
            return;
        }
        String format = "%-1s %-7s %-8s %7s %6s %9s %9s %5s %7s %10s %10s  %s%n";
        out.printf(Locale.ROOT, format, "", "STAGE", "STATUS", "TASKS", "FAILED", "DURATION", "TASK TIME", "GC",
                "SKEW", "SHUF READ", "SPILL", "NAME");
        for (StageAttempt stage : shown) {
            OptionalDouble skew = skew(stage);
            long spill = stage.total(TaskMetric.DISK_BYTES_SPILLED);
            out.printf(Locale.ROOT, format, flagged.contains(stage.id().toString()) ? "!" : "", stage.id(),
                    stage.status().name().toLowerCase(Locale.ROOT), Formats.count(stage.numCompleteTasks()),
                    Formats.count(stage.numFailedTasks()),
                    stage.durationMillis().isPresent() ? Formats.millis(stage.durationMillis().getAsLong()) : "-",
                    Formats.millis(stage.total(TaskMetric.EXECUTOR_RUN_TIME)),
                    stage.total(TaskMetric.EXECUTOR_RUN_TIME) > 0 ? Formats.percent(gcShare(stage)) : "-",
                    skew.isPresent() ? Formats.ratio(skew.getAsDouble()) : "-",
                    Formats.bytes(stage.total(TaskMetric.SHUFFLE_READ_BYTES)),
                    spill > 0 ? Formats.bytes(spill) : "-", Formats.oneLine(stage.name(), 60));
        }
        if (shown.size() < app.stages().size()) {
            out.println("(" + shown.size() + " of " + app.stages().size() + " stage attempts)");
        }
        out.println("SKEW is the slowest task over the median; SPILL is bytes spilled to disk. 'stage ID' for one.");
    }

    static void stage(ShellSession session, StageAttempt stage, PrintWriter out) {
        out.println("Stage " + stage.id() + "  " + Formats.oneLine(stage.name(), 100) + "  ("
                + stage.status().name().toLowerCase(Locale.ROOT) + ")");
        List<StageAttempt> attempts = session.attempts(stage.id().stageId());
        if (attempts.size() > 1) {
            out.println("  attempts: " + String.join(", ", attempts.stream().map(a -> a.id() + " "
                    + a.status().name().toLowerCase(Locale.ROOT)).toList()));
        }
        long appStart = session.app().application().startTime().orElse(stage.submissionTime().orElse(0));
        out.println("  jobs " + stage.jobIds() + (stage.sqlExecutionId().isPresent() ? ", SQL execution "
                + stage.sqlExecutionId().getAsLong() : "")
                + (stage.submissionTime().isPresent() ? ", submitted at +"
                        + Formats.millis(stage.submissionTime().getAsLong() - appStart) : "")
                + (stage.durationMillis().isPresent() ? ", ran " + Formats.millis(stage.durationMillis().getAsLong())
                        : ""));
        out.println("  tasks: " + Formats.count(stage.numTasks()) + " (" + Formats.count(stage.numCompleteTasks())
                + " complete, " + Formats.count(stage.numFailedTasks()) + " failed, "
                + Formats.count(stage.numKilledTasks()) + " killed)");
        out.println("  totals: task time " + Formats.millis(stage.total(TaskMetric.EXECUTOR_RUN_TIME)) + ", GC "
                + Formats.millis(stage.total(TaskMetric.JVM_GC_TIME)) + ", input "
                + Formats.bytes(stage.total(TaskMetric.INPUT_BYTES)) + ", shuffle read "
                + Formats.bytes(stage.total(TaskMetric.SHUFFLE_READ_BYTES)) + ", shuffle write "
                + Formats.bytes(stage.total(TaskMetric.SHUFFLE_WRITE_BYTES)) + ", spilled "
                + Formats.bytes(stage.total(TaskMetric.MEMORY_BYTES_SPILLED)) + " memory / "
                + Formats.bytes(stage.total(TaskMetric.DISK_BYTES_SPILLED)) + " disk");
        stage.failureReason().ifPresent(reason -> out.println("  failed: " + Formats.oneLine(reason, 300)));
        TaskTable tasks = stage.successfulTasks();
        out.println();
        if (tasks.isEmpty()) {
            out.println("No successful task with metrics: no quantiles.");
        } else {
            out.println("Task quantiles over " + Formats.count(tasks.size()) + " successful tasks");
            String format = "  %-22s %9s %9s %9s %9s %9s %9s %9s%n";
            out.printf(Locale.ROOT, format, "METRIC", "MIN", "25TH", "MEDIAN", "75TH", "95TH", "MAX", "MAX/MED");
            for (TaskMetric metric : QUANTILE_METRICS) {
                Distribution d = stage.distribution(metric);
                if (d.max() == 0) {
                    continue;
                }
                out.printf(Locale.ROOT, format, label(metric), value(metric, d.min()), value(metric, d.p25()),
                        value(metric, d.median()), value(metric, d.p75()), value(metric, d.p95()),
                        value(metric, d.max()), d.maxOverMedian().isPresent()
                                ? Formats.ratio(d.maxOverMedian().getAsDouble()) : "-");
            }
            out.println();
            out.println("Hot tasks (longest " + Math.min(HOT_TASKS, tasks.size()) + "; 'tasks " + stage.id()
                    + " --by shuffleRead' ranks by other metrics)");
            tasksTable(tasks, tasks.top(TaskMetric.DURATION, HOT_TASKS), TaskMetric.DURATION,
                    stage.submissionTime().orElse(0), out);
        }
        if (!stage.failures().isEmpty()) {
            out.println();
            out.println("Failed task ends");
            for (TaskFailureGroup failure : stage.failures()) {
                out.println("  " + failure.count() + " x " + failure.reason()
                        + (failure.detail().isEmpty() ? "" : " (" + Formats.oneLine(failure.detail(), 80) + ")")
                        + (failure.executors().isEmpty() ? "" : " on executors " + failure.executors()) + ": "
                        + Formats.oneLine(failure.exampleMessage(), 200));
            }
        }
        List<Finding> findings = session.log().diagnosis().findings().stream()
                .filter(finding -> finding.scope() instanceof Scope.Stage scoped && scoped.stage().equals(stage.id()))
                .toList();
        if (!findings.isEmpty()) {
            out.println();
            out.println("Findings on this stage");
            for (Finding finding : findings) {
                out.println("  " + finding.severity().name() + "  " + finding.ruleId() + ": " + finding.summary());
            }
            out.println("  ('findings' has the evidence; 'explain RULE' the rule)");
        }
    }

    static void tasks(StageAttempt stage, ShellCommands.TaskOrder by, int top, PrintWriter out) {
        TaskTable tasks = stage.successfulTasks();
        if (tasks.isEmpty()) {
            out.println("Stage " + stage.id() + " has no successful task with metrics.");
            return;
        }
        TaskMetric metric = switch (by) {
            case duration -> TaskMetric.DURATION;
            case shuffleRead -> TaskMetric.SHUFFLE_READ_BYTES;
            case input -> TaskMetric.INPUT_BYTES;
            case spill -> TaskMetric.DISK_BYTES_SPILLED;
            case gc -> TaskMetric.JVM_GC_TIME;
        };
        int[] rows = tasks.top(metric, top);
        out.println("Stage " + stage.id() + ": top " + rows.length + " of " + Formats.count(tasks.size())
                + " successful tasks by " + by + (tasks.isSummary() && rows.length < top
                        ? " (a finished stage's summary keeps " + rows.length + " of its rows)" : ""));
        tasksTable(tasks, rows, metric, stage.submissionTime().orElse(0), out);
    }

    private static void tasksTable(TaskTable tasks, int[] rows, TaskMetric ranked, long stageStart, PrintWriter out) {
        long median = tasks.distribution(ranked).median();
        String format = "  %6s %9s %-9s %9s %9s %9s %8s %10s %10s %10s %8s%n";
        out.printf(Locale.ROOT, format, "INDEX", "TASK ID", "EXECUTOR", "LAUNCHED", "DURATION", "RUN", "GC",
                "SHUF READ", "INPUT", "SPILL", "x MEDIAN");
        for (int row : rows) {
            long launched = tasks.launchTime(row) - stageStart;
            long value = tasks.value(ranked, row);
            out.printf(Locale.ROOT, format, tasks.taskIndex(row), tasks.taskId(row),
                    Formats.oneLine(tasks.executorId(row), 9), stageStart > 0 && launched >= 0
                            ? "+" + Formats.millis(launched) : "-",
                    Formats.millis(tasks.value(TaskMetric.DURATION, row)),
                    Formats.millis(tasks.value(TaskMetric.EXECUTOR_RUN_TIME, row)),
                    Formats.millis(tasks.value(TaskMetric.JVM_GC_TIME, row)),
                    Formats.bytes(tasks.value(TaskMetric.SHUFFLE_READ_BYTES, row)),
                    Formats.bytes(tasks.value(TaskMetric.INPUT_BYTES, row)),
                    Formats.bytes(tasks.value(TaskMetric.DISK_BYTES_SPILLED, row)),
                    median > 0 ? Formats.ratio((double) value / median) : "-");
        }
    }

    static void executors(ApplicationSnapshot app, PrintWriter out) {
        if (app.executors().isEmpty()) {
            out.println("No executors in this log.");
            return;
        }
        long start = app.application().startTime().orElse(0);
        // Spark's executor summary sums task durations (launch to finish), not executor run time ("task time").
        String format = "%-9s %-24s %5s %9s %9s %7s %6s %9s %8s %10s %10s %10s %10s%n";
        out.printf(Locale.ROOT, format, "EXECUTOR", "HOST", "CORES", "ADDED", "REMOVED", "TASKS", "FAILED",
                "TASK DUR.", "GC", "SHUF READ", "SHUF WRITE", "SPILL", "PEAK HEAP");
        for (ExecutorSummary executor : app.executors()) {
            out.printf(Locale.ROOT, format, Formats.oneLine(executor.id(), 9), Formats.oneLine(executor.host(), 24),
                    executor.totalCores() == 0 ? "-" : Integer.toString(executor.totalCores()),
                    executor.addTime().isPresent() ? "+" + Formats.millis(executor.addTime().getAsLong() - start) : "-",
                    executor.removeTime().isPresent() ? "+" + Formats.millis(executor.removeTime().getAsLong() - start)
                            : "-",
                    Formats.count(executor.completedTasks()), Formats.count(executor.failedTasks()),
                    Formats.millis(executor.totalDurationMillis()), Formats.millis(executor.totalGcTimeMillis()),
                    Formats.bytes(executor.totalShuffleReadBytes()), Formats.bytes(executor.totalShuffleWriteBytes()),
                    Formats.bytes(executor.diskBytesSpilled()),
                    executor.peakMetrics().get(ExecutorMetric.JVM_HEAP_MEMORY).isPresent()
                            ? Formats.bytes(executor.peakMetrics().get(ExecutorMetric.JVM_HEAP_MEMORY).getAsLong())
                            : "-");
        }
        for (ExecutorSummary executor : app.executors()) {
            executor.removeReason().ifPresent(reason -> out.println("executor " + executor.id() + " removed: "
                    + Formats.oneLine(reason, 200)));
        }
    }

    static void jobs(ApplicationSnapshot app, PrintWriter out) {
        if (app.jobs().isEmpty()) {
            out.println("No jobs in this log.");
            return;
        }
        String format = "%6s %-9s %9s %-16s %5s  %s%n";
        out.printf(Locale.ROOT, format, "JOB", "STATUS", "DURATION", "STAGES", "SQL", "DESCRIPTION");
        for (Job job : app.jobs()) {
            out.printf(Locale.ROOT, format, job.id(), job.status().name().toLowerCase(Locale.ROOT),
                    job.durationMillis().isPresent() ? Formats.millis(job.durationMillis().getAsLong()) : "-",
                    Formats.oneLine(job.stageIds().toString(), 16),
                    job.sqlExecutionId().isPresent() ? Long.toString(job.sqlExecutionId().getAsLong()) : "-",
                    Formats.oneLine(job.description().orElse(""), 80));
            job.failureMessage().ifPresent(message -> out.println("       failed: " + Formats.oneLine(message, 200)));
        }
    }

    static void sqlList(ApplicationSnapshot app, PrintWriter out) {
        if (app.sqlExecutions().isEmpty()) {
            out.println("No SQL executions in this log.");
            return;
        }
        String format = "%5s %9s %-14s %-28s  %s%n";
        out.printf(Locale.ROOT, format, "SQL", "DURATION", "JOBS", "JOINS", "DESCRIPTION");
        for (SqlExecution sql : app.sqlExecutions()) {
            out.printf(Locale.ROOT, format, sql.id(),
                    sql.durationMillis().isPresent() ? Formats.millis(sql.durationMillis().getAsLong()) : "-",
                    Formats.oneLine(sql.jobIds().toString(), 14),
                    Formats.oneLine(String.join(", ", sql.joins().stream().map(SqlExecution.Join::strategy).toList()),
                            28),
                    Formats.oneLine(sql.description(), 80));
        }
        out.println("'sql ID' shows an execution's physical plan.");
    }

    static void sql(SqlExecution sql, PrintWriter out) {
        out.println("SQL execution " + sql.id() + ": " + Formats.oneLine(sql.description(), 200));
        out.println("  " + (sql.durationMillis().isPresent() ? "ran " + Formats.millis(sql.durationMillis()
                .getAsLong()) + ", " : "") + "jobs " + sql.jobIds()
                + (sql.adaptivePlanUpdates() > 0 ? ", " + sql.adaptivePlanUpdates() + " adaptive re-plans (the last "
                        + "plan is shown)" : ""));
        sql.errorMessage().ifPresent(error -> out.println("  failed: " + Formats.oneLine(error, 300)));
        for (SqlExecution.Join join : sql.joins()) {
            out.println("  join: " + join.strategy() + "  " + Formats.oneLine(join.node(), 160));
        }
        for (Map.Entry<String, String> config : new java.util.TreeMap<>(sql.modifiedConfigs()).entrySet()) {
            out.println("  set: " + config.getKey() + "=" + Formats.oneLine(config.getValue(), 100));
        }
        out.println();
        if (sql.physicalPlan().isEmpty()) {
            out.println("(the log has no plan text for this execution)");
            return;
        }
        for (String line : sql.physicalPlan().split("\n", -1)) {
            out.println(line.replaceAll("\\p{Cntrl}", "?"));
        }
    }

    private static Set<String> flaggedStages(ShellSession session) {
        Set<String> flagged = new HashSet<>();
        for (Finding finding : session.log().diagnosis().findings()) {
            if (finding.scope() instanceof Scope.Stage stage) {
                flagged.add(stage.stage().toString());
            }
        }
        return flagged;
    }

    private static OptionalDouble skew(StageAttempt stage) {
        return stage.successfulTasks().isEmpty() ? OptionalDouble.empty()
                : stage.distribution(TaskMetric.DURATION).maxOverMedian();
    }

    private static double gcShare(StageAttempt stage) {
        long run = stage.total(TaskMetric.EXECUTOR_RUN_TIME);
        return run > 0 ? (double) stage.total(TaskMetric.JVM_GC_TIME) / run : 0;
    }

    private static String label(TaskMetric metric) {
        return switch (metric) {
            case DURATION -> "duration";
            case EXECUTOR_RUN_TIME -> "executor run time";
            case EXECUTOR_CPU_TIME -> "executor CPU time";
            case JVM_GC_TIME -> "GC time";
            case SCHEDULER_DELAY -> "scheduler delay";
            case INPUT_BYTES -> "input";
            case INPUT_RECORDS -> "input records";
            case SHUFFLE_READ_BYTES -> "shuffle read";
            case SHUFFLE_READ_RECORDS -> "shuffle read records";
            case SHUFFLE_FETCH_WAIT_TIME -> "shuffle fetch wait";
            case SHUFFLE_WRITE_BYTES -> "shuffle write";
            case SHUFFLE_WRITE_RECORDS -> "shuffle write records";
            case MEMORY_BYTES_SPILLED -> "spill (memory)";
            case DISK_BYTES_SPILLED -> "spill (disk)";
            case PEAK_EXECUTION_MEMORY -> "peak execution memory";
            case RESULT_SIZE -> "result size";
            default -> metric.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String value(TaskMetric metric, long value) {
        MetricUnit unit = metric.unit();
        if (unit == MetricUnit.BYTES) {
            return Formats.bytes(value);
        }
        if (unit == MetricUnit.MILLISECONDS) {
            return Formats.millis(value);
        }
        if (unit == MetricUnit.NANOSECONDS) {
            return Formats.nanosAsMillis(value);
        }
        return Formats.count(value);
    }
}
