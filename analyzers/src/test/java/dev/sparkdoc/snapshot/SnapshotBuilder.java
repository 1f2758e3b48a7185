package dev.sparkdoc.snapshot;

import dev.sparkdoc.event.BlockManagerId;
import dev.sparkdoc.event.ExecutorMetric;
import dev.sparkdoc.event.ExecutorMetrics;
import dev.sparkdoc.event.PlanNode;
import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.StageInfo;
import dev.sparkdoc.event.TaskEndReason;
import dev.sparkdoc.event.TaskInfo;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.event.TaskMetrics;
import dev.sparkdoc.fold.ApplicationFolder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Builds an {@link ApplicationSnapshot} for tests the way a log does: it writes {@link SparkEvent} records (app
 * start and end, environment, executors, jobs, stages, tasks, SQL executions) and folds them with the real
 * {@link ApplicationFolder}, like Spark's {@code ListenerEventsTestHelper}. Times are milliseconds from 0.
 *
 * <pre>
 * ApplicationSnapshot app = new SnapshotBuilder()
 *         .property("spark.sql.adaptive.enabled", "false")
 *         .executors(2, 4)
 *         .stage(0, stage -> stage.name("groupBy at Job.scala:12").shuffleRead()
 *                 .tasks(10, i -> SnapshotBuilder.task(1_000).shuffleRead(1 &lt;&lt; 20)))
 *         .build();
 * </pre>
 *
 * <p>Stages run one after another from the application's start (each starts when the previous one ends) unless a
 * stage is given its own start time with {@link StageBuilder#at(long)}. Tasks of a stage fill the executors' cores:
 * task {@code i} runs on slot {@code i % slots}, after the tasks before it on that slot.
 */
public final class SnapshotBuilder {

    private String appName = "test-app";
    private long start;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<Integer, Map<String, Long>> resourceProfiles = new LinkedHashMap<>();
    private final List<Executor> executors = new ArrayList<>();
    private final List<Sql> sqls = new ArrayList<>();
    private final List<StageBuilder> stages = new ArrayList<>();
    private OptionalLong end = OptionalLong.empty();
    private OptionalLong driverPeakHeap = OptionalLong.empty();

    private record Executor(String id, int cores, OptionalInt profileId) {
    }

    private record Sql(long id, String description, Optional<PlanNode> plan, String planText) {
    }

    /** One task's values; build with {@link SnapshotBuilder#task(long)}. */
    public static final class Task {
        private final long durationMillis;
        private long runMillis;
        private long gcMillis;
        private long inputBytes;
        private long shuffleReadBytes;
        private long shuffleReadRecords;
        private long shuffleWriteBytes;
        private long memorySpilled;
        private long diskSpilled;
        private long outputBytes;
        private long resultBytes;
        private Optional<TaskEndReason> failure = Optional.empty();
        private Optional<String> executorId = Optional.empty();

        private Task(long durationMillis) {
            if (durationMillis < 0) {
                throw new IllegalArgumentException("duration " + durationMillis + " < 0");
            }
            this.durationMillis = durationMillis;
            this.runMillis = durationMillis;
        }

        /** Executor run time, by default the task's whole duration. */
        public Task run(long millis) {
            runMillis = millis;
            return this;
        }

        public Task gc(long millis) {
            gcMillis = millis;
            return this;
        }

        public Task input(long bytes) {
            inputBytes = bytes;
            return this;
        }

        /** Shuffle bytes read (as local bytes), one record per KiB at least one. */
        public Task shuffleRead(long bytes) {
            shuffleReadBytes = bytes;
            shuffleReadRecords = Math.max(bytes > 0 ? 1 : 0, bytes / 1024);
            return this;
        }

        public Task shuffleWrite(long bytes) {
            shuffleWriteBytes = bytes;
            return this;
        }

        public Task output(long bytes) {
            outputBytes = bytes;
            return this;
        }

        public Task spill(long memoryBytes, long diskBytes) {
            memorySpilled = memoryBytes;
            diskSpilled = diskBytes;
            return this;
        }

        /** Bytes of the task's result sent back to the driver (Spark's resultSize). */
        public Task result(long bytes) {
            resultBytes = bytes;
            return this;
        }

        /**
         * The task fails with FetchFailed: it could not fetch map output of {@code shuffleId} from the block manager of
         * executor {@code fromExecutor}.
         */
        public Task fetchFailed(int shuffleId, String fromExecutor) {
            failure = Optional.of(new TaskEndReason.FetchFailed(Optional.of(new BlockManagerId(fromExecutor,
                    "host-" + fromExecutor, 7337)), shuffleId, 0, OptionalInt.of(0), 0,
                    "org.apache.spark.shuffle.FetchFailedException: test"));
            return this;
        }

        /** The task fails with this exception class (its metrics are still reported, as Spark does). */
        public Task failsWith(String exceptionClass) {
            failure = Optional.of(new TaskEndReason.ExceptionFailure(exceptionClass, exceptionClass + ": test"));
            return this;
        }

        /** Runs on this executor rather than the next free core slot's. */
        public Task on(String executor) {
            executorId = Optional.of(executor);
            return this;
        }

        private TaskMetrics metrics() {
            return TaskMetrics.builder()
                    .set(TaskMetric.EXECUTOR_RUN_TIME, runMillis)
                    .set(TaskMetric.EXECUTOR_CPU_TIME, runMillis * 1_000_000L)
                    .set(TaskMetric.JVM_GC_TIME, gcMillis)
                    .set(TaskMetric.INPUT_BYTES, inputBytes)
                    .set(TaskMetric.INPUT_RECORDS, inputBytes / 100)
                    .set(TaskMetric.SHUFFLE_LOCAL_BYTES_READ, shuffleReadBytes)
                    .set(TaskMetric.SHUFFLE_READ_RECORDS, shuffleReadRecords)
                    .set(TaskMetric.SHUFFLE_LOCAL_BLOCKS_FETCHED, shuffleReadBytes > 0 ? 1 : 0)
                    .set(TaskMetric.SHUFFLE_WRITE_BYTES, shuffleWriteBytes)
                    .set(TaskMetric.SHUFFLE_WRITE_RECORDS, shuffleWriteBytes / 100)
                    .set(TaskMetric.OUTPUT_BYTES, outputBytes)
                    .set(TaskMetric.MEMORY_BYTES_SPILLED, memorySpilled)
                    .set(TaskMetric.DISK_BYTES_SPILLED, diskSpilled)
                    .set(TaskMetric.RESULT_SIZE, resultBytes)
                    .build();
        }
    }

    /** One stage attempt (attempt 0) in its own job unless {@link #job(int)} puts several stages in one. */
    public final class StageBuilder {
        private final int id;
        private String name;
        private String details = "";
        private OptionalLong at = OptionalLong.empty();
        private OptionalInt jobId = OptionalInt.empty();
        private Optional<String> jobDescription = Optional.empty();
        private Optional<String> callSite = Optional.empty();
        private OptionalLong sqlExecutionId = OptionalLong.empty();
        private List<Integer> parents = List.of();
        private final List<Task> tasks = new ArrayList<>();
        private Optional<String> failureReason = Optional.empty();

        private StageBuilder(int id) {
            this.id = id;
            this.name = "stage " + id + " at Test.scala:" + (10 + id);
        }

        /** The stage name, as Spark writes its short call site ({@code load at <unknown>:0}). */
        public StageBuilder name(String value) {
            name = value;
            return this;
        }

        /** The stage details: the long call site (a stack trace). */
        public StageBuilder details(String value) {
            details = value;
            return this;
        }

        /** Submitted at this time rather than when the previous stage ended. */
        public StageBuilder at(long millis) {
            at = OptionalLong.of(millis);
            return this;
        }

        /** In this job (shared with other stages given the same id); by default a job of its own. */
        public StageBuilder job(int value) {
            jobId = OptionalInt.of(value);
            return this;
        }

        /** The job's {@code spark.job.description}, e.g. "Listing leaf files and directories for 2004 paths". */
        public StageBuilder jobDescription(String value) {
            jobDescription = Optional.of(value);
            return this;
        }

        /** The job's {@code callSite.short} property. */
        public StageBuilder callSite(String value) {
            callSite = Optional.of(value);
            return this;
        }

        /** Run for this SQL execution ({@link SnapshotBuilder#sql}). */
        public StageBuilder sql(long executionId) {
            sqlExecutionId = OptionalLong.of(executionId);
            return this;
        }

        public StageBuilder parents(Integer... ids) {
            parents = List.of(ids);
            return this;
        }

        public StageBuilder task(Task task) {
            tasks.add(task);
            return this;
        }

        public StageBuilder tasks(Task... values) {
            tasks.addAll(List.of(values));
            return this;
        }

        /** {@code count} tasks, the i-th made by {@code task}. */
        public StageBuilder tasks(int count, java.util.function.IntFunction<Task> task) {
            for (int i = 0; i < count; i++) {
                tasks.add(task.apply(i));
            }
            return this;
        }

        /** One task per duration, nothing else measured. */
        public StageBuilder durations(long... millis) {
            for (long value : millis) {
                tasks.add(SnapshotBuilder.task(value));
            }
            return this;
        }

        public StageBuilder failed(String reason) {
            failureReason = Optional.of(reason);
            return this;
        }
    }

    public static Task task(long durationMillis) {
        return new Task(durationMillis);
    }

    public SnapshotBuilder appName(String value) {
        appName = value;
        return this;
    }

    /** The application's start time; stages start from here. */
    public SnapshotBuilder start(long millis) {
        start = millis;
        return this;
    }

    /** The ApplicationEnd time; by default the last stage's end plus 100 ms. */
    public SnapshotBuilder end(long millis) {
        end = OptionalLong.of(millis);
        return this;
    }

    /** The driver's peak JVM heap, as the driver's executor-metrics update in a log reports it. */
    public SnapshotBuilder driverPeakHeap(long bytes) {
        driverPeakHeap = OptionalLong.of(bytes);
        return this;
    }

    public SnapshotBuilder property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    public SnapshotBuilder properties(Map<String, String> values) {
        properties.putAll(values);
        return this;
    }

    /** {@code count} executors "1".."count" with {@code cores} cores each, default resource profile. */
    public SnapshotBuilder executors(int count, int cores) {
        for (int i = 1; i <= count; i++) {
            executor(Integer.toString(executors.size() + 1), cores);
        }
        return this;
    }

    public SnapshotBuilder executor(String id, int cores) {
        executors.add(new Executor(id, cores, OptionalInt.empty()));
        return this;
    }

    /** An executor of a resource profile added with {@link #resourceProfile}. */
    public SnapshotBuilder executor(String id, int cores, int profileId) {
        executors.add(new Executor(id, cores, OptionalInt.of(profileId)));
        return this;
    }

    /** Executor resources of a profile: "cores", "memory" (MiB), "memoryOverhead" (MiB), "gpu", ... */
    public SnapshotBuilder resourceProfile(int profileId, Map<String, Long> executorResources) {
        resourceProfiles.put(profileId, Map.copyOf(executorResources));
        return this;
    }

    /** A SQL execution whose final plan is {@code plan}; {@code planText} is its physical plan description. */
    public SnapshotBuilder sql(long id, String description, PlanNode plan, String planText) {
        sqls.add(new Sql(id, description, Optional.of(plan), planText));
        return this;
    }

    public SnapshotBuilder sql(long id, String description, PlanNode plan) {
        return sql(id, description, plan, "");
    }

    public static PlanNode node(String name, String simpleString, PlanNode... children) {
        return new PlanNode(name, simpleString, List.of(children));
    }

    public SnapshotBuilder stage(int id, java.util.function.Consumer<StageBuilder> stage) {
        StageBuilder builder = new StageBuilder(id);
        stage.accept(builder);
        stages.add(builder);
        return this;
    }

    /** The events a log of this application would hold, in the order the builder writes them. */
    public List<SparkEvent> events() {
        List<SparkEvent> events = new ArrayList<>();
        events.add(new SparkEvent.LogStart("3.5.1"));
        events.add(new SparkEvent.EnvironmentUpdate(Map.of(), properties, Map.of(), Map.of()));
        events.add(new SparkEvent.ApplicationStart(appName, Optional.of("app-test-0001"), start, "tester",
                Optional.empty()));
        resourceProfiles.forEach((id, resources) -> events.add(
                new SparkEvent.ResourceProfileAdded(id, resources, Map.of("cpus", 1.0))));
        List<Executor> running = executors.isEmpty() ? List.of(new Executor("1", 1, OptionalInt.empty()))
                : executors;
        for (Executor executor : running) {
            events.add(new SparkEvent.ExecutorAdded(start, executor.id(), "host-" + executor.id(), executor.cores(),
                    executor.profileId()));
        }
        List<String> slots = new ArrayList<>();
        for (Executor executor : running) {
            for (int core = 0; core < executor.cores(); core++) {
                slots.add(executor.id());
            }
        }
        long clock = start;
        long lastEnd = start;
        long taskId = 0;
        Map<Long, long[]> sqlSpans = new LinkedHashMap<>();
        Map<Integer, List<Integer>> jobStages = new LinkedHashMap<>();
        for (StageBuilder stage : stages) {
            jobStages.computeIfAbsent(stage.jobId.orElse(stage.id), k -> new ArrayList<>()).add(stage.id);
        }
        Map<Integer, Long> jobEnds = new LinkedHashMap<>();
        java.util.Set<Integer> jobsStarted = new java.util.HashSet<>();
        List<SparkEvent> stageEvents = new ArrayList<>();
        Map<Long, Sql> sqlById = new LinkedHashMap<>();
        sqls.forEach(sql -> sqlById.put(sql.id(), sql));
        java.util.Set<Long> sqlStarted = new java.util.HashSet<>();
        for (StageBuilder stage : stages) {
            long submitted = stage.at.orElse(clock);
            int job = stage.jobId.orElse(stage.id);
            Map<String, String> jobProperties = new LinkedHashMap<>();
            stage.jobDescription.ifPresent(value -> jobProperties.put("spark.job.description", value));
            stage.callSite.ifPresent(value -> jobProperties.put("callSite.short", value));
            stage.sqlExecutionId.ifPresent(value -> jobProperties.put("spark.sql.execution.id", Long.toString(value)));
            StageAttemptId attempt = new StageAttemptId(stage.id, 0);
            StageInfo pending = info(stage, attempt, OptionalLong.empty(), OptionalLong.empty());
            if (stage.sqlExecutionId.isPresent() && sqlStarted.add(stage.sqlExecutionId.getAsLong())) {
                Sql sql = sqlById.get(stage.sqlExecutionId.getAsLong());
                if (sql != null) {
                    stageEvents.add(new SparkEvent.SqlExecutionStart(sql.id(), OptionalLong.empty(), sql.description(),
                            "", sql.planText(), sql.plan(), submitted, Map.of()));
                }
            }
            if (jobsStarted.add(job)) {
                List<StageInfo> infos = new ArrayList<>();
                for (StageBuilder other : stages) {
                    if (other.jobId.orElse(other.id) == job) {
                        infos.add(info(other, new StageAttemptId(other.id, 0), OptionalLong.empty(),
                                OptionalLong.empty()));
                    }
                }
                stageEvents.add(new SparkEvent.JobStart(job, OptionalLong.of(submitted), infos, jobStages.get(job),
                        jobProperties));
            }
            stageEvents.add(new SparkEvent.StageSubmitted(
                    info(stage, attempt, OptionalLong.of(submitted), OptionalLong.empty()), jobProperties));
            long[] slotFree = new long[slots.size()];
            java.util.Arrays.fill(slotFree, submitted);
            long stageEnd = submitted;
            for (int i = 0; i < stage.tasks.size(); i++) {
                Task task = stage.tasks.get(i);
                int slot = i % slots.size();
                String executor = task.executorId.orElse(slots.get(slot));
                long launch = slotFree[slot];
                long finish = launch + task.durationMillis;
                slotFree[slot] = finish;
                stageEnd = Math.max(stageEnd, finish);
                TaskInfo started = new TaskInfo(taskId, i, 0, OptionalInt.of(i), launch, executor, "host-" + executor,
                        "PROCESS_LOCAL", false, OptionalLong.empty(), OptionalLong.empty(), false, false);
                TaskInfo ended = new TaskInfo(taskId, i, 0, OptionalInt.of(i), launch, executor, "host-" + executor,
                        "PROCESS_LOCAL", false, OptionalLong.empty(), OptionalLong.of(finish),
                        task.failure.isPresent(), false);
                stageEvents.add(new SparkEvent.TaskStart(attempt, started));
                stageEvents.add(new SparkEvent.TaskEnd(attempt, "ResultTask",
                        task.failure.orElse(TaskEndReason.SUCCESS), ended, Optional.of(task.metrics()),
                        ExecutorMetrics.empty()));
                taskId++;
            }
            stageEvents.add(new SparkEvent.StageCompleted(
                    info(stage, attempt, OptionalLong.of(submitted), OptionalLong.of(stageEnd))));
            jobEnds.merge(job, stageEnd, Math::max);
            jobStages.get(job).remove(Integer.valueOf(stage.id));
            if (jobStages.get(job).isEmpty()) {
                stageEvents.add(new SparkEvent.JobEnd(job, OptionalLong.of(jobEnds.get(job)),
                        stage.failureReason.isEmpty(), stage.failureReason));
            }
            long ended = stageEnd;
            stage.sqlExecutionId.ifPresent(id -> sqlSpans.merge(id, new long[] {submitted, ended},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])}));
            clock = stage.at.isPresent() ? Math.max(clock, stageEnd) : stageEnd;
            lastEnd = Math.max(lastEnd, stageEnd);
        }
        events.addAll(stageEvents);
        driverPeakHeap.ifPresent(bytes -> events.add(new SparkEvent.ExecutorMetricsUpdate("driver",
                ExecutorMetrics.builder().set(ExecutorMetric.JVM_HEAP_MEMORY, bytes).build())));
        for (Sql sql : sqls) {
            long[] span = sqlSpans.get(sql.id());
            if (span == null) {
                events.add(new SparkEvent.SqlExecutionStart(sql.id(), OptionalLong.empty(), sql.description(), "",
                        sql.planText(), sql.plan(), start, Map.of()));
                events.add(new SparkEvent.SqlExecutionEnd(sql.id(), start, Optional.empty()));
            } else {
                events.add(new SparkEvent.SqlExecutionEnd(sql.id(), span[1], Optional.empty()));
            }
        }
        events.add(new SparkEvent.ApplicationEnd(end.orElse(lastEnd + 100), OptionalInt.of(0)));
        return events;
    }

    private StageInfo info(StageBuilder stage, StageAttemptId attempt, OptionalLong submitted, OptionalLong completed) {
        return new StageInfo(attempt, stage.name, stage.tasks.size(), stage.parents, stage.details, submitted,
                completed, completed.isPresent() ? stage.failureReason : Optional.empty(), OptionalInt.of(0),
                List.of());
    }

    /** Folds {@link #events()} with the real folder. */
    public ApplicationSnapshot build() {
        ApplicationFolder folder = new ApplicationFolder();
        events().forEach(folder);
        return folder.snapshot();
    }
}
