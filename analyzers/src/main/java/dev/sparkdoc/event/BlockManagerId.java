package dev.sparkdoc.event;

import static java.util.Objects.requireNonNull;

/** Where a block manager runs: the executor id, host and port Spark writes as {@code Block Manager ID}. */
public record BlockManagerId(String executorId, String host, int port) {
    public BlockManagerId {
        requireNonNull(executorId, "executorId is null");
        requireNonNull(host, "host is null");
    }
}
