package dev.sparkdoc.rules.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own binaries for tests: promtool and the prometheus server from Debian's {@code prometheus} package,
 * installed by the project's {@code scripts/install-promtool.sh} into {@code target/tools/prometheus/} at the
 * repository root (extracted from the .deb, nothing system-wide). The first call installs; later calls reuse.
 *
 * <p>The installer is not skipped when it fails: a test that needs promtool fails with the installer's message, so
 * CI on a fresh machine proves the rules, or says why it could not.
 */
public final class PrometheusTools {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static Path promtool;
    private static Path pushgateway;

    private PrometheusTools() {
    }

    /** The repository root: the nearest directory upwards from the working directory holding the installer. */
    public static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            if (Files.isRegularFile(directory.resolve("scripts/install-promtool.sh"))) {
                return directory;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("scripts/install-promtool.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** promtool, installed on first use. */
    public static synchronized Path promtool() {
        if (promtool == null) {
            Path script = repositoryRoot().resolve("scripts/install-promtool.sh");
            Result result = run(repositoryRoot(), INSTALL_TIMEOUT, List.of("bash", script.toString()));
            String printed = result.stdout().strip();
            if (result.exitCode() != 0 || printed.isEmpty() || !Files.isExecutable(Path.of(printed))) {
                throw new IllegalStateException(script + " failed (exit " + result.exitCode() + "): "
                        + result.stderr().strip());
            }
            promtool = Path.of(printed);
        }
        return promtool;
    }

    /** Debian's Pushgateway, installed on first use by the same script (target/tools/pushgateway/). */
    public static synchronized Path pushgateway() {
        if (pushgateway == null) {
            Path script = repositoryRoot().resolve("scripts/install-promtool.sh");
            Result result = run(repositoryRoot(), INSTALL_TIMEOUT, List.of("bash", script.toString(), "pushgateway"));
            String printed = result.stdout().strip();
            if (result.exitCode() != 0 || printed.isEmpty() || !Files.isExecutable(Path.of(printed))) {
                throw new IllegalStateException(script + " pushgateway failed (exit " + result.exitCode() + "): "
                        + result.stderr().strip());
            }
            pushgateway = Path.of(printed);
        }
        return pushgateway;
    }

    /** The prometheus server from the same package, beside promtool. */
    public static Path prometheus() {
        Path server = promtool().resolveSibling("prometheus");
        if (!Files.isExecutable(server)) {
            throw new IllegalStateException("no prometheus server beside " + promtool()
                    + "; scripts/install-promtool.sh extracts Debian's prometheus package, which has both");
        }
        return server;
    }

    /** Runs promtool with {@code arguments} in {@code directory}, bounded to a minute. */
    public static Result promtool(Path directory, String... arguments) {
        List<String> command = new java.util.ArrayList<>();
        command.add(promtool().toString());
        command.addAll(List.of(arguments));
        return run(directory, Duration.ofMinutes(1), command);
    }

    /** Runs {@code command}, killing it after {@code timeout}; standard output and error are kept apart. */
    public static Result run(Path directory, Duration timeout, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read: " + e.getMessage() + ")";
        }
    }

    /** A finished process: its exit code and what it printed. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }
}
