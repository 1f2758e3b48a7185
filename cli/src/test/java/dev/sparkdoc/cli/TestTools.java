package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The programs some tests drive (Chromium, tmux), installed by scripts/install-test-tools.sh. Without one, a test
 * is skipped with a message naming the script; in CI (CI=true) it fails instead, so a missing install step cannot
 * pass unnoticed.
 */
final class TestTools {

    private TestTools() {
    }

    static Path require(String program) {
        Optional<Path> found = find(program);
        if (found.isEmpty()) {
            String message = program + " is not installed; run scripts/install-test-tools.sh (as root)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        return found.get();
    }

    private static Optional<Path> find(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A command line that starts sparkdoc in a new JVM with this test's classpath. */
    static String javaCommand() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return quote(java.toString()) + " -cp " + quote(System.getProperty("java.class.path"))
                + " dev.sparkdoc.cli.SparkDoc";
    }

    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
