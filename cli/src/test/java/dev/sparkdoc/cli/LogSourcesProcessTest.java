package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow: each case is its own JVM, against the s3proxy of this one. What only a real process shows: the analysis of a
 * local log loads no Hadoop class; HADOOP_CONF_DIR's core-site.xml configures s3a; a classpath without hadoop-aws,
 * or with it but without the AWS SDK, gets the one line that names what to add.
 */
@Tag("slow")
class LogSourcesProcessTest {

    @TempDir
    static Path directory;
    private static S3Server server;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        server = new S3Server();
        server.createBucket("spark");
        server.upload("spark", "logs/healthy", S3aSourcesTest.SAMPLES.resolve("healthy"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void analyzingALocalLogLoadsNoHadoopClass() throws Exception {
        Path classes = directory.resolve("classes.log");
        Result run = run(classpath(jar -> true), Map.of(), List.of("-Xlog:class+load=info:file=" + classes),
                "analyze", "-o", "json", S3aSourcesTest.SAMPLES.resolve("healthy").toString());
        assertTrue(run.exitCode() == 0 || run.exitCode() == ExitCode.FINDINGS, run.err());
        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(line -> line.contains("dev.sparkdoc.cli.LogSources ")), "the log is real");
        List<String> hadoop = loaded.stream().filter(line -> line.contains(" org.apache.hadoop.")).toList();
        assertEquals(List.of(), hadoop.subList(0, Math.min(5, hadoop.size())));
    }

    @Test
    void hadoopConfDirConfiguresS3a() throws Exception {
        Path conf = Files.createDirectories(directory.resolve("conf"));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        List<String> options = server.options();
        for (int i = 1; i < options.size(); i += 2) {
            String[] pair = options.get(i).split("=", 2);
            xml.append("  <property><name>").append(pair[0]).append("</name><value>").append(pair[1])
                    .append("</value></property>\n");
        }
        xml.append("</configuration>\n");
        Files.writeString(conf.resolve("core-site.xml"), xml);
        Result run = run(classpath(jar -> true), Map.of("HADOOP_CONF_DIR", conf.toString()), List.of(),
                "analyze", "-o", "json", "s3a://spark/logs/healthy");
        assertTrue(run.exitCode() == 0 || run.exitCode() == ExitCode.FINDINGS, run.err());
        assertTrue(run.out().contains("\"path\" : \"s3a://spark/logs/healthy\""), run.out());
        assertFalse(run.out().contains(S3Server.SECRET_KEY) || run.err().contains(S3Server.SECRET_KEY));
    }

    @Test
    void withoutHadoopAwsTheLineNamesTheArtifacts() throws Exception {
        Result run = run(classpath(jar -> !jar.contains("hadoop-aws") && !jar.contains("awssdk")
                && !jar.contains("analyticsaccelerator")), Map.of(),
                List.of(), withServer("analyze", "s3a://spark/logs/healthy"));
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertOneSparkdocLine(run);
        assertTrue(run.err().contains("sparkdoc: s3a://spark/logs/healthy: no connector for s3a:// on sparkdoc's"
                + " classpath (org.apache.hadoop.fs.s3a.S3AFileSystem not found); add"
                + " org.apache.hadoop:hadoop-aws:3.5.0, software.amazon.awssdk:bundle:2.35.4 and"
                + " software.amazon.s3.analyticsaccelerator:analyticsaccelerator-s3:1.3.1 to SPARKDOC_CLASSPATH"),
                run.err());
    }

    @Test
    void withoutTheAnalyticsAcceleratorTheLineNamesTheArtifacts() throws Exception {
        Result run = run(classpath(jar -> !jar.contains("analyticsaccelerator")), Map.of(), List.of(),
                withServer("analyze", "s3a://spark/logs/healthy"));
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertOneSparkdocLine(run);
        assertTrue(run.err().contains("(software.amazon.s3.analyticsaccelerator."), run.err());
        assertTrue(run.err().contains("and software.amazon.s3.analyticsaccelerator:analyticsaccelerator-s3:1.3.1 to"
                + " SPARKDOC_CLASSPATH"), run.err());
    }

    @Test
    void withHadoopAwsButNoAwsSdkTheLineNamesTheArtifacts() throws Exception {
        Result run = run(classpath(jar -> !jar.contains("awssdk")), Map.of(), List.of(),
                withServer("analyze", "s3a://spark/logs/healthy"));
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertOneSparkdocLine(run);
        assertTrue(run.err().contains("no connector for s3a:// on sparkdoc's classpath (software.amazon.awssdk."),
                run.err());
        assertTrue(run.err().contains("add org.apache.hadoop:hadoop-aws:3.5.0, software.amazon.awssdk:bundle:"),
                run.err());
    }

    /** sparkdoc's one line, and no stack trace; what libraries on the test classpath print besides is theirs. */
    private static void assertOneSparkdocLine(Result run) {
        assertEquals(1, run.err().lines().filter(line -> line.startsWith("sparkdoc: ")).count(), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    private static String[] withServer(String... args) {
        List<String> all = new ArrayList<>(List.of(args[0]));
        all.addAll(server.options());
        all.addAll(Arrays.asList(args).subList(1, args.length));
        return all.toArray(String[]::new);
    }

    private static String classpath(Predicate<String> keep) {
        String surefire = System.getProperty("surefire.test.class.path");
        String classpath = surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(keep)
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Result run(String classpath, Map<String, String> environment, List<String> jvmOptions,
            String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, SparkDoc.class.getName()));
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile(directory, "run", ".out");
        Path err = Files.createTempFile(directory, "run", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("HADOOP_CONF_DIR");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("no end in 120 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
