package dev.sparkdoc.snapshot;

import static dev.sparkdoc.snapshot.SnapshotBuilder.node;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkdoc.event.TaskMetric;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotBuilderTest {

    @Test
    void foldsStagesTasksJobsAndPlansThroughTheRealFolder() {
        ApplicationSnapshot app = new SnapshotBuilder()
                .property("spark.sql.adaptive.enabled", "false")
                .executors(2, 2)
                .sql(0, "count at Job.scala:5", node("HashAggregate", "HashAggregate(keys=[k#1], functions=[sum(v#2)])"))
                .stage(0, stage -> stage.name("load at <unknown>:0")
                        .jobDescription("Listing leaf files and directories for 2004 paths")
                        .durations(100, 100, 100, 100))
                .stage(1, stage -> stage.sql(0).tasks(task(1_000).gc(200).shuffleRead(4096).spill(10, 0),
                        task(3_000).gc(0).shuffleRead(1 << 20).spill(20, 5)))
                .build();

        assertEquals(2, app.stages().size());
        StageAttempt listing = app.stages().get(0);
        assertEquals("load at <unknown>:0", listing.name());
        assertEquals(4, listing.numCompleteTasks());
        // Four 100 ms tasks on four cores run side by side.
        assertEquals(100, listing.durationMillis().getAsLong());
        assertEquals(Optional.of("Listing leaf files and directories for 2004 paths"),
                app.jobs().get(0).description());

        StageAttempt aggregate = app.stages().get(1);
        assertEquals(100, aggregate.submissionTime().getAsLong());
        assertEquals(3_000, aggregate.durationMillis().getAsLong());
        assertEquals(200, aggregate.total(TaskMetric.JVM_GC_TIME));
        assertEquals(4096 + (1 << 20), aggregate.total(TaskMetric.SHUFFLE_READ_BYTES));
        assertEquals(30, aggregate.total(TaskMetric.MEMORY_BYTES_SPILLED));
        assertEquals(5, aggregate.total(TaskMetric.DISK_BYTES_SPILLED));
        assertEquals(0L, aggregate.sqlExecutionId().getAsLong());
        assertEquals(List.of(1), app.sqlExecutions().get(0).jobIds());
        assertEquals("HashAggregate", app.sqlExecutions().get(0).planTree().orElseThrow().nodeName());
        assertEquals(3_100 + 100, app.application().durationMillis().getAsLong());
        assertEquals(2, app.executors().size());
    }

    @Test
    void stagesGivenATimeOverlap() {
        ApplicationSnapshot app = new SnapshotBuilder().executors(1, 4)
                .stage(0, stage -> stage.at(0).durations(10_000))
                .stage(1, stage -> stage.at(2_000).durations(1_000))
                .build();
        assertEquals(2_000, app.stages().get(1).submissionTime().getAsLong());
        assertEquals(10_000, app.stages().get(0).completionTime().getAsLong());
        assertEquals(10_100, app.application().durationMillis().getAsLong());
    }
}
