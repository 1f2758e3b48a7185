package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparkdoc listener conf}: the lines that attach the listener, ready to paste. */
class ListenerCommandTest {

    @TempDir
    Path work;

    @Test
    void printsSparkSubmitLinesWithTheGivenSettings() throws Exception {
        Path jar = Files.createFile(work.resolve("sparkdoc-listener-1.0.jar"));
        CliRun run = CliRun.of("listener", "conf", "--jar", jar.toString(), "--report-dir", "s3a://reports/spark dir",
                "--prometheus-port", "9464", "--pushgateway", "pushgateway:9091");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(String.join("\n",
                "--jars " + jar.toAbsolutePath() + " \\",
                "--conf spark.plugins=dev.sparkdoc.listener.SparkDocPlugin \\",
                "--conf 'spark.sparkdoc.report.dir=s3a://reports/spark dir' \\",
                "--conf spark.sparkdoc.prometheus.port=9464 \\",
                "--conf spark.sparkdoc.pushgateway.address=pushgateway:9091",
                ""), run.out());
    }

    @Test
    void printsSparkDefaultsLinesForEitherWayOfAttaching() throws Exception {
        Path jar = Files.createFile(work.resolve("sparkdoc-listener-1.0.jar"));
        CliRun run = CliRun.of("listener", "conf", "-o", "properties", "--attach", "extraListeners", "--jar",
                jar.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("spark.jars                               " + jar.toAbsolutePath() + "\n"),
                run.out());
        assertTrue(run.out().contains("spark.extraListeners                     dev.sparkdoc.listener.SparkDocListener"),
                run.out());
    }

    @Test
    void keepsTheJobsOwnPluginsOrListeners() throws Exception {
        Path jar = Files.createFile(work.resolve("sparkdoc-listener-1.0.jar"));
        CliRun run = CliRun.of("listener", "conf", "--jar", jar.toString(), "--append-to",
                "com.example.AuditPlugin, org.example.Metrics");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("--conf spark.plugins=com.example.AuditPlugin,org.example.Metrics,"
                + "dev.sparkdoc.listener.SparkDocPlugin\n"), run.out());
        CliRun again = CliRun.of("listener", "conf", "--jar", jar.toString(), "--attach", "extraListeners",
                "--append-to", "dev.sparkdoc.listener.SparkDocListener");
        assertTrue(again.out().contains("--conf spark.extraListeners=dev.sparkdoc.listener.SparkDocListener\n"),
                again.out());
    }

    @Test
    void namesTheBuiltJarOrSaysHowToBuildIt() {
        CliRun run = CliRun.of("listener", "conf");
        assertEquals(0, run.exitCode(), run.err());
        String firstLine = run.out().lines().findFirst().orElseThrow();
        Path built = Path.of("..", "listeners", "target", "sparkdoc-listener-" + VersionProvider.version() + ".jar")
                .toAbsolutePath().normalize();
        if (Files.isRegularFile(built)) {
            assertEquals("--jars " + built + " \\", firstLine);
        } else {
            assertEquals("--jars sparkdoc-listener-" + VersionProvider.version() + ".jar \\", firstLine);
            assertTrue(run.err().contains("mvn -B -DskipTests -pl listeners -am package"), run.err());
        }
    }

    @Test
    void aMissingJarOrBadPortIsAnError() {
        CliRun missing = CliRun.of("listener", "conf", "--jar", work.resolve("nope.jar").toString());
        assertEquals(3, missing.exitCode());
        assertTrue(missing.err().contains("no such listener jar"), missing.err());
        CliRun port = CliRun.of("listener", "conf", "--prometheus-port", "99999");
        assertEquals(2, port.exitCode());
        assertTrue(port.err().contains("--prometheus-port 99999 is not a port number"), port.err());
    }

    /** A jar on the cluster or in the image is Spark's to find: printed as given, never looked for here. */
    @Test
    void aJarOnTheClusterOrInTheImageIsNamedAsGiven() {
        for (String uri : new String[] {"local:///opt/spark/jars/sparkdoc-listener.jar",
            "s3a://bucket/jars/sparkdoc-listener.jar", "hdfs://namenode:8020/jars/sparkdoc-listener.jar",
            "https://repo.example.com/sparkdoc-listener.jar"}) {
            CliRun run = CliRun.of("listener", "conf", "--jar", uri);
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("--jars " + uri + " \\", run.out().lines().findFirst().orElseThrow());
            assertEquals("", run.err());
            CliRun properties = CliRun.of("listener", "conf", "-o", "properties", "--jar", uri);
            assertTrue(properties.out().startsWith("spark.jars                               " + uri + "\n"),
                    properties.out());
        }
    }

    @Test
    void aLocalJarIsCheckedAsAPathOrAFileUri() throws Exception {
        Path jar = Files.createFile(work.resolve("sparkdoc-listener-1.0.jar"));
        CliRun uri = CliRun.of("listener", "conf", "--jar", jar.toUri().toString());
        assertEquals(0, uri.exitCode(), uri.err());
        assertEquals("--jars " + jar.toAbsolutePath() + " \\", uri.out().lines().findFirst().orElseThrow());
        CliRun missing = CliRun.of("listener", "conf", "--jar", work.resolve("gone.jar").toUri().toString());
        assertEquals(3, missing.exitCode());
        assertTrue(missing.err().startsWith("sparkdoc: --jar file:"), missing.err());
        assertTrue(missing.err().contains("no such listener jar"), missing.err());
        assertEquals(1, missing.err().lines().count(), missing.err());
    }
}
