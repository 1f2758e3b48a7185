package dev.sparkdoc.diagnosis.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import dev.sparkdoc.snapshot.TaskFailureGroup;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailureCausesTest {

    private static FailureCauses exception(String className, String message) {
        return FailureCauses.of(new TaskFailureGroup("ExceptionFailure", className, 1, message, List.of()));
    }

    private static Map<String, Recommendation.ConfigChange> advice(Map<String, String> properties,
            FailureCauses... causes) {
        ApplicationSnapshot app = new SnapshotBuilder().property("spark.master", "yarn").properties(properties)
                .executors(2, 4).stage(0, stage -> stage.durations(10)).build();
        Map<String, Recommendation.ConfigChange> byKey = new java.util.TreeMap<>();
        for (Recommendation recommendation : FailureCauses.advice(app, Set.of(causes))) {
            if (recommendation instanceof Recommendation.ConfigChange change) {
                byKey.put(change.key(), change);
            }
        }
        return byKey;
    }

    @Test
    void outOfMemoryErrorsByKind() {
        assertEquals(FailureCauses.GPU_OOM, exception("com.nvidia.spark.rapids.jni.GpuSplitAndRetryOOM",
                "GPU OutOfMemory: could not split inputs and retry"));
        assertEquals(FailureCauses.GPU_OOM, exception("com.nvidia.spark.rapids.jni.GpuRetryOOM", ""));
        assertEquals(FailureCauses.GPU_OOM, exception("ai.rapids.cudf.CudaException",
                "CUDA error: out of memory"));
        assertEquals(FailureCauses.METASPACE_OOM, exception("java.lang.OutOfMemoryError", "Metaspace"));
        assertEquals(FailureCauses.DIRECT_MEMORY_OOM, exception("java.lang.OutOfMemoryError",
                "Direct buffer memory"));
        assertEquals(FailureCauses.HEAP_OOM, exception("java.lang.OutOfMemoryError", "Java heap space"));
        assertEquals(FailureCauses.HEAP_OOM, exception("org.apache.spark.memory.SparkOutOfMemoryError",
                "Unable to acquire 65536 bytes of memory"));
        assertEquals(FailureCauses.EXCEPTION, exception("ai.rapids.cudf.CudfException", "cuDF failure"));
    }

    @Test
    void lossReasonsByExitCodeAndText() {
        assertEquals(FailureCauses.CONTAINER_MEMORY_KILLED, FailureCauses.ofLossReason(
                "Container killed by YARN for exceeding memory limits. 11 GB of 11 GB physical memory used."));
        assertEquals(FailureCauses.CONTAINER_MEMORY_KILLED, FailureCauses.ofLossReason(
                "The executor with id 3 exited with exit code 137(SIGKILL, possible container OOM)."));
        assertEquals(FailureCauses.CONTAINER_TERMINATED, FailureCauses.ofLossReason(
                "Executor 2 exited with exit code 143"));
        assertEquals(FailureCauses.EXECUTOR_LOST, FailureCauses.ofLossReason("Executor 137 heartbeat timed out"));
        assertEquals(FailureCauses.HEAP_OOM, FailureCauses.ofLossReason("Executor exited with exit code 52"));
    }

    @Test
    void gpuOutOfMemoryGetsFewerConcurrentGpuTasksNeverHeap() {
        Map<String, Recommendation.ConfigChange> advice = advice(Map.of("spark.rapids.sql.concurrentGpuTasks", "4",
                "spark.rapids.memory.gpu.allocFraction", "0.1"), FailureCauses.GPU_OOM);
        assertEquals("2", advice.get("spark.rapids.sql.concurrentGpuTasks").proposedValue());
        assertEquals(Recommendation.Intent.LOWER, advice.get("spark.rapids.sql.concurrentGpuTasks").intent());
        assertEquals("0.2", advice.get("spark.rapids.memory.gpu.allocFraction").proposedValue());
        assertTrue(!advice.containsKey("spark.executor.memory"), advice.keySet().toString());
        assertTrue(advice(Map.of("spark.rapids.sql.concurrentGpuTasks", "1"), FailureCauses.GPU_OOM).isEmpty());
    }

    @Test
    void metaspaceAndDirectMemoryGetTheirJvmLimitsAndOverhead() {
        Map<String, Recommendation.ConfigChange> metaspace = advice(Map.of("spark.executor.extraJavaOptions",
                "-XX:+UseG1GC -XX:MaxMetaspaceSize=256m"), FailureCauses.METASPACE_OOM);
        assertEquals("-XX:+UseG1GC -XX:MaxMetaspaceSize=512m",
                metaspace.get("spark.executor.extraJavaOptions").proposedValue());
        assertEquals(Set.of("spark.executor.extraJavaOptions"), metaspace.keySet());
        Map<String, Recommendation.ConfigChange> unset = advice(Map.of(), FailureCauses.METASPACE_OOM);
        assertEquals("-XX:MaxMetaspaceSize=512m", unset.get("spark.executor.extraJavaOptions").proposedValue());
        Map<String, Recommendation.ConfigChange> direct = advice(Map.of(), FailureCauses.DIRECT_MEMORY_OOM);
        assertEquals(Set.of("spark.executor.memoryOverhead"), direct.keySet());
        assertEquals(Recommendation.Intent.RAISE, direct.get("spark.executor.memoryOverhead").intent());
    }

    @Test
    void containerKillsGetOverheadAndHeapGetsHeap() {
        assertEquals(Set.of("spark.executor.memoryOverhead"),
                advice(Map.of(), FailureCauses.CONTAINER_MEMORY_KILLED).keySet());
        assertTrue(advice(Map.of(), FailureCauses.HEAP_OOM).containsKey("spark.executor.memory"));
        assertTrue(advice(Map.of(), FailureCauses.CONTAINER_TERMINATED).isEmpty());
    }
}
