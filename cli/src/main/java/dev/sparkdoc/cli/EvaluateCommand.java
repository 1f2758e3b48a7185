package dev.sparkdoc.cli;

import dev.sparkdoc.cli.evaluation.Evaluation;
import dev.sparkdoc.cli.evaluation.EvaluationReport;
import dev.sparkdoc.cli.evaluation.LabelsException;
import dev.sparkdoc.eventlog.EventLogException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sparkdoc evaluate [LABELS_DIR]} (hidden; for sparkdoc's own development): sparkdoc's findings on every
 * labelled event log against the labels, per rule (docs/evaluation.md).
 */
@Command(
        name = "evaluate",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = {
            "Compares sparkdoc's findings on labelled event logs with their labels: per rule, true positives, "
            + "false alarms, missing findings, unlabelled findings, precision, recall, and wrong-direction advice.",
            "LABELS_DIR holds *.labels.yaml files (docs/evaluation.md)."
        })
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "LABELS_DIR", defaultValue = "labels",
            description = "Directory of *.labels.yaml files (default: ${DEFAULT-VALUE}).")
    Path labels;

    @Option(names = "--root", paramLabel = "DIR",
            description = "What the labels' log paths are relative to (default: LABELS_DIR's parent directory).")
    Path root;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Logs read at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--strict",
            description = "Exit with 4 if there is any false alarm, missing expected finding or wrong advice.")
    boolean strict;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws EventLogException {
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, not "
                    + threads);
        }
        Path directory = labels.toAbsolutePath().normalize();
        Path base = root != null ? root.toAbsolutePath().normalize() : directory.getParent();
        EvaluationReport report;
        try {
            report = Evaluation.run(directory, base, threads);
        } catch (LabelsException e) {
            throw new BadInputException(e.getMessage() + "; fix the labels file (docs/evaluation.md)");
        }
        PrintWriter out = spec.commandLine().getOut();
        report.print(out);
        out.flush();
        return strict && !report.clean() ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
