package dev.sparkdoc.fleet;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The entry point {@code spark-submit} runs: {@code spark-submit --class dev.sparkdoc.fleet.FleetMain
 * sparkdoc-fleet.jar LOG_DIR... [options]}. The session is the one spark-submit configured (master, executors,
 * {@code spark.hadoop.*}); the options and the work are those of {@code sparkdoc fleet}.
 */
@Command(name = "sparkdoc-fleet", mixinStandardHelpOptions = true,
        description = "Analyzes every Spark event log under LOG_DIR as a Spark job (docs/fleet.md).")
public final class FleetMain implements java.util.concurrent.Callable<Integer> {

    @Mixin
    FleetArguments arguments;

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        CommandLine commandLine = new CommandLine(new FleetMain());
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof FleetException) {
                err.println("sparkdoc fleet: " + e.getMessage());
                return 3;
            }
            throw e;
        });
        int code = commandLine.execute(args);
        err.flush();
        System.exit(code);
    }

    @Override
    public Integer call() {
        FleetOptions options = arguments.options(Clock.systemUTC());
        SparkSession spark = SparkSession.builder().appName("sparkdoc fleet").getOrCreate();
        try {
            FleetSummary summary = Fleet.run(spark, options, version(), Clock.systemUTC());
            System.out.println(summary.line());
            return 0;
        } finally {
            spark.stop();
        }
    }

    static String version() {
        String version = FleetMain.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }
}
