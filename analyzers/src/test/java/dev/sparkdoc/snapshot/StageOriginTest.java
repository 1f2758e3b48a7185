package dev.sparkdoc.snapshot;

import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StageOriginTest {

    private static StageOrigin classify(String name, boolean sql, long bytes, String description) {
        return StageOrigin.classify(name, sql, bytes, List.of(Optional.ofNullable(description)));
    }

    @Test
    void sparksOwnJobDescriptionsMarkItsWork() {
        StageOrigin listing = classify("load at NativeMethodAccessorImpl.java:0", false, 1_000,
                "Listing leaf files and directories for 2004 paths:<br/>gs://bucket/a, ...");
        assertEquals(StageOrigin.Kind.SPARK_INTERNAL, listing.kind());
        assertTrue(listing.reason().startsWith("file listing"), listing.reason());
        assertEquals(StageOrigin.Kind.SPARK_INTERNAL,
                classify("run at ThreadPoolExecutor.java:1136", true, 5_000, "broadcast exchange (runId 1f2e)").kind());
    }

    @Test
    void anAnonymousCallSiteThatMovedNoDataIsMetadataWork() {
        assertEquals(StageOrigin.Kind.SPARK_INTERNAL, classify("load at <unknown>:0", false, 0, null).kind());
        assertEquals(StageOrigin.Kind.SPARK_INTERNAL,
                classify("$anonfun$withThreadLocalCaptured$1 at FutureTask.java:264", true, 0, null).kind());
    }

    @Test
    void aQueryStageWithDataIsTheUsersWhateverItsCallSite() {
        // Under AQE every query stage is submitted from AQE's threads.
        assertEquals(StageOrigin.Kind.USER,
                classify("$anonfun$withThreadLocalCaptured$1 at CompletableFuture.java:1768", true, 1, null).kind());
    }

    @Test
    void aReaderOutsideAnySqlExecutionIsSchemaInference() {
        assertEquals(StageOrigin.Kind.SPARK_INTERNAL, classify("json at Job.scala:12", false, 4_096, null).kind());
    }

    @Test
    void namedCallSitesAreUserCodeTheRestUnknown() {
        assertEquals(StageOrigin.Kind.USER, classify("reduceByKey at Job.scala:42", false, 10, null).kind());
        assertEquals(StageOrigin.Kind.USER, classify("count at <console>:25", false, 10, null).kind());
        assertEquals(StageOrigin.Kind.UNKNOWN, classify("collect at <unknown>:0", false, 10, null).kind());
        assertEquals(StageOrigin.Kind.UNKNOWN, classify("", false, 10, null).kind());
    }

    @Test
    void theSnapshotKeepsEachStagesOrigin() {
        ApplicationSnapshot app = new SnapshotBuilder()
                .stage(0, stage -> stage.name("load at <unknown>:0")
                        .jobDescription("Listing leaf files and directories for 3 paths").durations(10))
                .stage(1, stage -> stage.name("count at Job.scala:9").tasks(task(10).input(100)))
                .build();
        assertEquals(StageOrigin.Kind.SPARK_INTERNAL, app.origin(app.stages().get(0)).kind());
        assertEquals(StageOrigin.Kind.USER, app.origin(app.stages().get(1)).kind());
    }
}
