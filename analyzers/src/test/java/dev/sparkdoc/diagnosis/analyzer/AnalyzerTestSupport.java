package dev.sparkdoc.diagnosis.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Runs one analyzer on a real log from the test resources, with the default or overridden thresholds. */
final class AnalyzerTestSupport {

    static final Path LOGS = Path.of("src", "test", "resources", "eventlogs").toAbsolutePath();
    static final String FETCH_FAILURES = "nvidia-spark-rapids-tools/spark-events-profiling/"
            + "tasks_executors_fail_compressed_eventlog.zstd";
    static final String GPU_OOM = "nvidia-spark-rapids-tools/spark-events-profiling/gpu_oom_eventlog.zstd";
    static final String SPARK2 = "nvidia-spark-rapids-tools/spark-events-profiling/spark2-eventlog.zstd";
    static final String MALFORMED = "nvidia-spark-rapids-tools/spark-events-profiling/malformed_json_eventlog.zstd";
    static final String AQE_SHUFFLE = "nvidia-spark-rapids-tools/spark-events-qualification/aqeshuffle_eventlog.zstd";
    static final String NDS_Q72 = "nvidia-spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd";
    static final String NDS_Q88 = "nvidia-spark-rapids-tools/spark-events-qualification/nds_q88_photon_db_13_3.zstd";
    static final String ROLLING_31 = "nvidia-spark-rapids-tools/spark-events-qualification/"
            + "eventlog_v2_local-1623876083964";
    static final String DYNAMIC_ALLOCATION = "nvidia-spark-rapids-tools/spark-events-qualification/"
            + "cluster_information/eventlog_4nodes_8cores_dynamic_alloc.zstd";
    static final String EMPTY = "nvidia-spark-rapids-tools/spark-events-qualification/empty_eventlog";
    /** A real Spark 4.2 local run: a skewed groupByKey, a skewed SQL groupBy, a sort-merge join, AQE off. */
    static final String SPARK42 = "spark-4.2.0/single-zstd";

    private static final Map<String, ApplicationSnapshot> CACHE = new ConcurrentHashMap<>();

    private AnalyzerTestSupport() {
    }

    static ApplicationSnapshot snapshot(String log) {
        return CACHE.computeIfAbsent(log, key -> {
            try {
                Path path = LOGS.resolve(key);
                if (java.nio.file.Files.isDirectory(path) && key.startsWith("spark-4.2.0/")) {
                    try (var files = java.nio.file.Files.list(path)) {
                        path = files.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst()
                                .orElseThrow();
                    }
                }
                return EventLogAnalysis.analyze(EventLogLocator.locate(path.toString()).get(0)).application();
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + key, e);
            }
        });
    }

    /**
     * A copy of a plain-text real log with Spark properties added to its environment update, analyzed. For
     * configuration rules whose problem no committed log has.
     */
    static ApplicationSnapshot withProperties(String log, Map<String, String> properties) {
        try {
            Path source = LOGS.resolve(log);
            if (java.nio.file.Files.isDirectory(source)) {
                try (var files = java.nio.file.Files.list(source)) {
                    source = files.findFirst().orElseThrow();
                }
            }
            StringBuilder injected = new StringBuilder();
            properties.forEach((key, value) -> injected.append('"').append(key).append("\":\"").append(value)
                    .append("\","));
            List<String> lines = new java.util.ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(source)) {
                if (line.startsWith("{\"Event\":\"SparkListenerEnvironmentUpdate\"")) {
                    line = line.replace("\"Spark Properties\":{", "\"Spark Properties\":{" + injected);
                }
                lines.add(line);
            }
            Path copy = java.nio.file.Files.createTempFile("sparkdoc-test-", "");
            java.nio.file.Files.write(copy, lines);
            try {
                return EventLogAnalysis.analyze(EventLogLocator.locate(copy.toString()).get(0)).application();
            } finally {
                java.nio.file.Files.delete(copy);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot rewrite " + log, e);
        }
    }

    static RuleOutcome run(Analyzer analyzer, String log) {
        return analyzer.analyze(snapshot(log), RuleSettings.defaults());
    }

    static RuleOutcome run(Analyzer analyzer, String log, String overrides) {
        try {
            return analyzer.analyze(snapshot(log), RuleSettings.parse("test overrides", overrides));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Finding> findings(RuleOutcome outcome) {
        assertTrue(outcome.notApplicable().isEmpty(), "not applicable: " + outcome.notApplicable());
        return outcome.findings();
    }

    static void assertQuiet(RuleOutcome outcome) {
        assertEquals(List.of(), outcome.findings().stream().map(Finding::summary).toList());
    }

    static Finding only(RuleOutcome outcome) {
        List<Finding> findings = findings(outcome);
        assertEquals(1, findings.size(), findings.stream().map(Finding::summary).toList().toString());
        return findings.get(0);
    }

    static String evidence(Finding finding, String name) {
        return finding.evidence().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no evidence '" + name + "' in " + finding.evidence()))
                .display();
    }

    static void assertNotApplicable(RuleOutcome outcome, String reasonPart) {
        assertTrue(outcome.notApplicable().isPresent(), "expected not applicable, got " + outcome.findings());
        assertTrue(outcome.notApplicable().get().contains(reasonPart), outcome.notApplicable().get());
        assertFalse(outcome.disabled());
    }
}
