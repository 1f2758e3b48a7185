package dev.sparkdoc.event;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A task's {@code Task Info}. Times are epoch milliseconds. {@code gettingResultTime} and {@code finishTime}
 * are empty where Spark writes 0 (not fetched a result; not finished).
 */
public record TaskInfo(
        long taskId,
        int index,
        int attempt,
        OptionalInt partitionId,
        long launchTime,
        String executorId,
        String host,
        String locality,
        boolean speculative,
        OptionalLong gettingResultTime,
        OptionalLong finishTime,
        boolean failed,
        boolean killed) {

    public TaskInfo {
        requireNonNull(partitionId, "partitionId is null");
        requireNonNull(executorId, "executorId is null");
        requireNonNull(host, "host is null");
        requireNonNull(locality, "locality is null");
        requireNonNull(gettingResultTime, "gettingResultTime is null");
        requireNonNull(finishTime, "finishTime is null");
    }

    /** Finish minus launch time, as Spark's {@code TaskInfo.duration}; empty while the task runs. */
    public OptionalLong durationMillis() {
        if (finishTime.isEmpty()) {
            return OptionalLong.empty();
        }
        long finish = finishTime.getAsLong();
        // A broken log's times give 0 or a huge duration, never a negative or wrapped one.
        long duration = finish - launchTime;
        return OptionalLong.of(finish < launchTime ? 0 : duration < 0 ? Long.MAX_VALUE : duration);
    }

    /** Time spent fetching an indirect result, as the History Server computes it. */
    public long gettingResultMillis() {
        if (gettingResultTime.isEmpty()) {
            return 0;
        }
        long end = finishTime.orElse(gettingResultTime.getAsLong());
        return end - gettingResultTime.getAsLong();
    }
}
