package dev.sparkdoc.fold;

import dev.sparkdoc.event.ExecutorMetrics;
import dev.sparkdoc.event.PlanNode;
import dev.sparkdoc.event.Saturating;
import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.StageInfo;
import dev.sparkdoc.event.TaskEndReason;
import dev.sparkdoc.event.TaskInfo;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.event.TaskMetrics;
import dev.sparkdoc.snapshot.ApplicationInfo;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.ExecutorSummary;
import dev.sparkdoc.snapshot.FetchFailure;
import dev.sparkdoc.snapshot.Job;
import dev.sparkdoc.snapshot.LongColumn;
import dev.sparkdoc.snapshot.MetricTotals;
import dev.sparkdoc.snapshot.SqlExecution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageExecutorSummary;
import dev.sparkdoc.snapshot.StageStatus;
import dev.sparkdoc.snapshot.TaskFailureGroup;
import dev.sparkdoc.snapshot.TaskTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The only place application state is built. Consumes {@link SparkEvent}s in log order and keeps, per stage attempt,
 * totals and compact per-task columns; nothing grows per event except those columns. The aggregation follows Spark's
 * {@code AppStatusListener}, so totals equal what the History Server reports:
 * <ul>
 *   <li>a task end adds its metrics to its stage attempt only if the task had started and not ended before
 *       (so {@code Resubmitted} ends, which have no start, add nothing);</li>
 *   <li>success counts as complete, killed and commit-denied as killed, every other reason as failed;</li>
 *   <li>stages that only appear in a job's stage list are pending, then skipped when the job ends;</li>
 *   <li>a stage completed without a submission time (old logs, SPARK-20205) was skipped, not complete;</li>
 *   <li>a stage attempt stops aggregating once it has completed and none of its tasks runs any more, so a
 *       late {@code Resubmitted} end (an executor lost after the stage finished) does not count against it;
 *       {@code Resubmitted} never counts as a running task ending, as it never started.</li>
 * </ul>
 * A folder may bound the per-task rows its finished stages keep ({@link #ApplicationFolder(long)}): the live listener
 * does, so its memory grows with the number of stages, not of tasks.
 */
public final class ApplicationFolder implements Consumer<SparkEvent> {

    private static final int MAX_FETCH_FAILURES_KEPT = 1_000;
    private static final int MAX_EXECUTORS_PER_FAILURE_GROUP = 10;
    private static final int MAX_MESSAGE_LENGTH = 2_000;

    private Optional<String> sparkVersion = Optional.empty();
    private String appName = "";
    private Optional<String> appId = Optional.empty();
    private Optional<String> attemptId = Optional.empty();
    private String user = "";
    private OptionalLong startTime = OptionalLong.empty();
    private OptionalLong endTime = OptionalLong.empty();
    private OptionalInt exitCode = OptionalInt.empty();
    private long lastEventTime;
    /** The earliest timestamp seen, for a log without an ApplicationStart event; 0 before any. */
    private long firstEventTime;
    /** Task ends for a stage attempt that had finished (not a late Resubmitted, which Spark expects). */
    private long lateTaskEnds;
    /** Task ends for a stage attempt no job or submission announced. */
    private long unannouncedTaskEnds;
    private Redactor redactor = Redactor.sparkDefault();
    private Map<String, String> sparkProperties = Map.of();
    private Map<String, String> systemProperties = Map.of();
    private Map<String, String> hadoopProperties = Map.of();
    private final Map<Integer, Map<String, Long>> resourceProfiles = new TreeMap<>();
    private final Map<String, LiveExecutor> executors = new LinkedHashMap<>();
    private final Map<Integer, LiveJob> jobs = new TreeMap<>();
    private final Map<StageAttemptId, LiveStage> stages = new TreeMap<>();
    /** The stage attempt of the last {@link #stage} call; stages are never removed, so it stays valid. */
    private LiveStage lastStage;
    /** One task's values on their way into a {@link TaskTable}; reused, the table copies them. */
    private final long[] row = new long[TaskMetric.values().length];
    private final Map<Long, LiveSql> sqlExecutions = new TreeMap<>();
    private final List<FetchFailure> fetchFailures = new ArrayList<>();
    private long fetchFailureCount;
    private final ExecutorMetrics.Peaks driverPeaks = new ExecutorMetrics.Peaks();
    private final long maxFinishedTaskRows;
    private final int maxStageTaskRows;
    /** Finished stage attempts whose tables are still full, oldest first, and their rows together. */
    private final ArrayDeque<LiveStage> fullFinishedStages = new ArrayDeque<>();
    private long fullFinishedRows;
    private boolean summarizeWhenFinished = true;

    /** A folder that keeps every successful task's row: exact answers about any task of any stage. */
    public ApplicationFolder() {
        this(Long.MAX_VALUE);
    }

    /** A folder whose finished stages keep at most {@code maxFinishedTaskRows} rows; running ones keep every row. */
    public ApplicationFolder(long maxFinishedTaskRows) {
        this(maxFinishedTaskRows, Integer.MAX_VALUE);
    }

    /**
     * A folder whose finished stage attempts keep at most {@code maxFinishedTaskRows} per-task rows together. Past
     * that, the attempts that finished first become summaries ({@link TaskTable#summary()}: exact distributions, the
     * top tasks of the ranked metrics), so memory stops growing with the number of tasks. A running stage attempt
     * keeps at most {@code maxStageTaskRows} rows (at least {@value TaskTable#TOP_VALUES_KEPT}); past that it keeps a
     * running summary whose quantiles are within 1% ({@link TaskTable.Builder#Builder(int)}).
     */
    public ApplicationFolder(long maxFinishedTaskRows, int maxStageTaskRows) {
        if (maxFinishedTaskRows < 0) {
            throw new IllegalArgumentException("maxFinishedTaskRows is negative: " + maxFinishedTaskRows);
        }
        if (maxStageTaskRows < TaskTable.TOP_VALUES_KEPT) {
            throw new IllegalArgumentException("maxStageTaskRows must be at least " + TaskTable.TOP_VALUES_KEPT
                    + ", not " + maxStageTaskRows);
        }
        this.maxFinishedTaskRows = maxFinishedTaskRows;
        this.maxStageTaskRows = maxStageTaskRows;
    }

    /**
     * Redacts free text (and properties) from here on with the application's redaction settings as well as Spark's
     * defaults: the live listener knows them from its SparkConf before any event. The log's environment update
     * replaces them.
     */
    public void redactWith(Map<String, String> sparkProperties) {
        useRedactor(Redactor.forProperties(sparkProperties));
    }

    @Override
    public void accept(SparkEvent input) {
        // The one place log-derived text enters the model: redacted here, so every output inherits it. Task starts
        // and successful task ends, nearly every event, pass through unchanged.
        SparkEvent event = redactor.redact(input);
        // Task events first: nearly every event is one.
        if (event instanceof SparkEvent.TaskEnd e) {
            onTaskEnd(e);
        } else if (event instanceof SparkEvent.TaskStart e) {
            onTaskStart(e);
        } else if (event instanceof SparkEvent.LogStart e) {
            sparkVersion = Optional.of(e.sparkVersion());
        } else if (event instanceof SparkEvent.ApplicationStart e) {
            onApplicationStart(e);
        } else if (event instanceof SparkEvent.ApplicationEnd e) {
            endTime = OptionalLong.of(e.timestamp());
            exitCode = e.exitCode();
            seen(e.timestamp());
        } else if (event instanceof SparkEvent.EnvironmentUpdate e) {
            onEnvironmentUpdate(e);
        } else if (event instanceof SparkEvent.ResourceProfileAdded e) {
            resourceProfiles.put(e.profileId(), e.executorResources());
        } else if (event instanceof SparkEvent.ExecutorAdded e) {
            onExecutorAdded(e);
        } else if (event instanceof SparkEvent.ExecutorRemoved e) {
            LiveExecutor executor = executor(e.executorId());
            executor.removeTime = OptionalLong.of(e.timestamp());
            executor.removeReason = Optional.of(e.reason());
            seen(e.timestamp());
        } else if (event instanceof SparkEvent.BlockManagerAdded e) {
            onBlockManagerAdded(e);
        } else if (event instanceof SparkEvent.BlockManagerRemoved e) {
            seen(e.timestamp());
        } else if (event instanceof SparkEvent.JobStart e) {
            onJobStart(e);
        } else if (event instanceof SparkEvent.JobEnd e) {
            onJobEnd(e);
        } else if (event instanceof SparkEvent.StageSubmitted e) {
            onStageSubmitted(e);
        } else if (event instanceof SparkEvent.StageCompleted e) {
            onStageCompleted(e);
        } else if (event instanceof SparkEvent.StageExecutorMetrics e) {
            LiveStage stage = stage(e.stage());
            LiveExecutor executor = executor(e.executorId());
            if (!stage.closed) {
                stage.peaks.add(e.peaks());
                stage.executorSummary(executor).peaks.add(e.peaks());
            }
            executor.peaks.add(e.peaks());
        } else if (event instanceof SparkEvent.ExecutorMetricsUpdate e) {
            if ("driver".equals(e.executorId())) {
                driverPeaks.add(e.peaks());
            }
            LiveExecutor executor = executor(e.executorId());
            executor.peaks.add(e.peaks());
        } else if (event instanceof SparkEvent.SqlExecutionStart e) {
            onSqlStart(e);
        } else if (event instanceof SparkEvent.SqlExecutionEnd e) {
            LiveSql sql = sqlExecutions.computeIfAbsent(e.executionId(), LiveSql::new);
            sql.endTime = OptionalLong.of(e.time());
            sql.errorMessage = e.errorMessage().map(ApplicationFolder::clip);
            seen(e.time());
        } else if (event instanceof SparkEvent.SqlAdaptiveExecutionUpdate e) {
            LiveSql sql = sqlExecutions.computeIfAbsent(e.executionId(), LiveSql::new);
            sql.physicalPlan = e.physicalPlanDescription();
            if (e.plan().isPresent()) {
                sql.planTree = e.plan();
            }
            sql.adaptiveUpdates++;
        }
    }

    // ---------------------------------------------------------------- application

    private void onApplicationStart(SparkEvent.ApplicationStart e) {
        appName = e.appName();
        appId = e.appId();
        attemptId = e.attemptId();
        user = e.user();
        startTime = OptionalLong.of(e.timestamp());
        seen(e.timestamp());
    }

    private void onEnvironmentUpdate(SparkEvent.EnvironmentUpdate e) {
        useRedactor(Redactor.forProperties(e.sparkProperties()));
        SparkEvent.EnvironmentUpdate redacted = redactor.redact(e);
        sparkProperties = redacted.sparkProperties();
        systemProperties = redacted.systemProperties();
        hadoopProperties = redacted.hadoopProperties();
    }

    /**
     * Redacts with {@code next} from here on. Text folded before (an application name that came before the
     * environment update) was redacted with the settings known then: redact it again with the new ones.
     */
    private void useRedactor(Redactor next) {
        boolean changed = next.differsFrom(redactor);
        redactor = next;
        if (changed) {
            redactFoldedText();
        }
    }

    private void redactFoldedText() {
        appName = redactor.redactText(appName);
        user = redactor.redactText(user);
        for (LiveExecutor executor : executors.values()) {
            executor.removeReason = redactor.redactText(executor.removeReason);
        }
        for (LiveJob job : jobs.values()) {
            job.description = redactor.redactText(job.description);
            job.jobGroup = redactor.redactText(job.jobGroup);
            job.failureMessage = redactor.redactText(job.failureMessage);
        }
        for (LiveStage stage : stages.values()) {
            if (stage.info != null) {
                stage.info = redactor.redact(stage.info);
            }
            List<LiveFailureGroup> groups = new ArrayList<>(stage.failures.values());
            stage.failures.clear();
            for (LiveFailureGroup group : groups) {
                LiveFailureGroup redacted = new LiveFailureGroup(group.reason, redactor.redactText(group.detail),
                        redactor.redactText(group.example));
                redacted.count = group.count;
                redacted.executors.addAll(group.executors);
                stage.failures.merge(redacted.reason + "\u0000" + redacted.detail, redacted, LiveFailureGroup::merge);
            }
        }
        fetchFailures.replaceAll(f -> new FetchFailure(f.stage(), f.taskId(), f.executorId(), f.time(),
                f.blockManager(), f.shuffleId(), f.mapId(), f.mapIndex(), f.reduceId(),
                redactor.redactText(f.message())));
        for (LiveSql sql : sqlExecutions.values()) {
            sql.description = redactor.redactText(sql.description);
            sql.errorMessage = redactor.redactText(sql.errorMessage);
            sql.physicalPlan = redactor.redactText(sql.physicalPlan);
            sql.planTree = sql.planTree.map(redactor::redact);
            sql.modifiedConfigs = redactor.redact(sql.modifiedConfigs);
        }
    }

    private void onExecutorAdded(SparkEvent.ExecutorAdded e) {
        LiveExecutor executor = executor(e.executorId());
        executor.host = e.host();
        executor.totalCores = e.totalCores();
        executor.addTime = OptionalLong.of(e.timestamp());
        executor.resourceProfileId = e.resourceProfileId();
        seen(e.timestamp());
    }

    private void onBlockManagerAdded(SparkEvent.BlockManagerAdded e) {
        LiveExecutor executor = executor(e.blockManager().executorId());
        if (executor.host.isEmpty()) {
            executor.host = e.blockManager().host();
        }
        if (executor.addTime.isEmpty()) {
            executor.addTime = OptionalLong.of(e.timestamp());
        }
        executor.maxMemory = OptionalLong.of(e.maxMemoryBytes());
        seen(e.timestamp());
    }

    // ---------------------------------------------------------------- jobs and stages

    private void onJobStart(SparkEvent.JobStart e) {
        LiveJob job = new LiveJob(e.jobId());
        job.submissionTime = e.submissionTime();
        job.stageIds.addAll(e.stageIds());
        Map<String, String> properties = e.properties();
        job.description = Optional.ofNullable(properties.get("spark.job.description"));
        job.jobGroup = Optional.ofNullable(properties.get("spark.jobGroup.id"));
        job.sqlExecutionId = parseLong(properties.get("spark.sql.execution.id"));
        jobs.put(e.jobId(), job);
        for (StageInfo info : e.stageInfos()) {
            LiveStage stage = stages.get(info.id());
            if (stage == null) {
                stage = new LiveStage(info.id(), maxStageTaskRows);
                stage.status = StageStatus.PENDING;
                stage.info = info;
                stages.put(info.id(), stage);
            }
            if (!stage.jobIds.contains(e.jobId())) {
                stage.jobIds.add(e.jobId());
            }
            if (stage.sqlExecutionId.isEmpty()) {
                stage.sqlExecutionId = job.sqlExecutionId;
            }
        }
        if (job.sqlExecutionId.isPresent()) {
            sqlExecutions.computeIfAbsent(job.sqlExecutionId.getAsLong(), LiveSql::new).jobIds.add(e.jobId());
        }
        e.submissionTime().ifPresent(this::seen);
    }

    private void onJobEnd(SparkEvent.JobEnd e) {
        LiveJob job = jobs.computeIfAbsent(e.jobId(), LiveJob::new);
        job.completionTime = e.completionTime();
        job.status = e.succeeded() ? Job.Status.SUCCEEDED : Job.Status.FAILED;
        job.failureMessage = e.failureMessage().map(ApplicationFolder::clip);
        for (LiveStage stage : stages.values()) {
            if (stage.status == StageStatus.PENDING && stage.jobIds.contains(e.jobId())) {
                stage.status = StageStatus.SKIPPED;
                stage.closed = true;
            }
        }
        e.completionTime().ifPresent(this::seen);
    }

    private void onStageSubmitted(SparkEvent.StageSubmitted e) {
        LiveStage stage = stage(e.stage().id());
        if (stage.summary != null) {
            // A finished attempt that kept only its summary; Spark never submits the same attempt twice.
            return;
        }
        stage.info = e.stage();
        stage.status = StageStatus.ACTIVE;
        if (stage.queuedAsFinished) {
            fullFinishedStages.remove(stage);
            fullFinishedRows -= stage.tasks.size();
            stage.queuedAsFinished = false;
        }
        stage.closed = false;
        OptionalLong sqlId = parseLong(e.properties().get("spark.sql.execution.id"));
        if (sqlId.isPresent()) {
            stage.sqlExecutionId = sqlId;
        }
        for (LiveJob job : jobs.values()) {
            if (job.stageIds.contains(e.stage().id().stageId()) && !stage.jobIds.contains(job.id)
                    && job.status == Job.Status.RUNNING) {
                stage.jobIds.add(job.id);
            }
        }
        e.stage().submissionTime().ifPresent(this::seen);
    }

    private void onStageCompleted(SparkEvent.StageCompleted e) {
        LiveStage stage = stage(e.stage().id());
        if (stage.closed) {
            // Spark ignores a completion for a stage attempt it no longer tracks (already completed or skipped).
            return;
        }
        StageInfo info = e.stage();
        if (stage.info != null && info.submissionTime().isEmpty() && stage.info.submissionTime().isPresent()) {
            info = new StageInfo(info.id(), info.name(), info.numTasks(), info.parentIds(), info.details(),
                    stage.info.submissionTime(), info.completionTime(), info.failureReason(), info.resourceProfileId(),
                    info.rddIds());
        }
        stage.info = info;
        if (info.failureReason().isPresent()) {
            stage.status = StageStatus.FAILED;
        } else if (info.submissionTime().isPresent()) {
            stage.status = StageStatus.COMPLETE;
        } else {
            // SPARK-20205: old logs can only tell a skipped stage from a run one at completion.
            stage.status = StageStatus.SKIPPED;
        }
        stage.closed = stage.activeTasks == 0;
        // A finished stage keeps its per-task columns; store their last partial chunk compactly too.
        stage.tasks.compact();
        stage.endedDurations.compact();
        info.completionTime().ifPresent(this::seen);
        if (stage.closed) {
            finished(stage);
        }
    }

    /**
     * A stage attempt stopped aggregating: queue its full table, and summarize the oldest full ones while the queue
     * holds more rows than allowed.
     */
    private void finished(LiveStage stage) {
        if (stage.summary != null || stage.queuedAsFinished) {
            return;
        }
        if (stage.tasks.keptRows() < stage.tasks.size()) {
            // Past its row limit while it ran: its rows are gone already, and the summary is smaller than its sketches.
            stage.summarize();
            return;
        }
        if (stage.tasks.size() <= TaskTable.TOP_VALUES_KEPT) {
            return;
        }
        stage.queuedAsFinished = true;
        fullFinishedStages.addLast(stage);
        fullFinishedRows += stage.tasks.size();
        if (summarizeWhenFinished) {
            summarizeFinishedStages();
        }
    }

    /**
     * Leaves summarizing finished stages to the caller's {@link #summarizeFinishedStages()}: summarizing sorts each
     * metric of a finished stage, which the live listener does when it diagnoses rather than while it folds an event.
     */
    public void deferSummaries() {
        summarizeWhenFinished = false;
    }

    /** Summarizes the finished stages that finished first while they hold more rows than allowed together. */
    public void summarizeFinishedStages() {
        while (fullFinishedRows > maxFinishedTaskRows) {
            LiveStage oldest = fullFinishedStages.removeFirst();
            // A queued attempt is closed: no row was added since it was queued.
            fullFinishedRows -= oldest.tasks.size();
            oldest.queuedAsFinished = false;
            oldest.summarize();
        }
    }

    private void onTaskStart(SparkEvent.TaskStart e) {
        LiveStage stage = stage(e.stage());
        TaskInfo task = e.task();
        stage.liveTasks.add(task.taskId());
        executor(task.executorId());
        seen(task.launchTime());
        if (stage.closed) {
            return;
        }
        stage.activeTasks++;
        if (stage.firstTaskLaunchedTime.isEmpty() || task.launchTime() < stage.firstTaskLaunchedTime.getAsLong()) {
            stage.firstTaskLaunchedTime = OptionalLong.of(task.launchTime());
        }
        if (stage.status == StageStatus.PENDING) {
            stage.status = StageStatus.ACTIVE;
        }
    }

    private void onTaskEnd(SparkEvent.TaskEnd e) {
        LiveStage stage = stage(e.stage());
        TaskInfo task = e.task();
        TaskEndReason reason = e.reason();
        if (stage.info == null) {
            unannouncedTaskEnds++;
        } else if (stage.closed && !(reason instanceof TaskEndReason.Resubmitted)) {
            lateTaskEnds++;
        }
        boolean live = stage.liveTasks.remove(task.taskId());
        long duration = task.durationMillis().orElse(0);
        task.finishTime().ifPresent(this::seen);

        int completed = reason.isSuccess() ? 1 : 0;
        int killed = reason.countsAsKilled() ? 1 : 0;
        int failed = 1 - completed - killed;
        Optional<TaskMetrics> metrics = live ? e.metrics() : Optional.empty();
        boolean countsInStage = !stage.closed;
        LiveExecutor executor = executor(task.executorId());
        LiveStageExecutor stageExecutor = null;
        if (countsInStage) {
            stage.completeTasks += completed;
            stage.killedTasks += killed;
            stage.failedTasks += failed;
            if (completed == 1 && task.index() >= 0) {
                stage.completedIndices.set(task.index());
            }
            if (live) {
                // The History Server's task rows (and so its duration quantiles) exist only for started tasks.
                stage.endedDurations.add(duration);
                stage.endedDurationCount++;
            }
            stageExecutor = stage.executorSummary(executor);
            stageExecutor.taskTime = Saturating.add(stageExecutor.taskTime, duration);
            stageExecutor.succeeded += completed;
            stageExecutor.failed += failed;
            stageExecutor.killed += killed;
            if (metrics.isPresent()) {
                stage.totals.add(metrics.get());
                stageExecutor.totals.add(metrics.get());
            }
            if (!e.executorMetrics().isEmpty()) {
                stage.peaks.add(e.executorMetrics());
                stageExecutor.peaks.add(e.executorMetrics());
            }
            if (!(reason instanceof TaskEndReason.Resubmitted)) {
                stage.activeTasks--;
            }
            if (stage.activeTasks <= 0 && (stage.status == StageStatus.COMPLETE || stage.status == StageStatus.FAILED)) {
                stage.closed = true;
            }
        }

        executor.totalDuration = Saturating.add(executor.totalDuration, duration);
        executor.completed += completed;
        executor.failed += failed;
        executor.killed += killed;
        if (!(reason instanceof TaskEndReason.Resubmitted) && e.metrics().isPresent()) {
            TaskMetrics m = e.metrics().get();
            executor.totalGcTime = Saturating.add(executor.totalGcTime, m.get(TaskMetric.JVM_GC_TIME));
            executor.totalInput = Saturating.add(executor.totalInput, m.get(TaskMetric.INPUT_BYTES));
            executor.totalShuffleRead = Saturating.add(executor.totalShuffleRead, m.get(TaskMetric.SHUFFLE_READ_BYTES));
            executor.totalShuffleWrite = Saturating.add(executor.totalShuffleWrite, m.get(TaskMetric.SHUFFLE_WRITE_BYTES));
            executor.memorySpilled = Saturating.add(executor.memorySpilled, m.get(TaskMetric.MEMORY_BYTES_SPILLED));
            executor.diskSpilled = Saturating.add(executor.diskSpilled, m.get(TaskMetric.DISK_BYTES_SPILLED));
        }
        if (!e.executorMetrics().isEmpty()) {
            executor.peaks.add(e.executorMetrics());
        }

        if (countsInStage && completed == 1 && metrics.isPresent()) {
            stage.tasks.add(task.taskId(), task.index(), stageExecutor.tableIndex(stage.tasks), task.launchTime(),
                    rowValues(task, metrics.get()));
        }
        if (completed == 0) {
            recordFailure(stage, e, countsInStage);
        }
        if (countsInStage && stage.closed) {
            finished(stage);
        }
    }

    /** Fills {@link #row} with one task's values, indexed by {@link TaskMetric#ordinal()}. */
    private long[] rowValues(TaskInfo task, TaskMetrics metrics) {
        long[] values = row;
        metrics.copyTo(values);
        long duration = task.durationMillis().orElse(0);
        long gettingResult = task.gettingResultMillis();
        values[TaskMetric.DURATION.ordinal()] = duration;
        values[TaskMetric.GETTING_RESULT_TIME.ordinal()] = gettingResult;
        // Spark's AppStatusUtils.schedulerDelay.
        values[TaskMetric.SCHEDULER_DELAY.ordinal()] = Math.max(0, duration
                - metrics.get(TaskMetric.EXECUTOR_RUN_TIME) - metrics.get(TaskMetric.EXECUTOR_DESERIALIZE_TIME)
                - metrics.get(TaskMetric.RESULT_SERIALIZATION_TIME) - gettingResult);
        return values;
    }

    private void recordFailure(LiveStage stage, SparkEvent.TaskEnd e, boolean countsInStage) {
        TaskEndReason reason = e.reason();
        String detail;
        String message;
        if (reason instanceof TaskEndReason.ExceptionFailure f) {
            detail = f.className();
            message = f.description();
        } else if (reason instanceof TaskEndReason.ExecutorLostFailure f) {
            message = f.lossReason().orElse("");
            detail = f.exitCausedByApp() ? "caused by the application" : "not caused by the application";
        } else if (reason instanceof TaskEndReason.FetchFailed f) {
            detail = "shuffle " + f.shuffleId();
            message = f.message();
            fetchFailureCount++;
            if (fetchFailures.size() < MAX_FETCH_FAILURES_KEPT) {
                fetchFailures.add(new FetchFailure(e.stage(), e.task().taskId(), e.task().executorId(),
                        e.task().finishTime().orElse(e.task().launchTime()), f.blockManager(), f.shuffleId(),
                        f.mapId(), f.mapIndex(), f.reduceId(), clip(f.message())));
            }
        } else if (reason instanceof TaskEndReason.TaskKilled f) {
            detail = f.killReason();
            message = f.killReason();
        } else {
            detail = "";
            message = "";
        }
        if (!countsInStage) {
            return;
        }
        String key = reason.name() + "\u0000" + detail;
        LiveFailureGroup group = stage.failures.computeIfAbsent(key,
                k -> new LiveFailureGroup(reason.name(), detail, clip(message)));
        group.count++;
        if (group.executors.size() < MAX_EXECUTORS_PER_FAILURE_GROUP && !group.executors.contains(e.task().executorId())) {
            group.executors.add(e.task().executorId());
        }
    }

    // ---------------------------------------------------------------- SQL

    private void onSqlStart(SparkEvent.SqlExecutionStart e) {
        LiveSql sql = sqlExecutions.computeIfAbsent(e.executionId(), LiveSql::new);
        sql.rootExecutionId = e.rootExecutionId();
        sql.description = e.description();
        sql.startTime = OptionalLong.of(e.time());
        sql.physicalPlan = e.physicalPlanDescription();
        sql.planTree = e.plan();
        sql.modifiedConfigs = e.modifiedConfigs();
        seen(e.time());
    }

    private static List<SqlExecution.Join> joins(Optional<PlanNode> plan) {
        List<SqlExecution.Join> joins = new ArrayList<>();
        plan.ifPresent(root -> collectJoins(root, joins));
        return joins;
    }

    private static void collectJoins(PlanNode node, List<SqlExecution.Join> joins) {
        String name = node.nodeName();
        if (name.endsWith("Join") || name.equals("CartesianProduct") || name.startsWith("BroadcastNestedLoopJoin")) {
            joins.add(new SqlExecution.Join(name, node.simpleString()));
        }
        for (PlanNode child : node.children()) {
            collectJoins(child, joins);
        }
    }

    // ---------------------------------------------------------------- snapshot

    /** An immutable snapshot of everything folded so far. The folder can go on folding afterwards. */
    public ApplicationSnapshot snapshot() {
        return snapshot(List.of());
    }

    /** A snapshot, with reasons the reader found for the log to be incomplete (truncated, compacted, ...). */
    public ApplicationSnapshot snapshot(List<String> readerIncompleteReasons) {
        List<String> incomplete = new ArrayList<>();
        if (endTime.isEmpty()) {
            incomplete.add("the log has no ApplicationEnd event: the application was still running, or was killed");
        }
        incomplete.addAll(readerIncompleteReasons);
        OptionalLong start = startTime.isPresent() || firstEventTime == 0 ? startTime : OptionalLong.of(firstEventTime);
        ApplicationInfo info = new ApplicationInfo(applicationName(), applicationId(), attemptId, sparkVersion, user,
                start, endTime,
                lastEventTime > 0 ? OptionalLong.of(lastEventTime) : OptionalLong.empty(), exitCode, incomplete);

        List<ExecutorSummary> executorList = new ArrayList<>();
        for (LiveExecutor executor : executors.values()) {
            executorList.add(executor.toSummary());
        }
        List<Job> jobList = new ArrayList<>();
        for (LiveJob job : jobs.values()) {
            jobList.add(new Job(job.id, job.status, job.submissionTime, job.completionTime, job.stageIds,
                    job.description, job.jobGroup, job.sqlExecutionId, job.failureMessage));
        }
        List<StageAttempt> stageList = new ArrayList<>();
        for (LiveStage stage : stages.values()) {
            stageList.add(stage.toAttempt());
        }
        List<SqlExecution> sqlList = new ArrayList<>();
        for (LiveSql sql : sqlExecutions.values()) {
            sqlList.add(new SqlExecution(sql.id, sql.rootExecutionId, sql.description, sql.startTime, sql.endTime,
                    sql.errorMessage, sql.physicalPlan, sql.planTree, sql.adaptiveUpdates, joins(sql.planTree),
                    sql.jobIds, sql.modifiedConfigs));
        }
        return new ApplicationSnapshot(info, sparkProperties, systemProperties, hadoopProperties, resourceProfiles,
                executorList, jobList, stageList, sqlList, fetchFailures, fetchFailureCount, driverPeaks.snapshot());
    }

    /**
     * One stage attempt as folded so far, without building a whole snapshot: the live listener reads each stage as it
     * completes. Like a snapshot, it must be read before the folder goes on folding.
     */
    public Optional<StageAttempt> stageAttempt(StageAttemptId id) {
        LiveStage stage = stages.get(id);
        return stage == null ? Optional.empty() : Optional.of(stage.toAttempt());
    }

    // ---------------------------------------------------------------- helpers

    private LiveStage stage(StageAttemptId id) {
        // Task events come in runs of one stage attempt: skip the tree lookup for those.
        LiveStage last = lastStage;
        if (last != null && last.id.equals(id)) {
            return last;
        }
        last = stages.computeIfAbsent(id, key -> new LiveStage(key, maxStageTaskRows));
        lastStage = last;
        return last;
    }

    private LiveExecutor executor(String id) {
        LiveExecutor executor = executors.get(id);
        if (executor == null) {
            executor = new LiveExecutor(id, executors.size());
            executors.put(id, executor);
        }
        return executor;
    }

    private void seen(long timestamp) {
        if (timestamp > lastEventTime) {
            lastEventTime = timestamp;
        }
        if (timestamp > 0 && (firstEventTime == 0 || timestamp < firstEventTime)) {
            firstEventTime = timestamp;
        }
    }

    /**
     * What the folder found odd about the events so far, one line each: events out of order, and the identity it
     * had to take from elsewhere than the ApplicationStart event.
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (lateTaskEnds > 0) {
            warnings.add(lateTaskEnds + " task end event(s) came after their stage attempt had finished; as Spark"
                    + " does, they are not in the stage's totals");
        }
        if (unannouncedTaskEnds > 0) {
            warnings.add(unannouncedTaskEnds + " task end event(s) belong to stage attempts that no job start or"
                    + " stage submission announced (events out of order or missing)");
        }
        if (startTime.isEmpty()) {
            String from = appId.isEmpty() && sparkProperties.containsKey("spark.app.id")
                    ? "id and name from the Spark properties (spark.app.id, spark.app.name), " : "";
            warnings.add("the log has no ApplicationStart event: " + from + (firstEventTime > 0
                    ? "start time from the earliest event timestamp" : "no start time known"));
        }
        return warnings;
    }

    private Optional<String> applicationId() {
        return appId.isPresent() ? appId : Optional.ofNullable(sparkProperties.get("spark.app.id"));
    }

    private String applicationName() {
        return !appName.isEmpty() || startTime.isPresent() ? appName : sparkProperties.getOrDefault("spark.app.name", "");
    }

    private static OptionalLong parseLong(String value) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String clip(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH) + "...";
    }

    private static final class LiveExecutor {
        final String id;
        /** 0, 1, 2, ... in the order executors were first seen: where a stage finds its summary of this executor. */
        final int ordinal;
        String host = "";
        int totalCores;
        OptionalInt resourceProfileId = OptionalInt.empty();
        OptionalLong addTime = OptionalLong.empty();
        OptionalLong removeTime = OptionalLong.empty();
        Optional<String> removeReason = Optional.empty();
        OptionalLong maxMemory = OptionalLong.empty();
        long totalDuration;
        long totalGcTime;
        long totalInput;
        long totalShuffleRead;
        long totalShuffleWrite;
        long memorySpilled;
        long diskSpilled;
        int completed;
        int failed;
        int killed;
        final ExecutorMetrics.Peaks peaks = new ExecutorMetrics.Peaks();

        LiveExecutor(String id, int ordinal) {
            this.id = id;
            this.ordinal = ordinal;
        }

        ExecutorSummary toSummary() {
            return new ExecutorSummary(id, host, totalCores, resourceProfileId, addTime, removeTime, removeReason,
                    maxMemory, totalDuration, totalGcTime, totalInput, totalShuffleRead, totalShuffleWrite,
                    memorySpilled, diskSpilled, completed, failed, killed, peaks.snapshot());
        }
    }

    private static final class LiveJob {
        final int id;
        Job.Status status = Job.Status.RUNNING;
        OptionalLong submissionTime = OptionalLong.empty();
        OptionalLong completionTime = OptionalLong.empty();
        final List<Integer> stageIds = new ArrayList<>();
        Optional<String> description = Optional.empty();
        Optional<String> jobGroup = Optional.empty();
        OptionalLong sqlExecutionId = OptionalLong.empty();
        Optional<String> failureMessage = Optional.empty();

        LiveJob(int id) {
            this.id = id;
        }
    }

    private static final class LiveStageExecutor {
        final String executorId;
        /** This executor's index in the stage's task table, once it has a row there; -1 before. */
        private int tableIndex = -1;
        long taskTime;
        int succeeded;
        int failed;
        int killed;
        final MetricTotals.Accumulator totals = new MetricTotals.Accumulator();
        final ExecutorMetrics.Peaks peaks = new ExecutorMetrics.Peaks();

        LiveStageExecutor(String executorId) {
            this.executorId = executorId;
        }

        /** The executor's index in {@code table}, looked up by name once per stage and executor, not once per row. */
        int tableIndex(TaskTable.Builder table) {
            if (tableIndex < 0) {
                tableIndex = table.executorIndex(executorId);
            }
            return tableIndex;
        }
    }

    private static final class LiveFailureGroup {
        final String reason;
        final String detail;
        final String example;
        final List<String> executors = new ArrayList<>();
        long count;

        LiveFailureGroup(String reason, String detail, String example) {
            this.reason = reason;
            this.detail = detail;
            this.example = example;
        }

        /** Two groups that became one when their details were redacted alike. */
        LiveFailureGroup merge(LiveFailureGroup other) {
            count += other.count;
            for (String executor : other.executors) {
                if (executors.size() < MAX_EXECUTORS_PER_FAILURE_GROUP && !executors.contains(executor)) {
                    executors.add(executor);
                }
            }
            return this;
        }
    }

    private static final class LiveStage {
        final StageAttemptId id;
        StageInfo info;
        StageStatus status = StageStatus.ACTIVE;
        final List<Integer> jobIds = new ArrayList<>();
        OptionalLong sqlExecutionId = OptionalLong.empty();
        OptionalLong firstTaskLaunchedTime = OptionalLong.empty();
        /** Started minus ended tasks while the attempt aggregates; Spark's LiveStage.activeTasks. */
        int activeTasks;
        /** Completed (or skipped) with no task running: Spark has dropped it from its live stages. */
        boolean closed;
        int completeTasks;
        int failedTasks;
        int killedTasks;
        final BitSet completedIndices = new BitSet();
        /** Started tasks that have not ended: Spark's LiveStage keeps their rows, the History Server shows them. */
        final LongSet liveTasks = new LongSet();
        final MetricTotals.Accumulator totals = new MetricTotals.Accumulator();
        /** Null once the attempt is summarized. */
        TaskTable.Builder tasks;
        /** Null once the attempt is summarized. */
        LongColumn endedDurations = new LongColumn();
        int endedDurationCount;
        /** The finished attempt's summary, which replaced {@link #tasks}; null while its table is full. */
        TaskTable summary;
        boolean queuedAsFinished;
        /** The stage's executor summaries in the order their executors first ran a task of it. */
        final List<LiveStageExecutor> executorSummaries = new ArrayList<>();
        /** The same summaries by {@link LiveExecutor#ordinal}: an array read per task end instead of a hash lookup. */
        private LiveStageExecutor[] executorSummariesByOrdinal = new LiveStageExecutor[0];
        final Map<String, LiveFailureGroup> failures = new LinkedHashMap<>();
        final ExecutorMetrics.Peaks peaks = new ExecutorMetrics.Peaks();

        LiveStage(StageAttemptId id, int maxTaskRows) {
            this.id = id;
            this.tasks = new TaskTable.Builder(maxTaskRows);
        }

        LiveStageExecutor executorSummary(LiveExecutor executor) {
            int ordinal = executor.ordinal;
            LiveStageExecutor[] byOrdinal = executorSummariesByOrdinal;
            if (ordinal < byOrdinal.length && byOrdinal[ordinal] != null) {
                return byOrdinal[ordinal];
            }
            if (ordinal >= byOrdinal.length) {
                byOrdinal = Arrays.copyOf(byOrdinal, Math.max(ordinal + 1, byOrdinal.length * 2));
                executorSummariesByOrdinal = byOrdinal;
            }
            LiveStageExecutor summary = new LiveStageExecutor(executor.id);
            byOrdinal[ordinal] = summary;
            executorSummaries.add(summary);
            return summary;
        }

        /** Keeps the summary of the finished attempt's table and lets go of its per-task rows. */
        void summarize() {
            summary = tasks.view().summary();
            tasks = null;
            endedDurations = null;
        }

        StageAttempt toAttempt() {
            String name = info == null ? "" : info.name();
            String details = info == null ? "" : info.details();
            int numTasks = info == null ? 0 : info.numTasks();
            List<StageExecutorSummary> summaries = new ArrayList<>();
            for (LiveStageExecutor executor : executorSummaries) {
                summaries.add(new StageExecutorSummary(executor.executorId, executor.taskTime, executor.succeeded,
                        executor.failed, executor.killed, executor.totals.snapshot(), executor.peaks.snapshot()));
            }
            List<TaskFailureGroup> failureList = new ArrayList<>();
            for (LiveFailureGroup group : failures.values()) {
                failureList.add(new TaskFailureGroup(group.reason, group.detail, group.count, group.example,
                        group.executors));
            }
            return new StageAttempt(id, name, details, status, numTasks, jobIds,
                    info == null ? List.of() : info.parentIds(),
                    info == null ? OptionalLong.empty() : info.submissionTime(),
                    firstTaskLaunchedTime,
                    info == null ? OptionalLong.empty() : info.completionTime(),
                    info == null ? Optional.empty() : info.failureReason().map(ApplicationFolder::clip),
                    info == null ? OptionalInt.empty() : info.resourceProfileId(),
                    sqlExecutionId, completeTasks, failedTasks, killedTasks, completedIndices.cardinality(),
                    liveTasks.size(), totals.snapshot(), summary != null ? summary : tasks.view(),
                    endedDurations == null ? Optional.empty()
                            : Optional.of(new StageAttempt.LongColumnView(endedDurations, endedDurationCount)),
                    summaries, failureList, peaks.snapshot());
        }
    }

    private static final class LiveSql {
        final long id;
        OptionalLong rootExecutionId = OptionalLong.empty();
        String description = "";
        OptionalLong startTime = OptionalLong.empty();
        OptionalLong endTime = OptionalLong.empty();
        Optional<String> errorMessage = Optional.empty();
        String physicalPlan = "";
        Optional<PlanNode> planTree = Optional.empty();
        int adaptiveUpdates;
        final List<Integer> jobIds = new ArrayList<>();
        Map<String, String> modifiedConfigs = Map.of();

        LiveSql(long id) {
            this.id = id;
        }
    }
}
