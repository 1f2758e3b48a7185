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
import dev.sparkdoc.report.TextLayout;
import dev.sparkdoc.report.TextStyle;
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
        TextStyle style = session.style();
        // the column sorted by stays; the others give way, GC first, when the terminal is narrow
        TextLayout.Table table = new TextLayout.Table("").left("").left("STAGE").left("STATUS").right("TASKS")
                .right("FAILED");
        if (sort != ShellCommands.StageSort.id) {
            table.optional(1);
        }
        table.right("DURATION").right("TASK TIME").optional(2).right("GC");
        if (sort != ShellCommands.StageSort.gc) {
            table.optional(4);
        }
        table.right("SKEW").right("SHUF READ").optional(3).right("SPILL");
        if (sort != ShellCommands.StageSort.spill) {
            table.optional(5);
        }
        table.flexible("NAME");
        for (StageAttempt stage : shown) {
            OptionalDouble skew = skew(stage);
            long spill = stage.total(TaskMetric.DISK_BYTES_SPILLED);
            table.row(flagged.contains(stage.id().toString()) ? "!" : " ", stage.id().toString(),
                    stage.status().name().toLowerCase(Locale.ROOT), Formats.count(stage.numCompleteTasks()),
                    Formats.count(stage.numFailedTasks()),
                    stage.durationMillis().isPresent() ? Formats.millis(stage.durationMillis().getAsLong()) : "-",
                    Formats.millis(stage.total(TaskMetric.EXECUTOR_RUN_TIME)),
                    stage.total(TaskMetric.EXECUTOR_RUN_TIME) > 0 ? Formats.percent(gcShare(stage)) : "-",
                    skew.isPresent() ? Formats.ratio(skew.getAsDouble()) : "-",
                    Formats.bytes(stage.total(TaskMetric.SHUFFLE_READ_BYTES)),
                    spill > 0 ? Formats.bytes(spill) : "-", Formats.oneLine(stage.name(), 60));
        }
        print(table, style, out);
        if (shown.size() < app.stages().size()) {
            out.println("(" + shown.size() + " of " + app.stages().size() + " stage attempts)");
        }
        TextLayout.print(out, "SKEW is the slowest task over the median; SPILL is bytes spilled to disk. 'stage ID'"
                + " for one.", "", "", style.width());
    }

    static void stage(ShellSession session, StageAttempt stage, PrintWriter out) {
        TextStyle style = session.style();
        int width = style.width();
        TextLayout.print(out, "Stage " + stage.id() + "  " + Formats.oneLine(stage.name(), 100) + "  ("
                + stage.status().name().toLowerCase(Locale.ROOT) + ")", "", "  ", width);
        List<StageAttempt> attempts = session.attempts(stage.id().stageId());
        if (attempts.size() > 1) {
            TextLayout.print(out, String.join(", ", attempts.stream().map(a -> a.id() + " "
                    + a.status().name().toLowerCase(Locale.ROOT)).toList()), "  attempts: ", "    ", width);
        }
        long appStart = session.app().application().startTime().orElse(stage.submissionTime().orElse(0));
        TextLayout.print(out, "jobs " + stage.jobIds() + (stage.sqlExecutionId().isPresent() ? ", SQL execution "
                + stage.sqlExecutionId().getAsLong() : "")
                + (stage.submissionTime().isPresent() ? ", submitted at +"
                        + Formats.millis(stage.submissionTime().getAsLong() - appStart) : "")
                + (stage.durationMillis().isPresent() ? ", ran " + Formats.millis(stage.durationMillis().getAsLong())
                        : ""), "  ", "    ", width);
        TextLayout.print(out, "tasks: " + Formats.count(stage.numTasks()) + " (" + Formats.count(stage.numCompleteTasks())
                + " complete, " + Formats.count(stage.numFailedTasks()) + " failed, "
                + Formats.count(stage.numKilledTasks()) + " killed)", "  ", "    ", width);
        TextLayout.print(out, "totals: task time " + Formats.millis(stage.total(TaskMetric.EXECUTOR_RUN_TIME)) + ", GC "
                + Formats.millis(stage.total(TaskMetric.JVM_GC_TIME)) + ", input "
                + Formats.bytes(stage.total(TaskMetric.INPUT_BYTES)) + ", shuffle read "
                + Formats.bytes(stage.total(TaskMetric.SHUFFLE_READ_BYTES)) + ", shuffle write "
                + Formats.bytes(stage.total(TaskMetric.SHUFFLE_WRITE_BYTES)) + ", spilled "
                + Formats.bytes(stage.total(TaskMetric.MEMORY_BYTES_SPILLED)) + " memory / "
                + Formats.bytes(stage.total(TaskMetric.DISK_BYTES_SPILLED)) + " disk", "  ", "    ", width);
        stage.failureReason().ifPresent(reason -> TextLayout.print(out, Formats.oneLine(reason, 300), "  failed: ",
                "    ", width));
        TaskTable tasks = stage.successfulTasks();
        out.println();
        if (tasks.isEmpty()) {
            out.println("No successful task with metrics: no quantiles.");
        } else {
            out.println("Task quantiles over " + Formats.count(tasks.size()) + " successful tasks");
            TextLayout.Table table = new TextLayout.Table("  ").left("METRIC").right("MIN").optional(3)
                    .right("25TH").optional(2).right("MEDIAN").right("75TH").optional(1).right("95TH").right("MAX")
                    .right("MAX/MED");
            for (TaskMetric metric : QUANTILE_METRICS) {
                Distribution d = stage.distribution(metric);
                if (d.max() == 0) {
                    continue;
                }
                table.row(label(metric), value(metric, d.min()), value(metric, d.p25()),
                        value(metric, d.median()), value(metric, d.p75()), value(metric, d.p95()),
                        value(metric, d.max()), d.maxOverMedian().isPresent()
                                ? Formats.ratio(d.maxOverMedian().getAsDouble()) : "-");
            }
            print(table, style, out);
            out.println();
            TextLayout.print(out, "Hot tasks (longest " + Math.min(HOT_TASKS, tasks.size()) + "; 'tasks "
                    + stage.id() + " --by shuffleRead' ranks by other metrics)", "", "  ", width);
            tasksTable(tasks, tasks.top(TaskMetric.DURATION, HOT_TASKS), TaskMetric.DURATION,
                    stage.submissionTime().orElse(0), style, out);
        }
        if (!stage.failures().isEmpty()) {
            out.println();
            out.println("Failed task ends");
            for (TaskFailureGroup failure : stage.failures()) {
                TextLayout.print(out, failure.count() + " x " + failure.reason()
                        + (failure.detail().isEmpty() ? "" : " (" + Formats.oneLine(failure.detail(), 80) + ")")
                        + (failure.executors().isEmpty() ? "" : " on executors " + failure.executors()) + ": "
                        + Formats.oneLine(failure.exampleMessage(), 200), "  ", "    ", width);
            }
        }
        List<Finding> findings = session.log().diagnosis().findings().stream()
                .filter(finding -> finding.scope() instanceof Scope.Stage scoped && scoped.stage().equals(stage.id()))
                .toList();
        if (!findings.isEmpty()) {
            out.println();
            out.println("Findings on this stage");
            for (Finding finding : findings) {
                String severity = finding.severity().name();
                List<String> lines = TextLayout.wrap(finding.ruleId() + ": " + finding.summary(),
                        "  " + severity + "  ", "    ", width);
                out.println("  " + style.severity(finding.severity(), severity) + lines.get(0)
                        .substring(2 + severity.length()));
                lines.stream().skip(1).forEach(out::println);
            }
            out.println("  ('findings' has the evidence; 'explain RULE' the rule)");
        }
    }

    static void tasks(StageAttempt stage, ShellCommands.TaskOrder by, int top, TextStyle style, PrintWriter out) {
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
        TextLayout.print(out, "Stage " + stage.id() + ": top " + rows.length + " of " + Formats.count(tasks.size())
                + " successful tasks by " + by + (tasks.isSummary() && rows.length < top
                        ? " (a finished stage's summary keeps " + rows.length + " of its rows)" : ""), "", "  ",
                style.width());
        tasksTable(tasks, rows, metric, stage.submissionTime().orElse(0), style, out);
    }

    /** A metric's column, which gives way (the lowest {@code giveWay} first) unless the table is ranked by it. */
    private static void metricColumn(TextLayout.Table table, String header, TaskMetric metric, TaskMetric ranked,
            int giveWay) {
        table.right(header);
        if (ranked != metric) {
            table.optional(giveWay);
        }
    }

    private static void tasksTable(TaskTable tasks, int[] rows, TaskMetric ranked, long stageStart, TextStyle style,
            PrintWriter out) {
        long median = tasks.distribution(ranked).median();
        // the ranked metric's column stays; the others give way, launch time first, when the terminal is narrow
        TextLayout.Table table = new TextLayout.Table("  ").right("INDEX").right("TASK ID").left("EXECUTOR")
                .right("LAUNCHED").optional(5).right("DURATION");
        table.right("RUN").optional(4);
        metricColumn(table, "GC", TaskMetric.JVM_GC_TIME, ranked, 3);
        metricColumn(table, "SHUF READ", TaskMetric.SHUFFLE_READ_BYTES, ranked, 1);
        metricColumn(table, "INPUT", TaskMetric.INPUT_BYTES, ranked, 2);
        metricColumn(table, "SPILL", TaskMetric.DISK_BYTES_SPILLED, ranked, 0);
        table.right("x MEDIAN");
        for (int row : rows) {
            long launched = tasks.launchTime(row) - stageStart;
            long value = tasks.value(ranked, row);
            table.row(Integer.toString(tasks.taskIndex(row)), Long.toString(tasks.taskId(row)),
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
        print(table, style, out);
    }

    /** Prints {@code table} to fit the style's width, then names the columns left out to fit, if any. */
    private static void print(TextLayout.Table table, TextStyle style, PrintWriter out) {
        table.print(out, style.width(), style::heading);
        if (!table.dropped().isEmpty()) {
            TextLayout.print(out, "(" + String.join(", ", table.dropped()) + " left out to fit " + style.width()
                    + " columns)", "", " ", style.width());
        }
    }

    static void executors(ApplicationSnapshot app, TextStyle style, PrintWriter out) {
        if (app.executors().isEmpty()) {
            out.println("No executors in this log.");
            return;
        }
        long start = app.application().startTime().orElse(0);
        // Spark's executor summary sums task durations (launch to finish), not executor run time ("task time").
        TextLayout.Table table = new TextLayout.Table("").left("EXECUTOR").flexible("HOST").flexibleMinimum(10)
                .right("CORES").right("ADDED").optional(5).right("REMOVED").optional(6).right("TASKS")
                .right("FAILED").optional(2).right("TASK DUR.").right("GC").optional(4).right("SHUF READ")
                .right("SHUF WRITE").optional(3).right("SPILL").optional(1).right("PEAK HEAP");
        for (ExecutorSummary executor : app.executors()) {
            table.row(Formats.oneLine(executor.id(), 9), Formats.oneLine(executor.host(), 40),
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
        print(table, style, out);
        for (ExecutorSummary executor : app.executors()) {
            executor.removeReason().ifPresent(reason -> TextLayout.print(out, Formats.oneLine(reason, 200),
                    "executor " + executor.id() + " removed: ", "  ", style.width()));
        }
    }

    static void jobs(ApplicationSnapshot app, TextStyle style, PrintWriter out) {
        if (app.jobs().isEmpty()) {
            out.println("No jobs in this log.");
            return;
        }
        TextLayout.Table table = new TextLayout.Table("").right("JOB").left("STATUS").right("DURATION")
                .left("STAGES").right("SQL").flexible("DESCRIPTION");
        List<String> failures = new java.util.ArrayList<>();
        for (Job job : app.jobs()) {
            table.row(String.valueOf(job.id()), job.status().name().toLowerCase(Locale.ROOT),
                    job.durationMillis().isPresent() ? Formats.millis(job.durationMillis().getAsLong()) : "-",
                    Formats.oneLine(job.stageIds().toString(), 16),
                    job.sqlExecutionId().isPresent() ? Long.toString(job.sqlExecutionId().getAsLong()) : "-",
                    Formats.oneLine(job.description().orElse(""), 80));
            job.failureMessage().ifPresent(message -> failures.add("job " + job.id() + " failed: "
                    + Formats.oneLine(message, 200)));
        }
        print(table, style, out);
        for (String failure : failures) {
            TextLayout.print(out, failure, "", "  ", style.width());
        }
    }

    static void sqlList(ApplicationSnapshot app, TextStyle style, PrintWriter out) {
        if (app.sqlExecutions().isEmpty()) {
            out.println("No SQL executions in this log.");
            return;
        }
        TextLayout.Table table = new TextLayout.Table("").right("SQL").right("DURATION").left("JOBS")
                .left("JOINS").flexible("DESCRIPTION");
        for (SqlExecution sql : app.sqlExecutions()) {
            table.row(String.valueOf(sql.id()),
                    sql.durationMillis().isPresent() ? Formats.millis(sql.durationMillis().getAsLong()) : "-",
                    Formats.oneLine(sql.jobIds().toString(), 14),
                    Formats.oneLine(String.join(", ", sql.joins().stream().map(SqlExecution.Join::strategy).toList()),
                            28),
                    Formats.oneLine(sql.description(), 80));
        }
        print(table, style, out);
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
