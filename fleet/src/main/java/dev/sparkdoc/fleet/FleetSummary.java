package dev.sparkdoc.fleet;

import java.util.Locale;

/**
 * What one run did.
 *
 * @param listed logs found under the inputs
 * @param selected of those, logs in the --since/--until window
 * @param unchanged of those, logs skipped as already analyzed (same path, size, modification time)
 * @param analyzed logs read in this run
 * @param errors of those, logs that could not be analyzed (error rows)
 * @param runId the id this run's rows carry, or empty when nothing was read
 * @param analysisMillis of the wall time, the Spark job that read the logs and appended the tables
 */
public record FleetSummary(long listed, long selected, long unchanged, long analyzed, long errors, String runId,
        long wallMillis, long analysisMillis, String out) {

    /** The one line printed at the end. */
    public String line() {
        return String.format(Locale.ROOT, "sparkdoc fleet: %d %s read (%d %s, %d %s), %d unchanged %s skipped,"
                        + " %d outside --since/--until; wall time %.1f s; results in %s",
                analyzed, analyzed == 1 ? "log" : "logs", analyzed - errors,
                analyzed - errors == 1 ? "application" : "applications", errors, errors == 1 ? "error" : "errors",
                unchanged, unchanged == 1 ? "log" : "logs", listed - selected, wallMillis / 1000.0, out);
    }
}
