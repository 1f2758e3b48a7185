package dev.sparkdoc.samples.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Input files a reference job writes with plain Java before Spark reads them, so the job's event log holds only the
 * read (no Spark write job). The directory lives in the forked job JVM's temporary directory and is deleted when that
 * JVM exits.
 */
final class ScratchFiles {

    private ScratchFiles() {
    }

    /** A new empty directory, deleted with its content when the JVM exits. */
    static Path directory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory)));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for the job's input", e);
        }
    }

    /** Writes {@code lines} lines of {@code "key,payload"} text to {@code file}, creating its directory. */
    static void writeLines(Path file, long firstKey, long lines, int payloadChars) {
        try {
            Files.createDirectories(file.getParent());
            StringBuilder text = new StringBuilder();
            String payload = "x".repeat(payloadChars);
            for (long i = 0; i < lines; i++) {
                text.append(firstKey + i).append(',').append(payload).append('\n');
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job's input file " + file, e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A shutdown hook: the temporary directory is left for the system to clean.
        }
    }
}
