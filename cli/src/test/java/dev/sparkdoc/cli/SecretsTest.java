package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.eventlog.CompressionCodec;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.fold.Redactor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret in a log never reaches sparkdoc's output, in any format. */
class SecretsTest {

    private static final String SECRET = "s3cr3t-V4LUE-never-print";

    @Test
    void secretsInPropertiesJobDescriptionsAndSqlConfigsAreRedacted(@TempDir Path directory) throws IOException {
        Path source = CliRun.log("nvidia-spark-rapids-tools/spark-events-qualification/truncated_eventlog");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
            if (line.startsWith("{\"Event\":\"SparkListenerEnvironmentUpdate\"")) {
                line = line.replace("\"Spark Properties\":{", "\"Spark Properties\":{"
                        + "\"spark.hadoop.fs.s3a.secret.key\":\"" + SECRET + "\","
                        + "\"spark.myapp.apikey\":\"" + SECRET + "\","
                        + "\"spark.redaction.regex\":\"(?i)secret|password|token|apikey\",");
            }
            lines.add(line);
        }
        Path log = directory.resolve("app-with-secrets");
        Files.write(log, lines, StandardCharsets.UTF_8);
        for (String format : List.of("text", "json", "markdown")) {
            CliRun run = CliRun.of("analyze", "-o", format, log.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertFalse(run.out().contains(SECRET), format + " output leaks the secret");
            assertFalse(run.err().contains(SECRET), format + " stderr leaks the secret");
        }
        CliRun json = CliRun.of("analyze", "-o", "json", log.toString());
        assertTrue(json.out().contains("\"spark.hadoop.fs.s3a.secret.key\" : \"*********(redacted)\""), json.out());
        assertTrue(json.out().contains("\"spark.myapp.apikey\" : \"*********(redacted)\""));
    }

    /**
     * A real log (a Spark 3.1 application on YARN with failed jobs, lost executors, fetch failures and 28 SQL
     * executions) with a distinct secret planted in every free-text field a log carries. No secret reaches any output
     * format of {@code analyze} or any shell view, and every planted field that sparkdoc shows still shows its
     * readable marker.
     */
    @Test
    void plantedSecretsInEveryFreeTextFieldReachNoOutput(@TempDir Path directory) throws Exception {
        SecretPlanter planter = new SecretPlanter();
        Path log = planter.plant(CliRun.log(PLANTED_SOURCE), CompressionCodec.ZSTD, directory.resolve("planted-log"));

        Map<String, String> outputs = new LinkedHashMap<>();
        for (String format : List.of("text", "json", "markdown", "html")) {
            CliRun run = CliRun.of("analyze", "-o", format, log.toString());
            assertEquals(0, run.exitCode(), run.err());
            outputs.put("analyze -o " + format, run.out());
            outputs.put("analyze -o " + format + " (stderr)", run.err());
        }
        CliRun shell = shell(log, String.join("\n", SHELL_COMMANDS) + "\n");
        assertEquals(0, shell.exitCode(), shell.err());
        outputs.put("shell " + SHELL_COMMANDS, shell.out());
        outputs.put("shell (stderr)", shell.err());

        for (Map.Entry<String, String> output : outputs.entrySet()) {
            Optional<SecretPlanter.Planted> leak = planter.leaked(output.getValue());
            assertTrue(leak.isEmpty(), () -> output.getKey() + " leaks the secret planted in the "
                    + leak.get().field() + ": " + excerpt(output.getValue(), leak.get().secret()));
            for (String stem : SecretPlanter.SECRET_STEMS) {
                assertFalse(output.getValue().contains(stem), () -> output.getKey() + " leaks a planted secret: "
                        + excerpt(output.getValue(), stem));
            }
        }
        // The model itself, every string of the snapshot the outputs are rendered from: what no output shows today
        // must not hold a secret either.
        AnalyzedLog analyzed = EventLogAnalysis.analyze(EventLogLocator.locate(log.toString()).get(0));
        String model = String.join("\n", ModelStrings.of(analyzed.application()));
        Optional<SecretPlanter.Planted> modelLeak = planter.leaked(model);
        assertTrue(modelLeak.isEmpty(), () -> "the snapshot holds the secret planted in the " + modelLeak.get().field()
                + ": " + excerpt(model, modelLeak.get().secret()));
        outputs.put("snapshot", model);

        String all = String.join("\n", outputs.values());
        assertTrue(all.contains(Redactor.REPLACEMENT), "redacted values show as Spark shows them");
        List<String> missing = new ArrayList<>();
        for (SecretPlanter.Planted p : planter.planted()) {
            boolean shown = all.contains(p.marker());
            if (shown == NOT_SHOWN.contains(p.field())) {
                missing.add(p.field() + (shown ? " (listed as not shown, but shown)" : ""));
            }
        }
        assertEquals(List.of(), missing, "planted fields whose readable part is lost (or is unexpectedly shown)");
    }

    /** The planted log's source, kept in the analyzers module with its attribution (README there). */
    private static final String PLANTED_SOURCE = "nvidia-spark-rapids-tools/spark-events-profiling/"
            + "tasks_executors_fail_compressed_eventlog.zstd";

    /** The shell's views of stages, tasks, failures, executors, jobs, SQL and findings. */
    private static final List<String> SHELL_COMMANDS = List.of("summary", "stages", "stage 0", "stage 238",
            "tasks 0", "executors", "jobs", "sql", "sql 0", "findings", "advise");

    /** Planted fields sparkdoc reads past: neither the snapshot nor an output has them. */
    private static final Set<String> NOT_SHOWN = Set.of("JVM information", "classpath entry", "SQL details",
            "plan node metadata", "job property callSite.long", "stage property", "stack trace frame",
            "full stack trace");

    private static CliRun shell(Path log, String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminals terminals = Terminals.fixed(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                false, false, 200);
        int code = SparkDoc.run(new String[] {"shell", log.toString()}, new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), terminals);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String excerpt(String output, String secret) {
        int at = output.indexOf(secret);
        return output.substring(Math.max(0, at - 120), Math.min(output.length(), at + secret.length() + 40));
    }
}
