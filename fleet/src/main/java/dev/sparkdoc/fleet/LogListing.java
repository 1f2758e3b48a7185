package dev.sparkdoc.fleet;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the event logs under the paths given, on any Hadoop file system, with the layout rules of the analyzers'
 * {@code EventLogLocator}: a directory named {@code eventlog_v2_*} (or holding {@code events_N_*} parts and an
 * {@code appstatus_*} file) is one rolling log, one holding a file {@code eventlog} is a Databricks log, one holding
 * {@code EVENT_LOG_1} a Spark 1.x log; any other directory is searched (8 levels deep at most); names starting with
 * {@code .} or {@code _} and {@code .crc} files are not logs. Only names and sizes are read here, never contents: a
 * file that is no event log is found out by its task and becomes a skipped row when it was found by searching a
 * directory (as {@code sparkdoc analyze} skips it), an error row when it was named itself.
 */
public final class LogListing {

    private static final Pattern ROLLING_PART = Pattern.compile("events_(\\d+)_.*");
    private static final int MAX_DEPTH = 8;

    private LogListing() {
    }

    /** The logs under {@code inputs}; a path that does not exist or cannot be listed is a {@link FleetException}. */
    public static List<LogCandidate> list(List<String> inputs, Configuration conf) {
        return list(inputs, conf, null);
    }

    /**
     * As {@link #list(List, Configuration)}, never descending into {@code excluded} (the fleet's own output directory,
     * fully qualified), which may well lie under a log directory given.
     */
    public static List<LogCandidate> list(List<String> inputs, Configuration conf, String excluded) {
        List<LogCandidate> found = new ArrayList<>();
        for (String raw : inputs) {
            String input = redact(raw);
            Path path;
            FileSystem fs;
            FileStatus status;
            try {
                path = new Path(raw);
                fs = path.getFileSystem(conf);
                status = fs.getFileStatus(path);
            } catch (FileNotFoundException e) {
                throw new FleetException(input + ": no such file or directory; check the path (a Hadoop path such as"
                        + " hdfs://namenode/spark-logs, s3a://bucket/spark-logs or a local directory)");
            } catch (IllegalArgumentException e) {
                throw new FleetException(input + ": not a valid path (" + e.getMessage() + "); give a directory of"
                        + " event logs");
            } catch (IOException e) {
                throw new FleetException(input + ": cannot be read (" + reason(e) + "); check the path, the"
                        + " credentials and that the file system is reachable");
            }
            try {
                if (status.isDirectory()) {
                    visit(fs, status, found, 0, excluded);
                } else {
                    found.add(new LogCandidate(status.getPath().toString(), false, status.getLen(),
                            status.getModificationTime(), false));
                }
            } catch (IOException e) {
                throw new FleetException(input + ": cannot be listed (" + reason(e) + "); check the permissions and"
                        + " that the file system is reachable");
            }
        }
        return found;
    }

    private static void visit(FileSystem fs, FileStatus directory, List<LogCandidate> found, int depth,
            String excluded) throws IOException {
        if (directory.getPath().toString().equals(excluded)) {
            return;
        }
        FileStatus[] entries = fs.listStatus(directory.getPath());
        if (isSingleLog(directory.getPath().getName(), entries)) {
            long size = 0;
            long modified = directory.getModificationTime();
            for (FileStatus entry : entries) {
                if (entry.isFile()) {
                    size += entry.getLen();
                    modified = Math.max(modified, entry.getModificationTime());
                }
            }
            found.add(new LogCandidate(directory.getPath().toString(), true, size, modified, depth > 0));
            return;
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        java.util.Arrays.sort(entries, java.util.Comparator.comparing(entry -> entry.getPath().getName()));
        for (FileStatus entry : entries) {
            String name = entry.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_") || name.endsWith(".crc")) {
                continue;
            }
            if (entry.isDirectory()) {
                visit(fs, entry, found, depth + 1, excluded);
            } else if (entry.isFile()) {
                found.add(new LogCandidate(entry.getPath().toString(), false, entry.getLen(),
                        entry.getModificationTime(), true));
            }
        }
    }

    /** The analyzers' rule (EventLogLocator.asSingleLogDirectory), on a Hadoop listing. */
    static boolean isSingleLog(String name, FileStatus[] entries) {
        boolean rollingParts = false;
        boolean statusFile = false;
        for (FileStatus entry : entries) {
            String entryName = entry.getPath().getName();
            if (entry.isFile() && ROLLING_PART.matcher(entryName).matches()) {
                rollingParts = true;
            }
            if (entryName.startsWith("appstatus_")) {
                statusFile = true;
            }
            if (entry.isFile() && (entryName.equals("eventlog") || entryName.equals("EVENT_LOG_1"))) {
                return true;
            }
        }
        return name.startsWith("eventlog_v2_") || (rollingParts && statusFile);
    }

    /** A path or URI as it may be shown: user information ({@code s3a://KEY:SECRET@bucket}) replaced by {@code ***}. */
    static String redact(String path) {
        return path.replaceAll("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1***@");
    }

    static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().replaceAll("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]*@", "$1***@");
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
