package dev.sparkdoc.snapshot;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A job: its stages, outcome, and the description users gave it. */
public record Job(
        int id,
        Status status,
        OptionalLong submissionTime,
        OptionalLong completionTime,
        List<Integer> stageIds,
        Optional<String> description,
        Optional<String> jobGroup,
        OptionalLong sqlExecutionId,
        Optional<String> failureMessage) {

    public enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    public Job {
        requireNonNull(status, "status is null");
        requireNonNull(submissionTime, "submissionTime is null");
        requireNonNull(completionTime, "completionTime is null");
        stageIds = List.copyOf(stageIds);
        requireNonNull(description, "description is null");
        requireNonNull(jobGroup, "jobGroup is null");
        requireNonNull(sqlExecutionId, "sqlExecutionId is null");
        requireNonNull(failureMessage, "failureMessage is null");
    }

    public OptionalLong durationMillis() {
        if (submissionTime.isEmpty() || completionTime.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, completionTime.getAsLong() - submissionTime.getAsLong()));
    }
}
