package dev.sparkdoc.fleet;

/**
 * Input {@code sparkdoc fleet} cannot use (a missing log directory, a bad date, an unreadable rules file, an output
 * directory it cannot write): one line saying what, where and what to do. A log that cannot be analyzed is not this:
 * it becomes an error row of the applications table.
 */
public final class FleetException extends RuntimeException {
    public FleetException(String message) {
        super(message);
    }

    public FleetException(String message, Throwable cause) {
        super(message, cause);
    }
}
