package dev.sparkdoc.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar spark-submit takes, as a cluster runs it: {@code FleetMain} from target/sparkdoc-fleet.jar in its own JVM
 * with Spark's jars beside it and none of sparkdoc's other jars or classes, the master given as spark-submit gives
 * it (a {@code spark.master} system property). Runs after 'package' (the jar must exist).
 */
@Tag("slow")
class ShadedFleetJarTest {

    private static final Path JAR = Path.of(System.getProperty("sparkdoc.fleetJar", "target/sparkdoc-fleet.jar"));
    private static final Path SAMPLES = Path.of(System.getProperty("sparkdoc.repoRoot", ".."), "sample-eventlogs",
            "logs");

    @TempDir
    Path temp;

    @Test
    void theJarHoldsOnlySparkdocAndRelocatedClasses() throws IOException {
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            List<String> foreign = zip.stream().map(entry -> entry.getName())
                    .filter(name -> name.endsWith(".class") && !name.startsWith("dev/sparkdoc/")).toList();
            assertEquals(List.of(), foreign, "every class sparkdoc's own or relocated under dev.sparkdoc.shaded");
            assertTrue(zip.getEntry("dev/sparkdoc/fleet/FleetMain.class") != null);
            assertTrue(zip.getEntry("dev/sparkdoc/shaded/com/fasterxml/jackson/core/JsonFactory.class") != null);
        }
    }

    @Test
    void fleetMainRunsFromTheJarWithOnlySparkBesideIt() throws Exception {
        Path logs = temp.resolve("logs");
        Files.createDirectories(logs);
        for (String name : List.of("skewed-join.lz4", "spill.snappy", "gc-heavy.zstd", "healthy")) {
            Files.copy(SAMPLES.resolve(name), logs.resolve(name));
        }
        Path rolling = logs.resolve("eventlog_v2_tiny-tasks");
        Files.createDirectories(rolling);
        try (Stream<Path> parts = Files.list(SAMPLES.resolve("eventlog_v2_tiny-tasks"))) {
            for (Path part : parts.toList()) {
                Files.copy(part, rolling.resolve(part.getFileName()));
            }
        }
        Files.writeString(logs.resolve("broken.zstd"), "not zstd at all");
        Path out = temp.resolve("out");

        Result run = fleetMain(logs.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("sparkdoc fleet: 6 logs read (5 applications, 1 error)"), run.out());
        List<String> rows = jsonLines(out.resolve("json").resolve("applications"));
        assertEquals(6, rows.size());
        assertEquals(1, rows.stream().filter(row -> row.contains("\"error\":")).count(), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(row -> row.contains("\"appId\":\"local-1795252226878\"")
                && row.contains("\"worstSeverity\":\"critical\"")), String.join("\n", rows));
        assertTrue(jsonLines(out.resolve("json").resolve("findings")).stream()
                .anyMatch(row -> row.contains("\"rule\":\"data-skew\"")));
        assertTrue(Files.readString(out.resolve("digest.md")).contains("| data-skew |"));

        Result again = fleetMain(logs.toString(), "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().startsWith("sparkdoc fleet: 0 logs read (0 applications, 0 errors), 6 unchanged logs"
                + " skipped"), again.out());

        Result missing = fleetMain(temp.resolve("nowhere").toString(), "--out", out.toString());
        assertEquals(3, missing.code(), missing.err());
        assertTrue(missing.err().lines().anyMatch(line -> line.equals("sparkdoc fleet: " + temp.resolve("nowhere")
                + ": no such file or directory; check the path (a Hadoop path such as hdfs://namenode/spark-logs,"
                + " s3a://bucket/spark-logs or a local directory)")), missing.err());
    }

    private record Result(int code, String out, String err) {
    }

    private Result fleetMain(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(Arrays.asList(System.getProperty("sparkdoc.javaOpens", "").trim().split("\\s+")));
        command.add("-Dspark.master=local[2]");
        command.add("-Dspark.ui.enabled=false");
        command.add("-Dspark.sql.shuffle.partitions=2");
        command.add("-cp");
        command.add(JAR.toAbsolutePath() + File.pathSeparator + sparkClassPath());
        command.add("dev.sparkdoc.fleet.FleetMain");
        command.addAll(List.of(args));
        Path stdout = temp.resolve("stdout");
        Path stderr = temp.resolve("stderr");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("FleetMain did not finish in 10 minutes");
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** This test JVM's class path without sparkdoc's own classes and jars, nor picocli: what a Spark install has. */
    private static String sparkClassPath() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (entry.contains("/target/") || name.startsWith("sparkdoc-") || name.startsWith("picocli")
                    || name.startsWith("junit") || name.startsWith("opentest4j") || name.startsWith("apiguardian")) {
                continue;
            }
            kept.add(entry);
        }
        return String.join(File.pathSeparator, kept);
    }

    private static List<String> jsonLines(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
