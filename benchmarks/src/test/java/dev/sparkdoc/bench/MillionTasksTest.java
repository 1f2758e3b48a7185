package dev.sparkdoc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The memory bound: a log of 1,000,000 tasks, piped (never on disk) into sparkdoc's reader and folder in a
 * JVM limited to {@code -Xmx256m}, completes and its snapshot counts every task. A failure shows the child's
 * standard error; with {@code -XX:+HeapDumpOnOutOfMemoryError} an OOM also leaves a heap dump in java.io.tmpdir.
 */
@Tag("slow")
class MillionTasksTest {

    private static final long TASKS = 1_000_000;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aMillionTaskLogAnalyzesWithin256MegabytesOfHeap() throws Exception {
        SideResult result = ReaderBenchmark.fork(ReaderBenchmark.jvmFlags("256m"), "sparkdoc", "-",
                EventLogGenerator.Config.ofTasks(TASKS));

        System.out.printf("1M tasks at -Xmx256m: %.1f s, %.0f MB/s, peak heap %.0f MiB, retained %.1f MiB%n",
                result.wallSeconds(), result.megabytesPerSecond(), result.peakHeapBytes() / 1048576.0,
                result.retainedHeapBytes() / 1048576.0);
        assertEquals(TASKS, result.successfulTasks(), "successful tasks in the snapshot");
    }
}
