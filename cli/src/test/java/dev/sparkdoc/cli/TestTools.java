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

    /**
     * Writes a shell script into {@code directory} that runs sparkdoc with {@code arguments} (already quoted) in a
     * new JVM with this test's classpath, then prints {@code EXIT=<code>} and waits, so a terminal shows the end.
     * A script, because the classpath is longer than tmux accepts on its command line.
     */
    static Path sparkdocScript(Path directory, String arguments) throws java.io.IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path script = directory.resolve("sparkdoc-" + System.nanoTime() + ".sh");
        Files.writeString(script, "#!/bin/sh\n# Ctrl-C is for sparkdoc, not for this script\ntrap : INT\ncd " + quote(directory.toString()) + "\nCLASSPATH="
                + quote(System.getProperty("java.class.path")) + "\nexport CLASSPATH\n" + quote(java.toString())
                + " dev.sparkdoc.cli.SparkDoc " + arguments + "\necho EXIT=$?\nsleep 600\n");
        return script;
    }

    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
