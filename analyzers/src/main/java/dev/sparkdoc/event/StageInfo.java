package dev.sparkdoc.event;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** A stage's {@code Stage Info}. Times are epoch milliseconds. */
public record StageInfo(
        StageAttemptId id,
        String name,
        int numTasks,
        List<Integer> parentIds,
        String details,
        OptionalLong submissionTime,
        OptionalLong completionTime,
        Optional<String> failureReason,
        OptionalInt resourceProfileId,
        List<Integer> rddIds) {

    public StageInfo {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        parentIds = List.copyOf(parentIds);
        requireNonNull(details, "details is null");
        requireNonNull(submissionTime, "submissionTime is null");
        requireNonNull(completionTime, "completionTime is null");
        requireNonNull(failureReason, "failureReason is null");
        requireNonNull(resourceProfileId, "resourceProfileId is null");
        rddIds = List.copyOf(rddIds);
    }
}
