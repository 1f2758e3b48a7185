package dev.sparkdoc.compare;

import java.util.Locale;

/** What happened to a stage's (a job's, the application's) duration between the runs, by a {@link ChangeThreshold}. */
public enum Verdict {
    REGRESSED,
    IMPROVED,
    SAME,
    /** A side has no duration (the stage never finished, the log has no timestamps). */
    UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
