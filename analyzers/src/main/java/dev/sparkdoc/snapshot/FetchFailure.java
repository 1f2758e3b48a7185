package dev.sparkdoc.snapshot;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.event.BlockManagerId;
import dev.sparkdoc.event.StageAttemptId;
import java.util.Optional;
import java.util.OptionalInt;

/** One FetchFailed task end: which reduce task could not fetch which map output from where. */
public record FetchFailure(StageAttemptId stage, long taskId, String executorId, long time,
        Optional<BlockManagerId> blockManager, int shuffleId, long mapId, OptionalInt mapIndex, int reduceId,
        String message) {
    public FetchFailure {
        requireNonNull(stage, "stage is null");
        requireNonNull(executorId, "executorId is null");
        requireNonNull(blockManager, "blockManager is null");
        requireNonNull(mapIndex, "mapIndex is null");
        requireNonNull(message, "message is null");
    }
}
