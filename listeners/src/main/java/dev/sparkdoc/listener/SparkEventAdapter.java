package dev.sparkdoc.listener;

import static dev.sparkdoc.event.TaskMetric.DISK_BYTES_SPILLED;
import static dev.sparkdoc.event.TaskMetric.EXECUTOR_CPU_TIME;
import static dev.sparkdoc.event.TaskMetric.EXECUTOR_DESERIALIZE_CPU_TIME;
import static dev.sparkdoc.event.TaskMetric.EXECUTOR_DESERIALIZE_TIME;
import static dev.sparkdoc.event.TaskMetric.EXECUTOR_RUN_TIME;
import static dev.sparkdoc.event.TaskMetric.INPUT_BYTES;
import static dev.sparkdoc.event.TaskMetric.INPUT_RECORDS;
import static dev.sparkdoc.event.TaskMetric.JVM_GC_TIME;
import static dev.sparkdoc.event.TaskMetric.MEMORY_BYTES_SPILLED;
import static dev.sparkdoc.event.TaskMetric.OUTPUT_BYTES;
import static dev.sparkdoc.event.TaskMetric.OUTPUT_RECORDS;
import static dev.sparkdoc.event.TaskMetric.PEAK_EXECUTION_MEMORY;
import static dev.sparkdoc.event.TaskMetric.RESULT_SERIALIZATION_TIME;
import static dev.sparkdoc.event.TaskMetric.RESULT_SIZE;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_CORRUPT_MERGED_BLOCK_CHUNKS;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_FETCH_WAIT_TIME;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_LOCAL_BLOCKS_FETCHED;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_LOCAL_BYTES_READ;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_MERGED_FETCH_FALLBACK_COUNT;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_MERGED_LOCAL_BLOCKS_FETCHED;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_MERGED_LOCAL_BYTES_READ;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_MERGED_LOCAL_CHUNKS_FETCHED;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_MERGED_REMOTE_BLOCKS_FETCHED;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_MERGED_REMOTE_BYTES_READ;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_MERGED_REMOTE_CHUNKS_FETCHED;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_MERGED_REMOTE_REQUESTS_DURATION;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_READ_RECORDS;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_REMOTE_BLOCKS_FETCHED;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_REMOTE_BYTES_READ;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_REMOTE_BYTES_READ_TO_DISK;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_REMOTE_REQUESTS_DURATION;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_WRITE_BYTES;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_WRITE_RECORDS;
import static dev.sparkdoc.event.TaskMetric.SHUFFLE_WRITE_TIME;

import dev.sparkdoc.event.BlockManagerId;
import dev.sparkdoc.event.ExecutorMetric;
import dev.sparkdoc.event.ExecutorMetrics;
import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.TaskEndReason;
import dev.sparkdoc.event.TaskInfo;
import dev.sparkdoc.event.TaskMetrics;
import dev.sparkdoc.eventlog.EventLineParser;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.FetchFailed;
import org.apache.spark.Resubmitted$;
import org.apache.spark.Success$;
import org.apache.spark.TaskCommitDenied;
import org.apache.spark.TaskKilled;
import org.apache.spark.executor.InputMetrics;
import org.apache.spark.executor.OutputMetrics;
import org.apache.spark.executor.ShuffleReadMetrics;
import org.apache.spark.executor.ShuffleWriteMetrics;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskLocality;
import org.apache.spark.util.JsonProtocol;
import scala.Enumeration;
import scala.Tuple2;

/**
 * Turns Spark's listener event objects into the neutral {@link SparkEvent} records the event-log reader produces, so
 * the same {@code ApplicationFolder} folds both. Runs on the listener's own thread, never on Spark's bus.
 *
 * <ul>
 *   <li>Task starts and ends (one per task attempt: the volume) and executor metric updates are converted field by
 *       field, exactly as {@link EventLineParser} reads the JSON Spark would write for them (a test proves it on real
 *       events).</li>
 *   <li>Every other event (a few per stage or job) goes through Spark's own {@code JsonProtocol} and then the same
 *       {@link EventLineParser} the reader uses, so it folds exactly as it would from the event log.</li>
 *   <li>Like Spark's {@code EventLoggingListener} with {@code spark.eventLog.logStageExecutorMetrics}, it forwards the
 *       driver's metric updates and, when a stage attempt completes, each executor's peak metrics during it. Memory:
 *       one peak vector per running stage attempt and executor.</li>
 * </ul>
 */
