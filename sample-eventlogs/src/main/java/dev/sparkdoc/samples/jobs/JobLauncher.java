package dev.sparkdoc.samples.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Runs a reference job in a forked JVM: same classpath, the module openings Spark needs on Java 17, the job's own
 * heap. The fork protects the caller (its heap, its Spark state, its logging) and makes each job's memory exact.
 * Spark's console output goes to a file next to the result; its tail is shown when the job fails.
 */
public final class JobLauncher {

    private static final int TAIL_LINES = 25;

    private JobLauncher() {
    }

    /** The --add-opens flags from the build (pom property spark.java.opens). */
    public static List<String> javaOpens() {
        Properties properties = new Properties();
        try (InputStream in = JobLauncher.class.getResourceAsStream("jvm.properties")) {
            if (in == null) {
                throw new IllegalStateException("jvm.properties is missing from the classpath; rebuild sparkdoc");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String opens = properties.getProperty("opens", "").trim();
        return opens.isEmpty() ? List.of() : Arrays.asList(opens.split("\\s+"));
    }

    /** The command line of the forked JVM. */
    public static List<String> command(ReferenceJob job, JobRequest request, Path resultFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + job.heap());
        command.addAll(javaOpens());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JobMain.class.getName());
        command.add(job.name());
        command.add(request.eventLogDir().toAbsolutePath().toString());
        command.add(resultFile.toAbsolutePath().toString());
        command.add(request.codec());
        command.add(Boolean.toString(request.rolling()));
        request.salt().ifPresent(salt -> {
            command.add(salt.key());
            command.add(Integer.toString(salt.buckets()));
        });
        request.conf().forEach((key, value) -> {
            command.add(JobMain.CONF);
            command.add(key + "=" + value);
        });
        return command;
    }

    public static JobRun run(JobRequest request) throws IOException, InterruptedException {
        ReferenceJob job = ReferenceJobs.find(request.job()).orElseThrow(() -> new IllegalArgumentException(
                "unknown job " + request.job() + "; known jobs: " + ReferenceJobs.names()));
        if (request.salt().isPresent() && !(job instanceof SkewedJob)) {
            throw new IllegalArgumentException("job " + job.name() + " has no salted variant; salt one of "
                    + String.join(", ", ReferenceJobs.skewed().stream().map(ReferenceJob::name).toList()));
        }
        Files.createDirectories(request.eventLogDir());
        Path work = Files.createTempDirectory("sparkdoc-job-");
        Path resultFile = work.resolve("result.properties");
        Path output = work.resolve("spark-output.log");
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command(job, request, resultFile))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Path sparkHome = work.resolve("spark-home");
        if (job.master().startsWith("local-cluster")) {
            builder.environment().putAll(localClusterEnvironment(sparkHome));
        }
        Process process = builder.start();
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        deleteTree(sparkHome);
        long processMillis = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0 || !Files.exists(resultFile)) {
            throw new IOException("reference job " + job.name() + " failed (JVM exit " + exit + "); its output is in "
                    + output + ", ending:\n" + tail(output));
        }
        Properties result = new Properties();
        try (Reader reader = Files.newBufferedReader(resultFile, StandardCharsets.UTF_8)) {
            result.load(reader);
        }
        Files.deleteIfExists(resultFile);
        Files.deleteIfExists(output);
        Files.deleteIfExists(work);
        return new JobRun(request, result.getProperty("applicationId"), Path.of(result.getProperty("eventLog")),
                ResultDigest.parse(result.getProperty("digest")), Long.parseLong(result.getProperty("actionMillis")),
                processMillis);
    }

    /**
     * What a {@code local-cluster[...]} master needs without a Spark distribution: its worker starts each executor JVM
     * through Spark's launcher, which takes the jars from {@code SPARK_DIST_CLASSPATH} (this JVM's classpath, made
     * absolute: the executor runs in the worker's directory) and, with {@code SPARK_TESTING} set, does not insist on
     * {@code SPARK_HOME/jars}. The executors' own logs go under {@code sparkHome}.
     */
    static java.util.Map<String, String> localClusterEnvironment(Path sparkHome) throws IOException {
        Files.createDirectories(sparkHome.resolve("jars"));
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        return java.util.Map.of("SPARK_HOME", sparkHome.toAbsolutePath().toString(), "SPARK_TESTING", "1",
                "SPARK_SCALA_VERSION", "2.13", "SPARK_DIST_CLASSPATH", classpath);
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String tail(Path output) throws IOException {
        if (!Files.exists(output)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
