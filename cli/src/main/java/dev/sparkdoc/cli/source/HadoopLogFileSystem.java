package dev.sparkdoc.cli.source;

import dev.sparkdoc.eventlog.CompressionCodec;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.LogFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.functional.FutureIO;

/**
 * Event logs on any Hadoop file system (s3a://, hdfs://, gs://, abfs://, file://, ...) through Hadoop's FileSystem
 * API. One listing call per directory the locator looks into, and one open per part read; failures become one
 * line ({@link HadoopFailures}). Only loaded for a LOG argument with a URI scheme.
 */
final class HadoopLogFileSystem implements LogFileSystem, AutoCloseable {

    private final Configuration configuration;
    private final HadoopFailures failures;
    /** One instance per scheme and authority, not Hadoop's JVM-wide cache: closed with this, and the configuration
     * of this run is the one used (the cache is keyed by URI and user, not by configuration). */
    private final Map<String, FileSystem> open = new LinkedHashMap<>();

    HadoopLogFileSystem(Configuration configuration, HadoopFailures failures) {
        this.configuration = configuration;
        this.failures = failures;
    }

    @Override
    public Entry stat(String location) throws EventLogException {
        Path path;
        try {
            path = new Path(location);
        } catch (IllegalArgumentException e) {
            throw new EventLogException(failures.display(location), "not a valid URI (" + e.getMessage() + ")",
                    "write it as scheme://authority/path, e.g. s3a://bucket/spark-logs/app-1");
        }
        FileSystem fileSystem = fileSystem(path, location);
        try {
            return entry(fileSystem.getFileStatus(path));
        } catch (IOException | RuntimeException | LinkageError e) {
            throw failures.failure(failures.display(location), path.toUri(), e);
        }
    }

    @Override
    public List<Entry> list(Entry directory) throws EventLogException {
        FileStatus status = (FileStatus) directory.handle();
        try {
            FileStatus[] listed = fileSystem(status.getPath(), directory.location()).listStatus(status.getPath());
            List<Entry> entries = new ArrayList<>(listed.length);
            for (FileStatus child : listed) {
                entries.add(entry(child));
            }
            entries.sort(Comparator.comparing(Entry::name));
            return entries;
        } catch (IOException | RuntimeException | LinkageError e) {
            throw failures.failure(directory.location(), status.getPath().toUri(), e);
        }
    }

    @Override
    public EventLogSource.Part part(Entry file, Optional<CompressionCodec> codec) {
        FileStatus status = (FileStatus) file.handle();
        return EventLogSource.Part.remote(file.location(), codec, () -> open(status, file.location()),
                file.sizeBytes(), file.modifiedMillis());
    }

    /** Opens with the status the listing gave (no second request for it), for one sequential read. */
    private InputStream open(FileStatus status, String location) throws IOException {
        try {
            FileSystem fileSystem = fileSystem(status.getPath(), location);
            return FutureIO.awaitFuture(fileSystem.openFile(status.getPath())
                    .withFileStatus(status)
                    .opt("fs.option.openfile.read.policy", "sequential")
                    .build());
        } catch (EventLogException e) {
            throw new IOException(e.problem() + "; " + e.remedy(), e);
        } catch (IOException | RuntimeException | LinkageError e) {
            EventLogException failure = failures.failure(location, status.getPath().toUri(), e);
            throw new IOException(failure.problem() + "; " + failure.remedy(), e);
        }
    }

    private Entry entry(FileStatus status) {
        Kind kind = status.isDirectory() ? Kind.DIRECTORY : status.isFile() ? Kind.FILE : Kind.OTHER;
        String location = failures.display(status.getPath().toString());
        String name = status.getPath().getName();
        return new Entry(location, name.isEmpty() ? location : name, kind, status.isFile() ? status.getLen() : -1,
                status.getModificationTime() > 0 ? status.getModificationTime() : -1, status);
    }

    private FileSystem fileSystem(Path path, String location) throws EventLogException {
        URI uri = path.toUri();
        String key = uri.getScheme() + "://" + (uri.getAuthority() == null ? "" : uri.getAuthority());
        FileSystem existing = open.get(key);
        if (existing != null) {
            return existing;
        }
        try {
            FileSystem created = FileSystem.newInstance(uri, configuration);
            open.put(key, created);
            return created;
        } catch (IOException | RuntimeException | LinkageError e) {
            throw failures.failure(failures.display(location), uri, e);
        }
    }

    @Override
    public void close() {
        for (FileSystem fileSystem : open.values()) {
            try {
                fileSystem.close();
            } catch (IOException | RuntimeException e) {
                // Everything was read; a failing close changes nothing for the report.
            }
        }
        open.clear();
    }
}
