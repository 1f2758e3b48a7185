package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
