package dev.sparkdoc.listener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The real promtool, installed from Debian's package by scripts/install-promtool.sh. */
final class Promtool {

    private Promtool() {
    }

    /** promtool's path; aborts the calling test (with the script's reason) where promtool cannot be had. */
    static Path path() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("sparkdoc.repoRoot", "..")).toAbsolutePath().normalize();
        Process process = new ProcessBuilder("bash", root.resolve("scripts/install-promtool.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor(5, TimeUnit.MINUTES);
        Assumptions.assumeTrue(process.exitValue() != 3,
                "promtool is not available here (scripts/install-promtool.sh exit 3); skipping the format check");
        if (process.exitValue() != 0) {
            throw new IOException("scripts/install-promtool.sh failed with exit " + process.exitValue());
        }
        return Path.of(out);
    }

    /** Runs {@code promtool check metrics} on an exposition; returns its exit code and output. */
    static Result checkMetrics(String exposition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(path().toString(), "check", "metrics").redirectErrorStream(true).start();
        process.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(1, TimeUnit.MINUTES);
        return new Result(process.exitValue(), out);
    }

    record Result(int exitCode, String output) {
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
