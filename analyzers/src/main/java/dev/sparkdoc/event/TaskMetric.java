package dev.sparkdoc.event;

import static dev.sparkdoc.event.MetricUnit.BYTES;
import static dev.sparkdoc.event.MetricUnit.COUNT;
import static dev.sparkdoc.event.MetricUnit.MILLISECONDS;
import static dev.sparkdoc.event.MetricUnit.NANOSECONDS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every per-task value sparkdoc keeps, with where Spark writes it, its unit, and the name Spark's REST
 * API ({@code StageData}, {@code TaskMetricDistributions}) gives it, so users can compare numbers.
 *
 * <p>{@link Source#TASK_METRICS} values come from a task end's {@code Task Metrics} object;
 * {@link Source#DERIVED} ones are sums of those, exactly as the History Server derives them;
 * {@link Source#TASK_INFO} ones come from the task's timing in {@code Task Info} and exist only per
 * task (they have no stage total).
 */
public enum TaskMetric {
    DURATION(Source.TASK_INFO, null, null, null, "duration", MILLISECONDS),
    EXECUTOR_DESERIALIZE_TIME(Source.TASK_METRICS, null, "Executor Deserialize Time", "executorDeserializeTime", "executorDeserializeTime", MILLISECONDS),
    EXECUTOR_DESERIALIZE_CPU_TIME(Source.TASK_METRICS, null, "Executor Deserialize CPU Time", "executorDeserializeCpuTime", "executorDeserializeCpuTime", NANOSECONDS),
    EXECUTOR_RUN_TIME(Source.TASK_METRICS, null, "Executor Run Time", "executorRunTime", "executorRunTime", MILLISECONDS),
    EXECUTOR_CPU_TIME(Source.TASK_METRICS, null, "Executor CPU Time", "executorCpuTime", "executorCpuTime", NANOSECONDS),
    RESULT_SIZE(Source.TASK_METRICS, null, "Result Size", "resultSize", "resultSize", BYTES),
    JVM_GC_TIME(Source.TASK_METRICS, null, "JVM GC Time", "jvmGcTime", "jvmGcTime", MILLISECONDS),
    RESULT_SERIALIZATION_TIME(Source.TASK_METRICS, null, "Result Serialization Time", "resultSerializationTime", "resultSerializationTime", MILLISECONDS),
    GETTING_RESULT_TIME(Source.TASK_INFO, null, null, null, "gettingResultTime", MILLISECONDS),
    SCHEDULER_DELAY(Source.TASK_INFO, null, null, null, "schedulerDelay", MILLISECONDS),
    PEAK_EXECUTION_MEMORY(Source.TASK_METRICS, null, "Peak Execution Memory", "peakExecutionMemory", "peakExecutionMemory", BYTES),
    MEMORY_BYTES_SPILLED(Source.TASK_METRICS, null, "Memory Bytes Spilled", "memoryBytesSpilled", "memoryBytesSpilled", BYTES),
    DISK_BYTES_SPILLED(Source.TASK_METRICS, null, "Disk Bytes Spilled", "diskBytesSpilled", "diskBytesSpilled", BYTES),
    INPUT_BYTES(Source.TASK_METRICS, "Input Metrics", "Bytes Read", "inputBytes", "inputMetrics.bytesRead", BYTES),
    INPUT_RECORDS(Source.TASK_METRICS, "Input Metrics", "Records Read", "inputRecords", "inputMetrics.recordsRead", COUNT),
    OUTPUT_BYTES(Source.TASK_METRICS, "Output Metrics", "Bytes Written", "outputBytes", "outputMetrics.bytesWritten", BYTES),
    OUTPUT_RECORDS(Source.TASK_METRICS, "Output Metrics", "Records Written", "outputRecords", "outputMetrics.recordsWritten", COUNT),
    SHUFFLE_READ_BYTES(Source.DERIVED, null, null, "shuffleReadBytes", "shuffleReadMetrics.readBytes", BYTES),
    SHUFFLE_READ_RECORDS(Source.TASK_METRICS, "Shuffle Read Metrics", "Total Records Read", "shuffleReadRecords", "shuffleReadMetrics.readRecords", COUNT),
    SHUFFLE_REMOTE_BLOCKS_FETCHED(Source.TASK_METRICS, "Shuffle Read Metrics", "Remote Blocks Fetched", "shuffleRemoteBlocksFetched", "shuffleReadMetrics.remoteBlocksFetched", COUNT),
    SHUFFLE_LOCAL_BLOCKS_FETCHED(Source.TASK_METRICS, "Shuffle Read Metrics", "Local Blocks Fetched", "shuffleLocalBlocksFetched", "shuffleReadMetrics.localBlocksFetched", COUNT),
    SHUFFLE_FETCH_WAIT_TIME(Source.TASK_METRICS, "Shuffle Read Metrics", "Fetch Wait Time", "shuffleFetchWaitTime", "shuffleReadMetrics.fetchWaitTime", MILLISECONDS),
    SHUFFLE_REMOTE_BYTES_READ(Source.TASK_METRICS, "Shuffle Read Metrics", "Remote Bytes Read", "shuffleRemoteBytesRead", "shuffleReadMetrics.remoteBytesRead", BYTES),
    SHUFFLE_REMOTE_BYTES_READ_TO_DISK(Source.TASK_METRICS, "Shuffle Read Metrics", "Remote Bytes Read To Disk", "shuffleRemoteBytesReadToDisk", "shuffleReadMetrics.remoteBytesReadToDisk", BYTES),
    SHUFFLE_LOCAL_BYTES_READ(Source.TASK_METRICS, "Shuffle Read Metrics", "Local Bytes Read", "shuffleLocalBytesRead", null, BYTES),
    SHUFFLE_TOTAL_BLOCKS_FETCHED(Source.DERIVED, null, null, null, "shuffleReadMetrics.totalBlocksFetched", COUNT),
    SHUFFLE_REMOTE_REQUESTS_DURATION(Source.TASK_METRICS, "Shuffle Read Metrics", "Remote Requests Duration", "shuffleRemoteReqsDuration", "shuffleReadMetrics.remoteReqsDuration", MILLISECONDS),
    SHUFFLE_CORRUPT_MERGED_BLOCK_CHUNKS(Source.TASK_METRICS, "Push Based Shuffle", "Corrupt Merged Block Chunks", "shuffleCorruptMergedBlockChunks", "shuffleReadMetrics.shufflePushReadMetricsDist.corruptMergedBlockChunks", COUNT),
    SHUFFLE_MERGED_FETCH_FALLBACK_COUNT(Source.TASK_METRICS, "Push Based Shuffle", "Merged Fetch Fallback Count", "shuffleMergedFetchFallbackCount", "shuffleReadMetrics.shufflePushReadMetricsDist.mergedFetchFallbackCount", COUNT),
    SHUFFLE_MERGED_REMOTE_BLOCKS_FETCHED(Source.TASK_METRICS, "Push Based Shuffle", "Merged Remote Blocks Fetched", "shuffleMergedRemoteBlocksFetched", "shuffleReadMetrics.shufflePushReadMetricsDist.remoteMergedBlocksFetched", COUNT),
    SHUFFLE_MERGED_LOCAL_BLOCKS_FETCHED(Source.TASK_METRICS, "Push Based Shuffle", "Merged Local Blocks Fetched", "shuffleMergedLocalBlocksFetched", "shuffleReadMetrics.shufflePushReadMetricsDist.localMergedBlocksFetched", COUNT),
    SHUFFLE_MERGED_REMOTE_CHUNKS_FETCHED(Source.TASK_METRICS, "Push Based Shuffle", "Merged Remote Chunks Fetched", "shuffleMergedRemoteChunksFetched", "shuffleReadMetrics.shufflePushReadMetricsDist.remoteMergedChunksFetched", COUNT),
    SHUFFLE_MERGED_LOCAL_CHUNKS_FETCHED(Source.TASK_METRICS, "Push Based Shuffle", "Merged Local Chunks Fetched", "shuffleMergedLocalChunksFetched", "shuffleReadMetrics.shufflePushReadMetricsDist.localMergedChunksFetched", COUNT),
    SHUFFLE_MERGED_REMOTE_BYTES_READ(Source.TASK_METRICS, "Push Based Shuffle", "Merged Remote Bytes Read", "shuffleMergedRemoteBytesRead", "shuffleReadMetrics.shufflePushReadMetricsDist.remoteMergedBytesRead", BYTES),
    SHUFFLE_MERGED_LOCAL_BYTES_READ(Source.TASK_METRICS, "Push Based Shuffle", "Merged Local Bytes Read", "shuffleMergedLocalBytesRead", "shuffleReadMetrics.shufflePushReadMetricsDist.localMergedBytesRead", BYTES),
    SHUFFLE_MERGED_REMOTE_REQUESTS_DURATION(Source.TASK_METRICS, "Push Based Shuffle", "Merged Remote Requests Duration", "shuffleMergedRemoteReqsDuration", "shuffleReadMetrics.shufflePushReadMetricsDist.remoteMergedReqsDuration", MILLISECONDS),
    SHUFFLE_WRITE_BYTES(Source.TASK_METRICS, "Shuffle Write Metrics", "Shuffle Bytes Written", "shuffleWriteBytes", "shuffleWriteMetrics.writeBytes", BYTES),
    SHUFFLE_WRITE_TIME(Source.TASK_METRICS, "Shuffle Write Metrics", "Shuffle Write Time", "shuffleWriteTime", "shuffleWriteMetrics.writeTime", NANOSECONDS),
    SHUFFLE_WRITE_RECORDS(Source.TASK_METRICS, "Shuffle Write Metrics", "Shuffle Records Written", "shuffleWriteRecords", "shuffleWriteMetrics.writeRecords", COUNT);

    /** Where a value comes from. */
    public enum Source {
        TASK_METRICS,
        DERIVED,
        TASK_INFO
    }

    private static final List<TaskMetric> STAGE_TOTALS;

    static {
        List<TaskMetric> totals = new ArrayList<>();
        for (TaskMetric metric : values()) {
            if (metric.restName != null) {
                totals.add(metric);
            }
        }
        STAGE_TOTALS = Collections.unmodifiableList(totals);
    }

    private final Source source;
    private final String eventLogGroup;
    private final String eventLogField;
    private final String restName;
    private final String distributionPath;
    private final MetricUnit unit;

    TaskMetric(Source source, String eventLogGroup, String eventLogField, String restName, String distributionPath,
            MetricUnit unit) {
        this.source = source;
        this.eventLogGroup = eventLogGroup;
        this.eventLogField = eventLogField;
        this.restName = restName;
        this.distributionPath = distributionPath;
        this.unit = unit;
    }

    public Source source() {
        return source;
    }

    /**
     * The object inside {@code Task Metrics} that holds this value ({@code Shuffle Read Metrics}, ...), or empty
     * when it sits at the top level. {@code Push Based Shuffle} sits inside {@code Shuffle Read Metrics}.
     */
    public Optional<String> eventLogGroup() {
        return Optional.ofNullable(eventLogGroup);
    }

    /** The field name in the event log, for {@link Source#TASK_METRICS} values. */
    public Optional<String> eventLogField() {
        return Optional.ofNullable(eventLogField);
    }

    /** The stage total's name in Spark's REST {@code StageData}; empty for values Spark does not total. */
    public Optional<String> restName() {
        return Optional.ofNullable(restName);
    }

    /** The dotted path in Spark's REST {@code TaskMetricDistributions}; empty when Spark gives no distribution. */
    public Optional<String> distributionPath() {
        return Optional.ofNullable(distributionPath);
    }

    public MetricUnit unit() {
        return unit;
    }

    /** The metrics that have a stage total, in declaration order. */
    public static List<TaskMetric> stageTotals() {
        return STAGE_TOTALS;
    }
}