final class SparkEventAdapter {

    private static final String SQL = "org.apache.spark.sql.execution.ui.";
    /** The events outside {@code SparkListenerInterface}'s methods that the folder uses. */
    static final List<String> OTHER_EVENTS = List.of(SQL + "SparkListenerSQLExecutionStart",
            SQL + "SparkListenerSQLExecutionEnd", SQL + "SparkListenerSQLAdaptiveExecutionUpdate");
    private static final String DRIVER = "driver";
    private static final StageAttemptId NO_STAGE = null;

    /** The executor metrics this Spark version knows, in our order, with the names Spark reads them by. */
    private static final ExecutorMetric[] KNOWN_EXECUTOR_METRICS = knownExecutorMetrics();

    private final EventLineParser parser = new EventLineParser();
    private final Map<StageAttemptId, Map<String, ExecutorMetrics>> liveStagePeaks = new LinkedHashMap<>();
    /** The stage attempt of the last task event, shared by the records of the next ones of the same attempt. */
    private StageAttemptId lastTaskStage;

    /** Converts one event; {@code sink} receives zero or more neutral events, in the order the folder needs. */
    void adapt(SparkListenerEvent event, Consumer<SparkEvent> sink) throws IOException {
        if (event instanceof SparkListenerTaskEnd taskEnd) {
            sink.accept(taskEnd(taskEnd));
        } else if (event instanceof SparkListenerTaskStart taskStart) {
            sink.accept(new SparkEvent.TaskStart(stage(taskStart.stageId(), taskStart.stageAttemptId()),
                    taskInfo(taskStart.taskInfo())));
        } else if (event instanceof SparkListenerExecutorMetricsUpdate update) {
            executorMetricsUpdate(update, sink);
        } else if (event instanceof SparkListenerStageSubmitted submitted) {
            throughJson(event, sink);
            liveStagePeaks.put(new StageAttemptId(submitted.stageInfo().stageId(),
                    submitted.stageInfo().attemptNumber()), new LinkedHashMap<>());
        } else if (event instanceof SparkListenerStageCompleted completed) {
            stageCompleted(completed, sink);
        } else {
            throughJson(event, sink);
        }
    }

    /** Running stage attempts whose executor peaks are being tracked; for tests of bounded memory. */
    int trackedStages() {
        return liveStagePeaks.size();
    }

    private void throughJson(SparkListenerEvent event, Consumer<SparkEvent> sink) throws IOException {
        byte[] line = JsonProtocol.sparkEventToJsonString(event).getBytes(StandardCharsets.UTF_8);
        EventLineParser.Result result = parser.parse(line, 0, line.length);
        if (result instanceof EventLineParser.Result.Parsed parsed) {
            sink.accept(parsed.event());
        }
    }

    private void stageCompleted(SparkListenerStageCompleted completed, Consumer<SparkEvent> sink) throws IOException {
        int stageId = completed.stageInfo().stageId();
        int attempt = completed.stageInfo().attemptNumber();
        // As EventLoggingListener: earlier attempts that never completed are forgotten.
        for (int earlier = 0; earlier < attempt; earlier++) {
            liveStagePeaks.remove(new StageAttemptId(stageId, earlier));
        }
        StageAttemptId id = new StageAttemptId(stageId, attempt);
        Map<String, ExecutorMetrics> peaks = liveStagePeaks.remove(id);
        if (peaks != null) {
            for (Map.Entry<String, ExecutorMetrics> executor : peaks.entrySet()) {
                sink.accept(new SparkEvent.StageExecutorMetrics(executor.getKey(), id, executor.getValue()));
            }
        }
        throughJson(completed, sink);
    }

