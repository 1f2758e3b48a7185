package dev.sparkdoc.snapshot;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Who and when: the application as its start and end events describe it. {@code incompleteReasons} says why the
 * log does not cover the whole run (no ApplicationEnd, still in progress, truncated, compacted); empty when
 * complete.
 */
public record ApplicationInfo(
        String name,
        Optional<String> id,
        Optional<String> attemptId,
        Optional<String> sparkVersion,
        String user,
        OptionalLong startTime,
        OptionalLong endTime,
        OptionalLong lastEventTime,
        OptionalInt exitCode,
        List<String> incompleteReasons) {

    public ApplicationInfo {
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        requireNonNull(attemptId, "attemptId is null");
        requireNonNull(sparkVersion, "sparkVersion is null");
        requireNonNull(user, "user is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(endTime, "endTime is null");
        requireNonNull(lastEventTime, "lastEventTime is null");
        requireNonNull(exitCode, "exitCode is null");
        incompleteReasons = List.copyOf(incompleteReasons);
    }

    public boolean complete() {
        return incompleteReasons.isEmpty();
    }

    /** End minus start; for an incomplete application, the last timestamp seen minus start. */
    public OptionalLong durationMillis() {
        if (startTime.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong end = endTime.isPresent() ? endTime : lastEventTime;
        if (end.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, end.getAsLong() - startTime.getAsLong()));
    }
}
