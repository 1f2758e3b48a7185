package dev.sparkdoc.eventlog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Where event logs are found and read: the local file system ({@link LocalLogFileSystem}), or any other (the CLI
 * reads s3a://, hdfs://, ... through Hadoop's FileSystem API). {@link EventLogLocator} recognizes log layouts on any
 * of them from what one listing of a directory gives (names, kinds, sizes, modification times): it reads no file
 * to find the logs.
 */
public interface LogFileSystem {

    enum Kind {
        FILE,
        DIRECTORY,
        /** Neither (a dangling link, a device, an entry whose kind could not be read): skipped in a tree. */
        OTHER
    }

    /**
     * One file or directory as a listing (or a status call) gives it.
     *
     * @param location the full name, as shown to the user and in reports
     * @param name the last element of the location
     * @param sizeBytes the length of a file, or -1 when unknown
     * @param modifiedMillis the last modification (epoch milliseconds), or -1 when unknown
     * @param handle what the file system needs to open or list it again without asking (a Path, a status)
     */
    record Entry(String location, String name, Kind kind, long sizeBytes, long modifiedMillis, Object handle) {
        public Entry {
            requireNonNull(location, "location is null");
            requireNonNull(name, "name is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(handle, "handle is null");
        }

        public boolean isDirectory() {
            return kind == Kind.DIRECTORY;
        }

        public boolean isRegularFile() {
            return kind == Kind.FILE;
        }
    }

    /** The file or directory named {@code location}; an {@link EventLogException} when it is missing or unreachable. */
    Entry stat(String location) throws EventLogException;

    /** The entries of {@code directory}, sorted by name. */
    List<Entry> list(Entry directory) throws EventLogException;

    /** What makes two entries the same file (for a tree with links): the location, unless links exist. */
    default Object identity(Entry entry) {
        return entry.location();
    }

    /** The part of a log that {@code file} is, read with {@code codec} (empty: sniffed). */
    EventLogSource.Part part(Entry file, Optional<CompressionCodec> codec);
}