    private void executorMetricsUpdate(SparkListenerExecutorMetricsUpdate update, Consumer<SparkEvent> sink) {
        // Iterated through scala.collection.Map's own iterator, which Scala 2.12 and 2.13 both have:
        // scala.jdk.javaapi.CollectionConverters exists only in 2.13, and Spark 3.5's default download is 2.12.
        scala.collection.Map<Tuple2<Object, Object>, org.apache.spark.executor.ExecutorMetrics> updates =
                update.executorUpdates();
        if (updates.isEmpty()) {
            return;
        }
        String executorId = update.execId();
        ExecutorMetrics all = ExecutorMetrics.empty();
        scala.collection.Iterator<Tuple2<Tuple2<Object, Object>, org.apache.spark.executor.ExecutorMetrics>> entries =
                updates.iterator();
        while (entries.hasNext()) {
            Tuple2<Tuple2<Object, Object>, org.apache.spark.executor.ExecutorMetrics> entry = entries.next();
            ExecutorMetrics peaks = executorMetrics(entry._2());
            all = all.max(peaks);
            int stageId = (Integer) entry._1()._1();
            int attempt = (Integer) entry._1()._2();
            StageAttemptId stage = stageId < 0 ? NO_STAGE : new StageAttemptId(stageId, attempt);
            for (Map.Entry<StageAttemptId, Map<String, ExecutorMetrics>> live : liveStagePeaks.entrySet()) {
                // The driver's update has the dummy key (-1, -1): its peaks count for every running stage.
                if (stage == NO_STAGE || stage.equals(live.getKey())) {
                    live.getValue().merge(executorId, peaks, ExecutorMetrics::max);
                }
            }
        }
        if (DRIVER.equals(executorId) && !all.isEmpty()) {
            sink.accept(new SparkEvent.ExecutorMetricsUpdate(executorId, all));
        }
    }

    // ---------------------------------------------------------------- task events, field by field

    SparkEvent.TaskEnd taskEnd(SparkListenerTaskEnd event) {
        return new SparkEvent.TaskEnd(stage(event.stageId(), event.stageAttemptId()),
                event.taskType() == null ? "" : event.taskType(), reason(event.reason()), taskInfo(event.taskInfo()),
                Optional.ofNullable(taskMetrics(event.taskMetrics())), executorMetrics(event.taskExecutorMetrics()));
    }

    /** The stage attempt of a task event: that of the previous one, usually (tasks come in runs of one stage). */
    private StageAttemptId stage(int stageId, int attempt) {
        StageAttemptId last = lastTaskStage;
        if (last == null || last.stageId() != stageId || last.attemptId() != attempt) {
            last = new StageAttemptId(stageId, attempt);
            lastTaskStage = last;
        }
        return last;
    }

    static TaskInfo taskInfo(org.apache.spark.scheduler.TaskInfo info) {
        int partition = info.partitionId();
        long gettingResult = info.gettingResultTime();
        long finish = info.finishTime();
        return new TaskInfo(info.taskId(), info.index(), info.attemptNumber(),
                partition >= 0 ? OptionalInt.of(partition) : OptionalInt.empty(), info.launchTime(),
                nonNull(info.executorId()), nonNull(info.host()), locality(info.taskLocality()),
                info.speculative(), gettingResult > 0 ? OptionalLong.of(gettingResult) : OptionalLong.empty(),
                finish > 0 ? OptionalLong.of(finish) : OptionalLong.empty(), info.failed(), info.killed());
    }

    /**
     * Spark's locality names by the value's id. A Scala Enumeration's toString is slow, and a hash map keyed by its
     * values costs its hashCode on every task start and end (3% of the listener thread's steady work in a profile).
     */
    private static final String[] LOCALITY_NAMES = localityNames();

    private static String[] localityNames() {
        String[] names = new String[TaskLocality.maxId()];
        for (int id = 0; id < names.length; id++) {
            names[id] = TaskLocality.apply(id).toString();
        }
        return names;
    }

    private static String locality(Enumeration.Value locality) {
        if (locality == null) {
            return "";
        }
        int id = locality.id();
        return id >= 0 && id < LOCALITY_NAMES.length ? LOCALITY_NAMES[id] : locality.toString();
    }

