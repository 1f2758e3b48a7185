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
 * @param skipped of those, files found in a directory that hold no event log (a README): neither an application nor
 *     an error, as {@code sparkdoc analyze} skips them
 * @param runId the id this run's rows carry, or empty when nothing was read
 * @param analysisMillis of the wall time, the Spark job that read the logs and appended the tables
 */
public record FleetSummary(long listed, long selected, long unchanged, long analyzed, long errors,
        long skipped, String runId,
        long wallMillis, long analysisMillis, String out) {

    /** The one line printed at the end. */
    public String line() {
        long applications = analyzed - errors - skipped;
        return String.format(Locale.ROOT, "sparkdoc fleet: %d %s read (%d %s, %d %s%s), %d unchanged %s skipped,"
                        + " %d outside --since/--until; wall time %.1f s; results in %s",
                analyzed, analyzed == 1 ? "log" : "logs", applications,
                applications == 1 ? "application" : "applications", errors, errors == 1 ? "error" : "errors",
                skipped == 0 ? "" : String.format(Locale.ROOT, ", %d %s no event log", skipped,
                        skipped == 1 ? "file holds" : "files hold"),
                unchanged, unchanged == 1 ? "log" : "logs", listed - selected, wallMillis / 1000.0, out);
    }
}
