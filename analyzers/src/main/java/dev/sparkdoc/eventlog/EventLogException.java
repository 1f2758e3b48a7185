package dev.sparkdoc.eventlog;

import static java.util.Objects.requireNonNull;

/**
 * Input sparkdoc cannot read: a missing or unreadable file, something that is not an event log, a codec it does
 * not know, a corrupt stream, an empty directory. The message is one line: where, what is wrong, what to do.
 */
public final class EventLogException extends Exception {

    private final String location;
    private final String problem;
    private final String remedy;
    private final boolean notAnEventLog;

    public EventLogException(String location, String problem, String remedy) {
        this(location, problem, remedy, null);
    }

    public EventLogException(String location, String problem, String remedy, Throwable cause) {
        this(location, problem, remedy, cause, false);
    }

    private EventLogException(String location, String problem, String remedy, Throwable cause, boolean notAnEventLog) {
        super(location + ": " + problem + "; " + remedy, cause);
        this.location = requireNonNull(location, "location is null");
        this.problem = requireNonNull(problem, "problem is null");
        this.remedy = requireNonNull(remedy, "remedy is null");
        this.notAnEventLog = notAnEventLog;
    }

    /**
     * The input holds no event at all: its first bytes are neither JSON nor a codec's, or it is empty. Named on its
     * own, that is bad input; found in a directory of logs, it is a file to skip (a README, a checksum).
     */
    public static EventLogException notAnEventLog(String location, String problem, String remedy) {
        return new EventLogException(location, problem, remedy, null, true);
    }

    /** True when the input holds no event at all, see {@link #notAnEventLog}. */
    public boolean isNotAnEventLog() {
        return notAnEventLog;
    }

    public String location() {
        return location;
    }

    public String problem() {
        return problem;
    }

    public String remedy() {
        return remedy;
    }
}
