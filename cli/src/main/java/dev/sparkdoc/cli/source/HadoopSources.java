package dev.sparkdoc.cli.source;

import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.LogFileSystem;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Event logs behind a URI, on whatever Hadoop file system its scheme names, with the user's usual configuration:
 * Hadoop's defaults, core-site.xml and hdfs-site.xml from {@code HADOOP_CONF_DIR}, then the {@code -D KEY=VALUE}
 * options (a {@code spark.hadoop.} prefix stripped, as Spark does). Credentials come from where the connector looks
 * (for s3a: the configuration, then AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then the instance's role). Retries
 * and connection timeouts are bounded (see {@link #BOUNDED}) unless configured, so that a dead endpoint fails
 * in seconds. Closing it closes the file systems it opened.
 */
public final class HadoopSources implements AutoCloseable {

    /** Bounded retries and timeouts, set unless the configuration files or options set them. */
    static final Map<String, String> BOUNDED = Map.of(
            "fs.s3a.attempts.maximum", "2",
            "fs.s3a.retry.limit", "2",
            "fs.s3a.retry.interval", "250ms",
            "fs.s3a.connection.establish.timeout", "5s",
            "fs.s3a.connection.timeout", "30s",
            "ipc.client.connect.max.retries", "1",
            "ipc.client.connect.max.retries.on.timeouts", "1",
            "ipc.client.connect.timeout", "5000",
            "ipc.client.connect.retry.interval", "250");

    private final HadoopLogFileSystem fileSystem;
    /** The URIs located that are directories, with their entries' locations. */
    private final Map<String, String> directories = new java.util.HashMap<>();

    public HadoopSources(Map<String, String> options, String hadoopConfDir) {
        Configuration configuration = new Configuration();
        if (hadoopConfDir != null && !hadoopConfDir.isBlank()) {
            for (String name : List.of("core-site.xml", "hdfs-site.xml")) {
                File file = new File(hadoopConfDir, name);
                if (file.isFile()) {
                    configuration.addResource(new org.apache.hadoop.fs.Path(file.toURI()));
                }
            }
        }
        for (Map.Entry<String, String> bounded : BOUNDED.entrySet()) {
            if (!setByUser(configuration, bounded.getKey())) {
                configuration.set(bounded.getKey(), bounded.getValue(), "sparkdoc (bounded retries)");
            }
        }
        for (Map.Entry<String, String> option : options.entrySet()) {
            configuration.set(hadoopKey(option.getKey()), option.getValue(), "-D");
        }
        this.fileSystem = new HadoopLogFileSystem(configuration, new HadoopFailures(configuration));
    }

    /** {@code spark.hadoop.fs.s3a.endpoint} is {@code fs.s3a.endpoint}, as Spark copies it into Hadoop's. */
    public static String hadoopKey(String key) {
        return key.startsWith("spark.hadoop.") ? key.substring("spark.hadoop.".length()) : key;
    }

    /** Whether a value for {@code key} came from anywhere but Hadoop's own *-default.xml. */
    private static boolean setByUser(Configuration configuration, String key) {
        if (configuration.get(key) == null) {
            return false;
        }
        String[] sources = configuration.getPropertySources(key);
        return sources != null && !Arrays.stream(sources).allMatch(source -> source.endsWith("-default.xml")
                || source.equals("programmatically"));
    }

    /** The logs at {@code uri}, found as on a local disk (a file, a rolling directory, a directory of many). */
    public List<EventLogSource> locate(String uri) throws EventLogException {
        LogFileSystem.Entry entry = fileSystem.stat(uri);
        if (entry.isDirectory()) {
            directories.put(uri, entry.location());
        }
        return EventLogLocator.locate(fileSystem, entry, uri);
    }

    /** Whether {@code located} came from searching the directory {@code uri} named, not from the one log it is. */
    public boolean searchedDirectory(String uri, List<EventLogSource> located) {
        String directory = directories.get(uri);
        return directory != null && (located.size() > 1 || !located.get(0).displayName().equals(directory));
    }

    @Override
    public void close() {
        fileSystem.close();
    }
}
