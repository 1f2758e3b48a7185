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

    public EventLogException(String location, String problem, String remedy) {
        this(location, problem, remedy, null);
    }

    public EventLogException(String location, String problem, String remedy, Throwable cause) {
        super(location + ": " + problem + "; " + remedy, cause);
        this.location = requireNonNull(location, "location is null");
        this.problem = requireNonNull(problem, "problem is null");
        this.remedy = requireNonNull(remedy, "remedy is null");
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
