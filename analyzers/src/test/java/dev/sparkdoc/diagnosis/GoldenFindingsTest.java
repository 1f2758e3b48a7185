package dev.sparkdoc.diagnosis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The findings and advice for every real log in the test resources, against committed expectations. */
class GoldenFindingsTest {

    private static final Path LOGS = Path.of("src", "test", "resources", "eventlogs");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final String RAPIDS = "nvidia-spark-rapids-tools/";

    private static final List<String> CASES = List.of(
            RAPIDS + "spark-events-profiling/tasks_executors_fail_compressed_eventlog.zstd",
            RAPIDS + "spark-events-profiling/gpu_oom_eventlog.zstd",
            RAPIDS + "spark-events-profiling/malformed_json_eventlog.zstd",
            RAPIDS + "spark-events-profiling/spark2-eventlog.zstd",
            RAPIDS + "spark-events-qualification/truncated_eventlog",
            RAPIDS + "spark-events-qualification/nds_q72_dataproc_2_2.zstd",
            RAPIDS + "spark-events-qualification/nds_q88_photon_db_13_3.zstd",
            RAPIDS + "spark-events-qualification/db_sim_eventlog",
            RAPIDS + "spark-events-qualification/eventlog_v2_local-1623876083964",
            RAPIDS + "spark-events-qualification/aqeshuffle_eventlog.zstd",
            RAPIDS + "spark-events-qualification/cluster_information/eventlog_4nodes_8cores_dynamic_alloc.zstd",
            RAPIDS + "spark-events-qualification/cluster_information/eventlog_3nodes_12cores_exec_removed",
            RAPIDS + "spark-events-qualification/empty_eventlog",
            "spark-4.2.0/single-zstd",
            "spark-4.2.0/rolling-zstd",
            "spark-4.2.0/inprogress-truncated");

    @TestFactory
    Stream<DynamicTest> findingsMatchTheCommittedExpectations() {
        return CASES.stream().map(log -> DynamicTest.dynamicTest(log, () -> {
            Path path = LOGS.resolve(log);
            if (log.startsWith("spark-4.2.0/single") || log.startsWith("spark-4.2.0/inprogress")) {
                try (Stream<Path> files = Files.list(path)) {
                    path = files.filter(file -> !file.getFileName().toString().startsWith(".")).findFirst()
                            .orElseThrow();
                }
            }
            String digest = GoldenFindings.digest(GoldenFindings.diagnose(path));
            GoldenFindings.assertMatches(GOLDEN.resolve(log.replace('/', '_') + ".findings.txt"), digest);
        }));
    }
}
