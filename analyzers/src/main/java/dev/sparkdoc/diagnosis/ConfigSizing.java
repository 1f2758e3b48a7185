package dev.sparkdoc.diagnosis;

import dev.sparkdoc.event.ExecutorMetric;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.ExecutorSummary;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageStatus;
import java.util.OptionalLong;

/**
 * The sizes sparkdoc proposes, computed in one place from the application's own numbers, so that every rule that
 * asks for a setting asks for the same value.
 */
public final class ConfigSizing {

    /** Shuffle bytes per partition to aim for. */
    public static final long TARGET_PARTITION_BYTES = 128L << 20;
    private static final long GIB = 1L << 30;
    private static final long MAX_BROADCAST_THRESHOLD = 1L << 30;

    private ConfigSizing() {
    }

    /** The largest shuffle (read or written) of any stage attempt, in bytes. */
    public static long largestStageShuffleBytes(ApplicationSnapshot app) {
        long largest = 0;
        for (StageAttempt stage : app.stages()) {
            if (stage.status() == StageStatus.SKIPPED || stage.status() == StageStatus.PENDING) {
                continue;
            }
            largest = Math.max(largest, Math.max(stage.total(TaskMetric.SHUFFLE_READ_BYTES),
                    stage.total(TaskMetric.SHUFFLE_WRITE_BYTES)));
        }
        return largest;
    }

    /** Cores of all executors (the driver's in local mode), 0 when unknown. */
    public static int totalCores(ApplicationSnapshot app) {
        int cores = 0;
        int driverCores = 0;
        for (ExecutorSummary executor : app.executors()) {
            if (executor.isDriver()) {
                driverCores = executor.totalCores();
            } else {
                cores += executor.totalCores();
            }
        }
        return cores > 0 ? cores : driverCores;
    }

    /**
     * {@code spark.sql.shuffle.partitions} sized from the largest stage's shuffle bytes at
     * {@code targetPartitionBytes} each, rounded up to a whole number of waves over the cores, never below the
     * cores (or 1).
     */
    public static long shufflePartitions(ApplicationSnapshot app, long targetPartitionBytes) {
        long bytes = largestStageShuffleBytes(app);
        long partitions = Math.max(1, (bytes + targetPartitionBytes - 1) / targetPartitionBytes);
        int cores = totalCores(app);
        if (cores > 0) {
            partitions = Math.max(partitions, cores);
            partitions = ((partitions + cores - 1) / cores) * cores;
        }
        return partitions;
    }

    /**
     * A raise of {@code spark.sql.shuffle.partitions} to {@link #shufflePartitions}, or empty when that would not
     * raise it: advice that wants smaller partitions must never propose fewer.
     */
    public static java.util.Optional<Recommendation.ConfigChange> moreShufflePartitions(ApplicationSnapshot app,
            SparkSettings settings, String why) {
        return moreShufflePartitions(app, settings, TARGET_PARTITION_BYTES, why);
    }

    /** {@link #moreShufflePartitions(ApplicationSnapshot, SparkSettings, String)} at {@code targetPartitionBytes}. */
    public static java.util.Optional<Recommendation.ConfigChange> moreShufflePartitions(ApplicationSnapshot app,
            SparkSettings settings, long targetPartitionBytes, String why) {
        long current = settings.integer("spark.sql.shuffle.partitions").orElse(200);
        long sized = shufflePartitions(app, targetPartitionBytes);
        if (sized <= current) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(settings.raise("spark.sql.shuffle.partitions", Long.toString(sized), why));
    }

    /**
     * {@code spark.executor.memoryOverhead} for containers killed for memory: twice what was in force (explicit, or
     * Spark's default of 10% of executor memory, at least 384 MiB), at least 20% of executor memory, in MiB.
     */
    public static Recommendation.ConfigChange largerMemoryOverhead(SparkSettings settings, String why) {
        long mib = 1L << 20;
        long executorMemory = settings.bytes("spark.executor.memory", mib).orElse(GIB);
        long current = settings.bytes("spark.executor.memoryOverhead", mib)
                .orElse(Math.max(384 * mib, executorMemory / 10));
        long proposed = Math.max(current * 2, executorMemory / 5);
        long rounded = (proposed + 128 * mib - 1) / (128 * mib) * 128;
        return settings.raise("spark.executor.memoryOverhead", rounded + "m", why);
    }

    /** A broadcast threshold that admits a side of {@code smallSideBytes}: twice it, rounded up to a power of two. */
    public static long broadcastThreshold(long smallSideBytes) {
        long wanted = Math.max(10L << 20, smallSideBytes * 2);
        long power = Long.highestOneBit(wanted);
        if (power < wanted) {
            power <<= 1;
        }
        return Math.min(power, MAX_BROADCAST_THRESHOLD);
    }

    /** The largest JVM heap any executor (not the driver) reached, when the log has executor metrics. */
    public static OptionalLong peakExecutorHeap(ApplicationSnapshot app) {
        long peak = -1;
        for (ExecutorSummary executor : app.executors()) {
            if (executor.isDriver() && app.executors().size() > 1) {
                continue;
            }
            OptionalLong heap = executor.peakMetrics().get(ExecutorMetric.JVM_HEAP_MEMORY);
            if (heap.isPresent()) {
                peak = Math.max(peak, heap.getAsLong());
            }
        }
        return peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak);
    }

    /**
     * Executor memory to propose when tasks lack memory: half as much again as now, and at least 1.3 times the
     * largest heap seen, in whole GiB.
     */
    public static long largerExecutorMemory(ApplicationSnapshot app, SparkSettings settings) {
        long current = settings.bytes(settings.taskMemoryKey(), 1L << 20).orElse(GIB);
        long proposed = current + current / 2;
        OptionalLong peak = peakExecutorHeap(app);
        if (peak.isPresent()) {
            proposed = Math.max(proposed, peak.getAsLong() * 13 / 10);
        }
        return ((proposed + GIB - 1) / GIB) * GIB;
    }
}
