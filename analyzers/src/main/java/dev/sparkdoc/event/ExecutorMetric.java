package dev.sparkdoc.event;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Spark's executor metric types ({@code ExecutorMetricType.metricToOffset}), as written in
 * {@code Task Executor Metrics}, {@code SparkListenerStageExecutorMetrics} and driver
 * {@code ExecutorMetricsUpdate} events. Memory values are bytes, GC times milliseconds.
 */
public enum ExecutorMetric {
    JVM_HEAP_MEMORY("JVMHeapMemory"),
    JVM_OFF_HEAP_MEMORY("JVMOffHeapMemory"),
    ON_HEAP_EXECUTION_MEMORY("OnHeapExecutionMemory"),
    OFF_HEAP_EXECUTION_MEMORY("OffHeapExecutionMemory"),
    ON_HEAP_STORAGE_MEMORY("OnHeapStorageMemory"),
    OFF_HEAP_STORAGE_MEMORY("OffHeapStorageMemory"),
    ON_HEAP_UNIFIED_MEMORY("OnHeapUnifiedMemory"),
    OFF_HEAP_UNIFIED_MEMORY("OffHeapUnifiedMemory"),
    DIRECT_POOL_MEMORY("DirectPoolMemory"),
    MAPPED_POOL_MEMORY("MappedPoolMemory"),
    PROCESS_TREE_JVM_V_MEMORY("ProcessTreeJVMVMemory"),
    PROCESS_TREE_JVM_RSS_MEMORY("ProcessTreeJVMRSSMemory"),
    PROCESS_TREE_PYTHON_V_MEMORY("ProcessTreePythonVMemory"),
    PROCESS_TREE_PYTHON_RSS_MEMORY("ProcessTreePythonRSSMemory"),
    PROCESS_TREE_OTHER_V_MEMORY("ProcessTreeOtherVMemory"),
    PROCESS_TREE_OTHER_RSS_MEMORY("ProcessTreeOtherRSSMemory"),
    MINOR_GC_COUNT("MinorGCCount"),
    MINOR_GC_TIME("MinorGCTime"),
    MAJOR_GC_COUNT("MajorGCCount"),
    MAJOR_GC_TIME("MajorGCTime"),
    TOTAL_GC_TIME("TotalGCTime"),
    CONCURRENT_GC_COUNT("ConcurrentGCCount"),
    CONCURRENT_GC_TIME("ConcurrentGCTime");

    private static final Map<String, ExecutorMetric> BY_JSON_NAME = new HashMap<>();

    static {
        for (ExecutorMetric metric : values()) {
            BY_JSON_NAME.put(metric.jsonName, metric);
        }
    }

    private final String jsonName;

    ExecutorMetric(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name Spark writes in event logs and serves in its REST API. */
    public String jsonName() {
        return jsonName;
    }

    public static Optional<ExecutorMetric> fromJsonName(String name) {
        return Optional.ofNullable(BY_JSON_NAME.get(name));
    }
}
