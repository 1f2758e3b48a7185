package dev.sparkdoc.cli;

import dev.sparkdoc.fleet.FleetArguments;
import dev.sparkdoc.fleet.FleetException;
import dev.sparkdoc.fleet.FleetOptions;
import dev.sparkdoc.fleet.FleetSummary;
import dev.sparkdoc.fleet.LocalFleet;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sparkdoc fleet LOG_DIR...}: every event log under the directories, analyzed as a Spark job (module
 * {@code fleet}; docs/fleet.md). Local mode by default; the same work runs on a cluster through spark-submit.
 */
@Command(
        name = "fleet",
        mixinStandardHelpOptions = true,
        description = {
            "Analyzes every Spark event log under LOG_DIR as a Spark job, one log per task, with the same reader"
                + " and rules as 'sparkdoc analyze'.",
            "Writes the tables applications, findings and recommendations (Parquet, and JSON lines under json/)"
                + " and digest.md, digest.html to --out.",
            "Logs already analyzed (same path, size and modification time) are skipped; a log that cannot be"
                + " analyzed is an error row, never a failed job.",
            "On a cluster, spark-submit runs the same job: --class dev.sparkdoc.fleet.FleetMain sparkdoc-fleet.jar"
                + " (docs/fleet.md)."
        })
final class FleetCommand implements Callable<Integer> {

    @Mixin
    FleetArguments arguments;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master (default: ${DEFAULT-VALUE}); yarn, k8s://..., spark://... work as with"
                    + " spark-submit.")
    String master;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        FleetOptions options;
        try {
            options = arguments.options(Clock.systemUTC());
        } catch (FleetException e) {
            throw new BadInputException(e.getMessage());
        }
        try {
            // the Spark session is LocalFleet's: this class names no Spark type, so 'sparkdoc analyze' loads none
            FleetSummary summary = LocalFleet.run(master, options, VersionProvider.version(), Clock.systemUTC());
            spec.commandLine().getOut().println(summary.line());
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        } catch (FleetException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
