package dev.sparkdoc.oracle;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogReader;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.ReadSummary;
import dev.sparkdoc.fold.ApplicationFolder;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spark's own test resources ({@code spark-events/}, {@code spark-events-broken/}, {@code HistoryServerExpectations/}),
 * unpacked from the spark-core test jar by the build into {@code target/spark-test-resources}. Surefire passes the
 * directory as {@code sparkdoc.sparkTestResources}; an IDE run falls back to the module-relative path.
 */
final class SparkTestResources {

    static final String PROPERTY = "sparkdoc.sparkTestResources";

    private static final Map<Path, LoadedLog> CACHE = new ConcurrentHashMap<>();

    private SparkTestResources() {
    }

    /** A log read the way users read it: locator, streaming reader, folder. */
    record LoadedLog(EventLogSource source, ReadSummary summary, ApplicationSnapshot snapshot) {
        LoadedLog {
            requireNonNull(source, "source is null");
            requireNonNull(summary, "summary is null");
            requireNonNull(snapshot, "snapshot is null");
        }
    }

    static Path root() {
        String configured = System.getProperty(PROPERTY);
        Path root = configured != null ? Path.of(configured) : Path.of("target", "spark-test-resources");
        if (!Files.isDirectory(root.resolve("spark-events"))) {
            throw new IllegalStateException("Spark's test resources are not unpacked at " + root.toAbsolutePath()
                    + "; run the tests through Maven (generate-test-resources unpacks them)");
        }
        return root;
    }

    static Path sparkEvents() {
        return root().resolve("spark-events");
    }

    static Path sparkEventsBroken() {
        return root().resolve("spark-events-broken");
    }

    static Path expectation(String fileName) {
        return root().resolve("HistoryServerExpectations").resolve(fileName);
    }

    static LoadedLog load(Path log) {
        return CACHE.computeIfAbsent(log.toAbsolutePath().normalize(), SparkTestResources::read);
    }

    private static LoadedLog read(Path log) {
        try {
            List<EventLogSource> sources = EventLogLocator.locate(log.toString());
            if (sources.size() != 1) {
                throw new IllegalStateException(log + " holds " + sources.size() + " logs, expected one");
            }
            EventLogSource source = sources.get(0);
            ApplicationFolder folder = new ApplicationFolder();
            ReadSummary summary = new EventLogReader().read(source, folder);
            List<String> reasons = new ArrayList<>();
            if (source.inProgress()) {
                reasons.add("in progress");
            }
            if (summary.truncatedLastLine()) {
                reasons.add("truncated last line");
            }
            return new LoadedLog(source, summary, folder.snapshot(reasons));
        } catch (EventLogException e) {
            throw new IllegalStateException("cannot read " + log + ": " + e.getMessage(), e);
        }
    }
}
