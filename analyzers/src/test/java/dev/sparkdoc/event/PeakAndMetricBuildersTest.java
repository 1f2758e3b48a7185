package dev.sparkdoc.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PeakAndMetricBuildersTest {

    @Test
    void maxKeepsMeasuredValuesOverAbsentOnesAndOnlyAllocatesWhenAPeakRises() {
        ExecutorMetrics heap = ExecutorMetrics.builder().set(ExecutorMetric.JVM_HEAP_MEMORY, 100).build();
        ExecutorMetrics gc = ExecutorMetrics.builder().set(ExecutorMetric.JVM_HEAP_MEMORY, 40)
                .set(ExecutorMetric.MAJOR_GC_COUNT, 3).build();

        ExecutorMetrics merged = heap.max(gc);
        assertEquals(OptionalLong.of(100), merged.get(ExecutorMetric.JVM_HEAP_MEMORY));
        assertEquals(OptionalLong.of(3), merged.get(ExecutorMetric.MAJOR_GC_COUNT));
        assertEquals(OptionalLong.empty(), merged.get(ExecutorMetric.OFF_HEAP_EXECUTION_MEMORY));
        assertEquals(merged, gc.max(heap));

        assertSame(merged, merged.max(gc), "nothing rises: the same object");
        assertSame(merged, merged.max(ExecutorMetrics.empty()));
        assertEquals(heap, ExecutorMetrics.empty().max(heap));
        assertEquals(OptionalLong.of(0), ExecutorMetrics.empty()
                .max(ExecutorMetrics.builder().set(ExecutorMetric.MAJOR_GC_COUNT, 0).build())
                .get(ExecutorMetric.MAJOR_GC_COUNT), "a measured 0 is a value, not absent");
    }

    @Test
    void buildersCanGoOnAfterBuildingWithoutChangingWhatTheyBuilt() {
        ExecutorMetrics.Builder peaks = ExecutorMetrics.builder().set(ExecutorMetric.JVM_HEAP_MEMORY, 1);
        ExecutorMetrics first = peaks.build();
        ExecutorMetrics second = peaks.set(ExecutorMetric.JVM_HEAP_MEMORY, 2).build();
        assertEquals(OptionalLong.of(1), first.get(ExecutorMetric.JVM_HEAP_MEMORY));
        assertEquals(OptionalLong.of(2), second.get(ExecutorMetric.JVM_HEAP_MEMORY));

        TaskMetrics.Builder metrics = TaskMetrics.builder().set(TaskMetric.SHUFFLE_LOCAL_BYTES_READ, 5)
                .set(TaskMetric.SHUFFLE_REMOTE_BYTES_READ, 7);
        TaskMetrics before = metrics.build();
        TaskMetrics after = metrics.set(TaskMetric.SHUFFLE_REMOTE_BYTES_READ, 100).build();
        assertEquals(12, before.get(TaskMetric.SHUFFLE_READ_BYTES));
        assertEquals(7, before.get(TaskMetric.SHUFFLE_REMOTE_BYTES_READ));
        assertEquals(105, after.get(TaskMetric.SHUFFLE_READ_BYTES));
        assertEquals(before, metrics.set(TaskMetric.SHUFFLE_REMOTE_BYTES_READ, 7).build());
    }
}
