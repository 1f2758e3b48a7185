package dev.sparkdoc.cli;

import dev.sparkdoc.fleet.Fleet;
import dev.sparkdoc.fleet.FleetArguments;
import dev.sparkdoc.fleet.FleetException;
import dev.sparkdoc.fleet.FleetOptions;
import dev.sparkdoc.fleet.FleetSummary;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
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
            "Analyzes every Spark event log under LOG_DIR as a Spark job: one log per task, with the same reader and",
            "rules as 'sparkdoc analyze'. Writes the tables applications, findings and recommendations (Parquet, and",
            "JSON lines under json/) and digest.md, digest.html to --out. Logs already analyzed (same path, size and",
            "modification time) are skipped; a log that cannot be analyzed is an error row, never a failed job.",
            "On a cluster: spark-submit --class dev.sparkdoc.fleet.FleetMain fleet/target/sparkdoc-fleet.jar ..."
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
        // A session already running in this JVM (a test's, a notebook's) is used and left running.
        Optional<SparkSession> running = toOptional(SparkSession.getActiveSession());
        if (running.isEmpty()) {
            running = toOptional(SparkSession.getDefaultSession());
        }
        SparkSession spark = running.orElseGet(() -> {
            SparkSession.Builder builder = SparkSession.builder().appName("sparkdoc fleet").master(master);
            if (master.startsWith("local") && System.getProperty("spark.sql.shuffle.partitions") == null) {
                // the digest's aggregations run over small tables: Spark's 200 shuffle partitions only cost time
                builder.config("spark.sql.shuffle.partitions", "4");
            }
            return builder.getOrCreate();
        });
        try {
            FleetSummary summary = Fleet.run(spark, options, VersionProvider.version(), Clock.systemUTC());
            spec.commandLine().getOut().println(summary.line());
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        } catch (FleetException e) {
            throw new BadInputException(e.getMessage());
        } finally {
            if (running.isEmpty()) {
                spark.stop();
            }
        }
    }

    private static <T> Optional<T> toOptional(scala.Option<T> option) {
        return option.isDefined() ? Optional.of(option.get()) : Optional.empty();
    }
}
