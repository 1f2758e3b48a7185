package dev.sparkdoc.eventlog;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;

import dev.sparkdoc.snapshot.ApplicationSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The event logs under test resources, and sparkdoc's reading of one: locate, read, fold. */
public final class TestLogs {

    /** The single-file codec variants of the generated Spark 4.2.0 logs, by sub-directory. */
    public static final List<String> SINGLE_FILE_VARIANTS =
            List.of("single-plain", "single-lz4", "single-lzf", "single-snappy", "single-zstd");

    /** Every generated Spark 4.2.0 variant. */
    public static final List<String> SPARK_42_VARIANTS = List.of("single-plain", "single-lz4", "single-lzf",
            "single-snappy", "single-zstd", "rolling-zstd", "rolling-lz4", "inprogress-truncated");

    /** The spark-rapids-tools logs Spark's own History Server code can replay to the end. */
    public static final List<String> RAPIDS_REPLAYABLE = List.of(
            "spark-events-profiling/tasks_executors_fail_compressed_eventlog.zstd",
            "spark-events-profiling/gpu_oom_eventlog.zstd",
            "spark-events-profiling/spark2-eventlog.zstd",
            "spark-events-qualification/truncated_eventlog",
            "spark-events-qualification/empty_eventlog",
            "spark-events-qualification/aqeshuffle_eventlog.zstd",
            "spark-events-qualification/nds_q72_dataproc_2_2.zstd",
            "spark-events-qualification/nds_q88_photon_db_13_3.zstd",
            "spark-events-qualification/eventlog_v2_local-1623876083964",
            "spark-events-qualification/cluster_information/eventlog_4nodes_8cores_dynamic_alloc.zstd",
            "spark-events-qualification/cluster_information/eventlog_3nodes_12cores_exec_removed");

    public static final String RAPIDS_MALFORMED = "spark-events-profiling/malformed_json_eventlog.zstd";

    private TestLogs() {
    }

    /** {@code eventlogs/} in test resources. */
    public static Path root() {
        URL url = TestLogs.class.getResource("/eventlogs");
        if (url == null) {
            throw new IllegalStateException("test resources have no eventlogs/ directory");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path rapids(String relative) {
        return root().resolve("nvidia-spark-rapids-tools").resolve(relative);
    }

    /** The one log (file or rolling directory) in a generated variant's directory. */
    public static Path spark42(String variant) {
        Path directory = root().resolve("spark-4.2.0").resolve(variant);
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> all = entries.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            if (all.size() != 1) {
                throw new IllegalStateException("expected one log in " + directory + ", found " + all);
            }
            return all.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sparkdoc's reading of a log: what the reader reported and the folded snapshot. */
    public record Read(EventLogSource source, ReadSummary summary, ApplicationSnapshot snapshot) {
    }

    public static Read read(Path path) throws EventLogException {
        List<EventLogSource> sources = EventLogLocator.locate(path.toString());
        if (sources.size() != 1) {
            throw new IllegalStateException("expected one log at " + path + ", found " + sources.size());
        }
        return read(sources.get(0));
    }

    /** The production path ({@link EventLogAnalysis}), so tests see exactly what users see. */
    public static Read read(EventLogSource source) throws EventLogException {
        AnalyzedLog analyzed = EventLogAnalysis.analyze(source);
        return new Read(source, analyzed.read(), analyzed.application());
    }
}
