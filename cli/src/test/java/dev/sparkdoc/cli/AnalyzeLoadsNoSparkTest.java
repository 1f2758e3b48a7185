package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md: "No Spark classes are loaded by sparkdoc analyze". Spark is on the class path (jobs, salt,
 * fleet); a command that names a Spark type in its own class (as 'fleet' could) would load it for every command,
 * since picocli makes every subcommand at start. A fresh JVM with -verbose:class shows what is loaded.
 */
class AnalyzeLoadsNoSparkTest {

    @Test
    void analyzeLoadsNeitherSparkNorScala() throws Exception {
        Path log = Path.of("..", "sample-eventlogs", "logs", "healthy").toAbsolutePath().normalize();
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-verbose:class", "-cp",
                System.getProperty("java.class.path"), "dev.sparkdoc.cli.SparkDoc", "analyze", "-q", log.toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("dev.sparkdoc.cli.AnalyzeCommand"), "-verbose:class shows what is loaded");
        List<String> spark = output.lines().filter(line -> line.contains("[class,load] org.apache.spark.")
                || line.contains("[class,load] scala.")).toList();
        assertEquals(List.of(), spark);
    }
}
