package dev.sparkdoc.cli.evaluation;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What a person who read one event log says is true of it: the findings sparkdoc must make ({@code expected}), those
 * that would be false alarms ({@code forbidden}), those that are fair either way ({@code allowed}), and advice that
 * must not be given ({@code advice}).
 *
 * @param file the labels file
 * @param log the event log, as written in the file (relative to the repository root)
 */
public record LogLabels(Path file, String log, String about, List<FindingLabel> expected,
        List<FindingLabel> forbidden, List<FindingLabel> allowed, List<AdviceLabel> advice) {

    public LogLabels {
        requireNonNull(file, "file is null");
        requireNonNull(log, "log is null");
        requireNonNull(about, "about is null");
        expected = List.copyOf(expected);
        forbidden = List.copyOf(forbidden);
        allowed = List.copyOf(allowed);
        advice = List.copyOf(advice);
    }
}
