package dev.sparkdoc.cli;

import dev.sparkdoc.cli.source.HadoopSources;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * What a LOG argument names, for every command that reads logs (analyze, shell, compare): a local path or {@code -}
 * through {@link EventLogLocator}, or a URI with a scheme ({@code s3a://}, {@code hdfs://}, {@code gs://},
 * {@code abfs://}, {@code file://}, ...) through Hadoop's FileSystem API (docs/sources.md). A picocli mixin: it
 * carries the {@code -D KEY=VALUE} Hadoop options. Hadoop is loaded only when a URI is resolved; close this after
 * the logs are read (it closes the file systems it opened).
 */
public final class LogSources implements AutoCloseable {

    /** A scheme of two or more characters and a colon-slash: {@code C:\logs} or a plain path is not a URI. */
    private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:/.*", Pattern.DOTALL);

    @Option(names = {"-D", "--hadoop-conf"}, paramLabel = "KEY=VALUE",
            description = "A Hadoop configuration value for LOG URIs (s3a://, hdfs://, ...), over HADOOP_CONF_DIR's"
                    + " core-site.xml and hdfs-site.xml; a spark.hadoop. prefix is stripped, as Spark does, so"
                    + " spark-defaults.conf lines work (docs/sources.md). Repeatable.")
    Map<String, String> hadoopConfiguration = new LinkedHashMap<>();

    private HadoopSources hadoop;

    /** Whether {@code log} is a URI read through Hadoop rather than a local path (an existing file wins). */
    public static boolean isUri(String log) {
        if (!URI.matcher(log).matches()) {
            return false;
        }
        try {
            return !Files.exists(Path.of(log));
        } catch (InvalidPathException e) {
            return true;
        }
    }

    /**
     * The event logs {@code log} names. A local argument is checked first ({@link LogArgument}: a named pipe is
     * announced on {@code err}, a device refused); a URI's failures are one line each.
     */
    public List<EventLogSource> resolve(String log, PrintWriter err) throws EventLogException {
        if (isUri(log)) {
            try {
                return hadoop().locate(log);
            } catch (NoClassDefFoundError e) {
                if (e.getMessage() == null || !e.getMessage().replace('/', '.').startsWith("org.apache.hadoop.")) {
                    throw e;
                }
                throw new EventLogException(log, "reading a URI needs Hadoop's client (hadoop-client-api and"
                        + " hadoop-client-runtime), which is not on sparkdoc's classpath",
                        "use the sparkdoc tarball with Spark, or set SPARK_HOME to a Spark 4.2 installation"
                                + " (docs/sources.md)");
            }
        }
        LogArgument.check(log, err);
        return EventLogLocator.locate(log);
    }

    /**
     * For a URI: whether {@code located} was found by searching the directory {@code log} names (a file there that
     * holds no event log is then skipped, not an error), rather than being the log {@code log} names itself.
     */
    public boolean searchedDirectory(String log, List<EventLogSource> located) {
        return hadoop != null && hadoop.searchedDirectory(log, located);
    }

    private HadoopSources hadoop() {
        if (hadoop == null) {
            hadoop = new HadoopSources(hadoopConfiguration == null ? Map.of() : hadoopConfiguration,
                    System.getenv("HADOOP_CONF_DIR"));
        }
        return hadoop;
    }

    @Override
    public void close() {
        if (hadoop != null) {
            hadoop.close();
            hadoop = null;
        }
    }
}
