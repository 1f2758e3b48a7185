package dev.sparkdoc.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExecutorResourcesTest {

    private static final long GIB = 1L << 30;

    @Test
    void gpusComeFromTheResourceProfileOrTheProperty() {
        ApplicationSnapshot profile = new SnapshotBuilder()
                .resourceProfile(0, Map.of("cores", 16L, "memory", 16384L, "gpu", 1L)).executor("1", 16, 0)
                .stage(0, s -> s.durations(1)).build();
        ExecutorResources fromProfile = ExecutorResources.of(profile);
        assertTrue(fromProfile.hasGpus());
        assertEquals(16L * GIB, fromProfile.executorMemoryBytes().getAsLong());
        assertEquals(GIB, fromProfile.memoryPerCore().getAsLong());
        ApplicationSnapshot property = new SnapshotBuilder().property("spark.executor.resource.gpu.amount", "1")
                .executors(2, 8).stage(0, s -> s.durations(1)).build();
        assertTrue(ExecutorResources.of(property).hasGpus());
        ApplicationSnapshot none = new SnapshotBuilder().executors(2, 8).stage(0, s -> s.durations(1)).build();
        assertTrue(!ExecutorResources.of(none).hasGpus());
        assertEquals(16, ExecutorResources.of(none).totalCores());
    }

    private static ApplicationSnapshot withHadoop(String master, String memory, String maxMb) {
        SnapshotBuilder builder = new SnapshotBuilder().property("spark.master", master)
                .property("spark.executor.memory", memory).executors(2, 4).stage(0, s -> s.durations(1));
        dev.sparkdoc.fold.ApplicationFolder folder = new dev.sparkdoc.fold.ApplicationFolder();
        for (dev.sparkdoc.event.SparkEvent event : builder.events()) {
            if (event instanceof dev.sparkdoc.event.SparkEvent.EnvironmentUpdate env) {
                event = new dev.sparkdoc.event.SparkEvent.EnvironmentUpdate(env.jvmInformation(),
                        env.sparkProperties(), env.systemProperties(),
                        Map.of("yarn.scheduler.maximum-allocation-mb", maxMb));
            }
            folder.accept(event);
        }
        return folder.snapshot();
    }

    /** The YARN container limit counts only on YARN and only when the executors ran within it. */
    @Test
    void theContainerLimitIsTheClustersOnlyOnYarnAndAboveWhatRan() {
        assertEquals(OptionalLong.of(16 * GIB), ExecutorResources.of(withHadoop("yarn", "8g", "16384"))
                .containerLimitBytes());
        assertEquals(OptionalLong.empty(), ExecutorResources.of(withHadoop("spark://h:7077", "8g", "16384"))
                .containerLimitBytes());
        assertEquals(OptionalLong.empty(), ExecutorResources.of(withHadoop("yarn", "16g", "8192"))
                .containerLimitBytes());
    }
}
