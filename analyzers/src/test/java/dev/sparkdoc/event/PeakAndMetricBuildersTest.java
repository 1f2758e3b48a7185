package dev.sparkdoc.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void runningPeaksEqualFoldedMaxAndKeepTheirSnapshotUntilAPeakRises() {
        ExecutorMetrics.Peaks peaks = new ExecutorMetrics.Peaks();
        assertEquals(ExecutorMetrics.empty(), peaks.snapshot());
        assertTrue(peaks.snapshot().isEmpty());

        java.util.Random random = new java.util.Random(7);
        ExecutorMetrics folded = ExecutorMetrics.empty();
        ExecutorMetric[] all = ExecutorMetric.values();
        for (int event = 0; event < 1_000; event++) {
            ExecutorMetrics.Builder values = ExecutorMetrics.builder();
            for (int i = 0; i < 3; i++) {
                // Some values absent, some 0, most below the peak so far.
                values.set(all[random.nextInt(all.length)], random.nextInt(10) == 0 ? -1 : random.nextInt(100_000));
            }
            ExecutorMetrics update = values.build();
            ExecutorMetrics before = peaks.snapshot();
            peaks.add(update);
            ExecutorMetrics next = folded.max(update);
            assertEquals(next, peaks.snapshot(), "event " + event);
            if (next == folded) {
                assertSame(before, peaks.snapshot(), "nothing rose at event " + event + ": the same snapshot");
            }
            assertEquals(folded, before, "a snapshot does not change when the peaks rise later");
            folded = next;
        }
    }

    @Test
    void metricsFromAnArrayEqualThoseOfTheBuilderWithDerivedValuesComputedAndTimingSlotsZero() {
        long[] values = new long[TaskMetrics.WIDTH];
        TaskMetrics.Builder builder = TaskMetrics.builder();
        for (TaskMetric metric : TaskMetric.values()) {
            values[metric.ordinal()] = 1000 + metric.ordinal();
            if (metric.source() == TaskMetric.Source.TASK_METRICS) {
                builder.set(metric, 1000 + metric.ordinal());
            }
        }
        TaskMetrics fromArray = TaskMetrics.of(values);
        assertEquals(builder.build(), fromArray);
        assertEquals(fromArray.get(TaskMetric.SHUFFLE_LOCAL_BYTES_READ)
                + fromArray.get(TaskMetric.SHUFFLE_REMOTE_BYTES_READ), fromArray.get(TaskMetric.SHUFFLE_READ_BYTES));
        long[] row = new long[TaskMetrics.WIDTH];
        fromArray.copyTo(row);
        assertEquals(0, row[TaskMetric.DURATION.ordinal()], "task-timing slots are not taken from the array");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TaskMetrics.of(new long[TaskMetrics.WIDTH - 1]));
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
