package dev.sparkdoc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageExecutorSummary;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which executors of a stage the JSON report writes in full, on a real log with failed tasks: the executor with the
 * most failed and killed tasks, the one with the most task time and the one that spilled most are always among the
 * default three; no more than asked; all of them when there are no more.
 */
class KeptExecutorsTest {

    private static final Path LOG = Path.of("src", "test", "resources", "eventlogs", "nvidia-spark-rapids-tools",
            "spark-events-profiling", "tasks_executors_fail_compressed_eventlog.zstd");

    @Test
    void theExecutorsThatMatterMostAreKept() throws Exception {
        ApplicationSnapshot app = EventLogAnalysis.analyze(EventLogLocator.locate(LOG.toString()).get(0))
                .application();
        int bounded = 0;
        int withFailures = 0;
        for (StageAttempt stage : app.stages()) {
            List<StageExecutorSummary> all = stage.executorSummaries();
            List<StageExecutorSummary> kept = JsonReport.keptExecutors(all, JsonReport.DEFAULT_EXECUTOR_DETAIL);
            if (all.size() <= JsonReport.DEFAULT_EXECUTOR_DETAIL) {
                assertSame(all, kept, "stage " + stage.id() + ": all kept");
                continue;
            }
            bounded++;
            assertEquals(JsonReport.DEFAULT_EXECUTOR_DETAIL, kept.size(), "stage " + stage.id());
            assertTrue(all.containsAll(kept));
            long mostTime = all.stream().mapToLong(StageExecutorSummary::taskTimeMillis).max().orElseThrow();
            assertTrue(kept.stream().anyMatch(e -> e.taskTimeMillis() == mostTime), "slowest kept in " + stage.id());
            int mostFailed = all.stream().mapToInt(e -> e.failedTasks() + e.killedTasks()).max().orElseThrow();
            if (mostFailed > 0) {
                withFailures++;
                assertTrue(kept.stream().anyMatch(e -> e.failedTasks() + e.killedTasks() == mostFailed),
                        "most failed kept in " + stage.id());
            }
            long mostSpilled = all.stream().mapToLong(KeptExecutorsTest::spilled).max().orElseThrow();
            if (mostSpilled > 0) {
                assertTrue(kept.stream().anyMatch(e -> spilled(e) == mostSpilled), "most spilled in " + stage.id());
            }
            List<String> order = all.stream().map(StageExecutorSummary::executorId).toList();
            assertEquals(kept.stream().sorted(Comparator.comparingInt(e -> order.indexOf(e.executorId()))).toList(),
                    kept, "in the stage's executor order");
            assertEquals(all, JsonReport.keptExecutors(all, JsonReport.ALL_EXECUTORS), "all on request");
        }
        assertTrue(bounded > 0, "the log has stages on more executors than the default");
        assertTrue(withFailures > 0, "the log has failed tasks on stages with more executors than the default");
    }

    private static long spilled(StageExecutorSummary e) {
        return e.metrics().get(TaskMetric.MEMORY_BYTES_SPILLED) + e.metrics().get(TaskMetric.DISK_BYTES_SPILLED);
    }
}
