package dev.sparkdoc.cli.history;

/**
 * A Spark History Server cannot answer what sparkdoc asks: unreachable, refusing access, no such application or
 * attempt, an archive sparkdoc will not unpack. Reported as one line (what, where, what to do) with exit code 3.
 */
public final class HistoryServerException extends RuntimeException {
    public HistoryServerException(String message) {
        super(message);
    }

    /** With the underlying exception as the cause, for {@code --debug}. */
    public HistoryServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
