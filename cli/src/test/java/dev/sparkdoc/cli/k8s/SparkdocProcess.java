package dev.sparkdoc.cli.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code sparkdoc} as its own JVM on the test classpath, as a user runs it. */
final class SparkdocProcess {

    record Result(int exitCode, String out, String err) {
    }

    private SparkdocProcess() {
    }

    /** The test JVM's real classpath (surefire hands it over in a property when it uses a manifest jar). */
    static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }

    static Result sparkdoc(String... args) {
        List<String> command = new ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath(), "dev.sparkdoc.cli.SparkDoc"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return run(builder);
    }

    /** Runs the command; {@code jvmOptions} go right after the java executable. */
    static Result run(ProcessBuilder builder, String... jvmOptions) {
        List<String> command = new ArrayList<>(builder.command());
        command.addAll(1, List.of(jvmOptions));
        builder.command(command);
        try {
            java.io.File out = java.io.File.createTempFile("sparkdoc", ".out");
            java.io.File err = java.io.File.createTempFile("sparkdoc", ".err");
            try {
                builder.redirectOutput(out).redirectError(err);
                Process process = builder.start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("sparkdoc did not finish in 60 s: " + command);
                }
                return new Result(process.exitValue(),
                        java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
                        java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
            } finally {
                out.delete();
                err.delete();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