    static TaskEndReason reason(org.apache.spark.TaskEndReason reason) {
        if (reason == Success$.MODULE$) {
            return TaskEndReason.SUCCESS;
        }
        if (reason == Resubmitted$.MODULE$) {
            return TaskEndReason.RESUBMITTED;
        }
        if (reason instanceof FetchFailed f) {
            org.apache.spark.storage.BlockManagerId address = f.bmAddress();
            Optional<BlockManagerId> blockManager = address == null ? Optional.empty()
                    : Optional.of(new BlockManagerId(nonNull(address.executorId()), nonNull(address.host()),
                            address.port()));
            return new TaskEndReason.FetchFailed(blockManager, f.shuffleId(), f.mapId(), OptionalInt.of(f.mapIndex()),
                    f.reduceId(), nonNull(f.message()));
        }
        if (reason instanceof ExceptionFailure f) {
            return new TaskEndReason.ExceptionFailure(nonNull(f.className()), nonNull(f.description()));
        }
        if (reason instanceof ExecutorLostFailure f) {
            return new TaskEndReason.ExecutorLostFailure(nonNull(f.execId()), f.exitCausedByApp(),
                    f.reason().isDefined() ? Optional.ofNullable(f.reason().get()) : Optional.empty());
        }
        if (reason instanceof TaskKilled f) {
            return new TaskEndReason.TaskKilled(f.reason() == null ? "unknown reason" : f.reason());
        }
        if (reason instanceof TaskCommitDenied f) {
            return new TaskEndReason.TaskCommitDenied(f.jobID(), f.partitionID(), f.attemptNumber());
        }
        // Spark's Utils.getFormattedClassName: TaskResultLost, UnknownReason, and reasons added later.
        return new TaskEndReason.OtherFailure(reason == null ? "UnknownReason"
                : reason.getClass().getSimpleName().replace("$", ""));
    }

    static TaskMetrics taskMetrics(org.apache.spark.executor.TaskMetrics m) {
        if (m == null) {
            return null;
        }
        // One array filled in place and handed over (TaskMetrics.of): no builder and no checks per value.
        long[] v = new long[TaskMetrics.WIDTH];
        v[EXECUTOR_DESERIALIZE_TIME.ordinal()] = m.executorDeserializeTime();
        v[EXECUTOR_DESERIALIZE_CPU_TIME.ordinal()] = m.executorDeserializeCpuTime();
        v[EXECUTOR_RUN_TIME.ordinal()] = m.executorRunTime();
        v[EXECUTOR_CPU_TIME.ordinal()] = m.executorCpuTime();
        v[RESULT_SIZE.ordinal()] = m.resultSize();
        v[JVM_GC_TIME.ordinal()] = m.jvmGCTime();
        v[RESULT_SERIALIZATION_TIME.ordinal()] = m.resultSerializationTime();
        v[PEAK_EXECUTION_MEMORY.ordinal()] = m.peakExecutionMemory();
        v[MEMORY_BYTES_SPILLED.ordinal()] = m.memoryBytesSpilled();
        v[DISK_BYTES_SPILLED.ordinal()] = m.diskBytesSpilled();
        InputMetrics input = m.inputMetrics();
        v[INPUT_BYTES.ordinal()] = input.bytesRead();
        v[INPUT_RECORDS.ordinal()] = input.recordsRead();
        OutputMetrics output = m.outputMetrics();
        v[OUTPUT_BYTES.ordinal()] = output.bytesWritten();
        v[OUTPUT_RECORDS.ordinal()] = output.recordsWritten();
        ShuffleReadMetrics read = m.shuffleReadMetrics();
        v[SHUFFLE_READ_RECORDS.ordinal()] = read.recordsRead();
        v[SHUFFLE_REMOTE_BLOCKS_FETCHED.ordinal()] = read.remoteBlocksFetched();
        v[SHUFFLE_LOCAL_BLOCKS_FETCHED.ordinal()] = read.localBlocksFetched();
        v[SHUFFLE_FETCH_WAIT_TIME.ordinal()] = read.fetchWaitTime();
        v[SHUFFLE_REMOTE_BYTES_READ.ordinal()] = read.remoteBytesRead();
        v[SHUFFLE_REMOTE_BYTES_READ_TO_DISK.ordinal()] = read.remoteBytesReadToDisk();
        v[SHUFFLE_LOCAL_BYTES_READ.ordinal()] = read.localBytesRead();
        v[SHUFFLE_REMOTE_REQUESTS_DURATION.ordinal()] = read.remoteReqsDuration();
        v[SHUFFLE_CORRUPT_MERGED_BLOCK_CHUNKS.ordinal()] = read.corruptMergedBlockChunks();
        v[SHUFFLE_MERGED_FETCH_FALLBACK_COUNT.ordinal()] = read.mergedFetchFallbackCount();
        v[SHUFFLE_MERGED_REMOTE_BLOCKS_FETCHED.ordinal()] = read.remoteMergedBlocksFetched();
        v[SHUFFLE_MERGED_LOCAL_BLOCKS_FETCHED.ordinal()] = read.localMergedBlocksFetched();
        v[SHUFFLE_MERGED_REMOTE_CHUNKS_FETCHED.ordinal()] = read.remoteMergedChunksFetched();
        v[SHUFFLE_MERGED_LOCAL_CHUNKS_FETCHED.ordinal()] = read.localMergedChunksFetched();
        v[SHUFFLE_MERGED_REMOTE_BYTES_READ.ordinal()] = read.remoteMergedBytesRead();
        v[SHUFFLE_MERGED_LOCAL_BYTES_READ.ordinal()] = read.localMergedBytesRead();
        v[SHUFFLE_MERGED_REMOTE_REQUESTS_DURATION.ordinal()] = read.remoteMergedReqsDuration();
        ShuffleWriteMetrics write = m.shuffleWriteMetrics();
        v[SHUFFLE_WRITE_BYTES.ordinal()] = write.bytesWritten();
        v[SHUFFLE_WRITE_TIME.ordinal()] = write.writeTime();
        v[SHUFFLE_WRITE_RECORDS.ordinal()] = write.recordsWritten();
        return TaskMetrics.of(v);
    }

