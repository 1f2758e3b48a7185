package dev.sparkdoc.fleet;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * One event log found by the listing: a file, or a directory that is one log (rolling {@code eventlog_v2_*},
 * Databricks, Spark 1.x). Its path, size and modification time are what makes a log "already analyzed".
 *
 * @param path the fully qualified Hadoop path ({@code file:/...}, {@code hdfs://...}, {@code s3a://...})
 * @param directory true for a log that is a directory of parts
 * @param sizeBytes the file's size; for a directory, its files' sizes added up
 * @param modifiedMillis the file's modification time; for a directory, the latest of its own and its files'
 * @param searched true when it was found by searching a directory given, not named itself: such a file that holds
 *     no event log is skipped (a README, a checksum), as {@code sparkdoc analyze} skips it, not an error
 */
public record LogCandidate(String path, boolean directory, long sizeBytes, long modifiedMillis, boolean searched)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public LogCandidate {
        requireNonNull(path, "path is null");
    }
}
