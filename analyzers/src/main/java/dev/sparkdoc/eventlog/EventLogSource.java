package dev.sparkdoc.eventlog;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One application attempt's event log: a single file, the parts of a rolling directory in reading order, a
 * Databricks rolled log, a Spark 1.x log directory, or standard input.
 *
 * @param refused why sparkdoc will not read this log, when it was found among others in a directory tree (a rolling
 *     log with a missing part, ...): reading it throws this, and the other logs of the tree are still read
 */
public record EventLogSource(String displayName, Layout layout, List<Part> parts, boolean inProgress,
        boolean compacted, Optional<EventLogException> refused) {

    public enum Layout {
        SINGLE_FILE("single file"),
        ROLLING("rolling directory"),
        DATABRICKS("Databricks rolled log"),
        LEGACY_DIRECTORY("Spark 1.x log directory"),
        STDIN("standard input"),
        /** No log at all: the events came live from a running application to sparkdoc's listener. */
        LISTENER("live listener");

        private final String description;

        Layout(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public EventLogSource {
        requireNonNull(displayName, "displayName is null");
        requireNonNull(layout, "layout is null");
        requireNonNull(refused, "refused is null");
        parts = List.copyOf(parts);
        if (parts.isEmpty() && refused.isEmpty()) {
            throw new IllegalArgumentException("an event log has at least one part");
        }
    }

    public EventLogSource(String displayName, Layout layout, List<Part> parts, boolean inProgress, boolean compacted) {
        this(displayName, layout, parts, inProgress, compacted, Optional.empty());
    }

    /** A log found in a tree that cannot be read, for the reason in {@code refusal}. */
    public static EventLogSource refused(String displayName, Layout layout, EventLogException refusal) {
        return new EventLogSource(displayName, layout, List.of(), false, false, Optional.of(refusal));
    }

    /** Opens the raw bytes of a part that is not a local file (an object in a store, a file on HDFS). */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * One stream of lines. {@code codec} is empty when neither the name nor the caller fixes it: it is sniffed.
     *
     * @param opener how to open a part that is neither a local file nor standard input
     * @param listedSizeBytes the size the listing gave for such a part, or -1
     * @param modifiedMillis when the part was last modified (epoch milliseconds) as listed, or -1 when unknown
     */
    public record Part(String displayName, Optional<Path> path, Optional<CompressionCodec> codec,
            Optional<Opener> opener, long listedSizeBytes, long modifiedMillis) {
        public Part {
            requireNonNull(displayName, "displayName is null");
            requireNonNull(path, "path is null");
            requireNonNull(codec, "codec is null");
            requireNonNull(opener, "opener is null");
        }

        public Part(String displayName, Optional<Path> path, Optional<CompressionCodec> codec) {
            this(displayName, path, codec, Optional.empty(), -1, -1);
        }

        public static Part file(Path path, Optional<CompressionCodec> codec) {
            return new Part(path.toString(), Optional.of(path), codec);
        }

        static Part file(Path path, Optional<CompressionCodec> codec, long modifiedMillis) {
            return new Part(path.toString(), Optional.of(path), codec, Optional.empty(), -1, modifiedMillis);
        }

        /** A part on another file system, opened by {@code opener}, with the size and time its listing gave. */
        public static Part remote(String displayName, Optional<CompressionCodec> codec, Opener opener,
                long sizeBytes, long modifiedMillis) {
            return new Part(displayName, Optional.empty(), codec, Optional.of(opener), sizeBytes, modifiedMillis);
        }

        /** The live listener's stream of events, which has no file. */
        public static Part listener(String applicationId) {
            return new Part("<listener " + applicationId + ">", Optional.empty(), Optional.empty());
        }

        public static Part stdin() {
            return new Part("<stdin>", Optional.empty(), Optional.empty());
        }

        /** The raw (still compressed) bytes. */
        public InputStream openRaw() throws IOException {
            if (opener.isPresent()) {
                return opener.get().open();
            }
            if (path.isEmpty()) {
                return System.in;
            }
            // A named pipe through FileInputStream: the channel stream of Files.newInputStream asks a pipe for its
            // position and fails with "Illegal seek".
            return Files.isRegularFile(path.get()) ? Files.newInputStream(path.get())
                    : new java.io.FileInputStream(path.get().toFile());
        }

        public long sizeBytes() {
            if (opener.isPresent()) {
                return listedSizeBytes;
            }
            if (path.isEmpty()) {
                return -1;
            }
            try {
                return Files.size(path.get());
            } catch (IOException e) {
                return -1;
            }
        }
    }

    /** When the log was last written: the latest modification time of its parts as listed, or -1 when unknown. */
    public long lastModifiedMillis() {
        long latest = -1;
        for (Part part : parts) {
            if (part.modifiedMillis() < 0) {
                return -1;
            }
            latest = Math.max(latest, part.modifiedMillis());
        }
        return latest;
    }

    /** Total raw size in bytes, or -1 when unknown (stdin). */
    public long sizeBytes() {
        long total = 0;
        for (Part part : parts) {
            long size = part.sizeBytes();
            if (size < 0) {
                return -1;
            }
            total += size;
        }
        return total;
    }
}
