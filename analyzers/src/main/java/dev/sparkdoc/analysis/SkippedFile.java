package dev.sparkdoc.analysis;

import static java.util.Objects.requireNonNull;

/**
 * A file found in a directory of logs that is no Spark event log (a README, a checksum, an empty file): listed once
 * as skipped, not analyzed, and not an error, since a log directory may hold such files.
 *
 * @param path where it is, as the user named the directory
 * @param reason why it is no event log, in a few words
 */
public record SkippedFile(String path, String reason) {
    public SkippedFile {
        requireNonNull(path, "path is null");
        requireNonNull(reason, "reason is null");
    }
}
