package dev.sparkdoc.snapshot;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.event.ExecutorMetrics;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One executor (or the driver) over the whole application.
 *
 * @param totalCores 0 when the log never said (the driver on a cluster)
 * @param maxMemoryBytes the block manager's storage memory, when it registered
 */
public record ExecutorSummary(
        String id,
        String host,
        int totalCores,
        OptionalInt resourceProfileId,
        OptionalLong addTime,
        OptionalLong removeTime,
        Optional<String> removeReason,
        OptionalLong maxMemoryBytes,
        long totalDurationMillis,
        long totalGcTimeMillis,
        long totalInputBytes,
        long totalShuffleReadBytes,
        long totalShuffleWriteBytes,
        long memoryBytesSpilled,
        long diskBytesSpilled,
        int completedTasks,
        int failedTasks,
        int killedTasks,
        ExecutorMetrics peakMetrics) {

    public ExecutorSummary {
        requireNonNull(id, "id is null");
        requireNonNull(host, "host is null");
        requireNonNull(resourceProfileId, "resourceProfileId is null");
        requireNonNull(addTime, "addTime is null");
        requireNonNull(removeTime, "removeTime is null");
        requireNonNull(removeReason, "removeReason is null");
        requireNonNull(maxMemoryBytes, "maxMemoryBytes is null");
        requireNonNull(peakMetrics, "peakMetrics is null");
    }

    public boolean isDriver() {
        return "driver".equals(id) || "<driver>".equals(id);
    }
}