    static ExecutorMetrics executorMetrics(org.apache.spark.executor.ExecutorMetrics metrics) {
        if (metrics == null) {
            return ExecutorMetrics.empty();
        }
        ExecutorMetrics.Builder builder = ExecutorMetrics.builder();
        long[] values = rawValues(metrics);
        if (values != null && values.length >= KNOWN_EXECUTOR_METRICS.length) {
            for (int i = 0; i < KNOWN_EXECUTOR_METRICS.length; i++) {
                builder.set(KNOWN_EXECUTOR_METRICS[i], values[KNOWN_OFFSETS[i]]);
            }
            return builder.build();
        }
        for (ExecutorMetric metric : KNOWN_EXECUTOR_METRICS) {
            builder.set(metric, metrics.getMetricValue(metric.jsonName()));
        }
        return builder.build();
    }

    /** Where each known metric sits in Spark's value array: getMetricValue of an array holding 0, 1, 2, ... */
    private static final int[] KNOWN_OFFSETS = knownOffsets();
    /** Spark's private value array, read directly (one hash lookup per metric otherwise); null if not readable. */
    private static final MethodHandle VALUES = valuesGetter();

    private static int[] knownOffsets() {
        long[] indexes = new long[256];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = i;
        }
        int[] offsets = new int[KNOWN_EXECUTOR_METRICS.length];
        try {
            org.apache.spark.executor.ExecutorMetrics probe = new org.apache.spark.executor.ExecutorMetrics(indexes);
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = (int) probe.getMetricValue(KNOWN_EXECUTOR_METRICS[i].jsonName());
            }
            return offsets;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A getter for {@code ExecutorMetrics.metrics}: a plain field read once compiled, unlike reflection. */
    private static MethodHandle valuesGetter() {
        try {
            Class<org.apache.spark.executor.ExecutorMetrics> type = org.apache.spark.executor.ExecutorMetrics.class;
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup()).findGetter(type, "metrics", long[].class)
                    .asType(MethodType.methodType(long[].class, org.apache.spark.executor.ExecutorMetrics.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static long[] rawValues(org.apache.spark.executor.ExecutorMetrics metrics) {
        if (VALUES == null || KNOWN_OFFSETS == null) {
            return null;
        }
        try {
            return (long[]) VALUES.invokeExact(metrics);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return null;
        }
    }

    private static ExecutorMetric[] knownExecutorMetrics() {
        org.apache.spark.executor.ExecutorMetrics probe = new org.apache.spark.executor.ExecutorMetrics();
        List<ExecutorMetric> known = new ArrayList<>();
        for (ExecutorMetric metric : ExecutorMetric.values()) {
            try {
                probe.getMetricValue(metric.jsonName());
                known.add(metric);
            } catch (RuntimeException unknownToThisSparkVersion) {
                // For example ConcurrentGC* before Spark 4.0: Spark neither measures nor logs it.
            }
        }
        return known.toArray(new ExecutorMetric[0]);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** Forgets tracked stage attempts beyond {@code max}, oldest first (stages whose completion never came). */
    void trimTrackedStages(int max) {
        if (liveStagePeaks.size() <= max) {
            // The usual case, on every event: no iterator.
            return;
        }
        Iterator<StageAttemptId> oldest = liveStagePeaks.keySet().iterator();
        while (liveStagePeaks.size() > max && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
