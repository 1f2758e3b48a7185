package dev.sparkdoc.cli;

/** sparkdoc's exit codes; scripts and CI gates rely on them. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;
    public static final int FINDINGS = 4;

    private ExitCode() {
    }
}
