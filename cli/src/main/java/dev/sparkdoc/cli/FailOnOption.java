package dev.sparkdoc.cli;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.rules.Severity;
import java.io.PrintWriter;
import java.util.Collection;
import picocli.CommandLine.Option;

/** The {@code --fail-on LEVEL} option, as a picocli mixin: exit code 4 when a finding reaches LEVEL (a CI gate). */
public final class FailOnOption {

    /** The levels, as typed. */
    public enum Level {
        info,
        warning,
        critical
    }

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Exit with code 4 when a finding is at LEVEL or above: ${COMPLETION-CANDIDATES}.")
    Level level;

    /**
     * {@link ExitCode#FINDINGS} after saying why on {@code err} when a finding reaches the level, else
     * {@code otherwise}; always {@code otherwise} without the option.
     */
    public int exitCode(Collection<Finding> findings, int otherwise, PrintWriter err) {
        if (level == null) {
            return otherwise;
        }
        Severity threshold = switch (level) {
            case critical -> Severity.CRITICAL;
            case warning -> Severity.WARNING;
            case info -> Severity.INFO;
        };
        if (findings.stream().noneMatch(finding -> finding.severity().atLeast(threshold))) {
            return otherwise;
        }
        err.println("sparkdoc: a finding reached --fail-on " + level + "; exiting with code 4");
        err.flush();
        return ExitCode.FINDINGS;
    }
}
