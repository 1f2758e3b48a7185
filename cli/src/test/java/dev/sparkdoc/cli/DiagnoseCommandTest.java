package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdoc.rules.RuleCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Findings, advice, --fail-on, --rules and 'sparkdoc rules' as a user runs them. */
class DiagnoseCommandTest {

    private static final String FETCH_FAILURES = "nvidia-spark-rapids-tools/spark-events-profiling/"
            + "tasks_executors_fail_compressed_eventlog.zstd";
    private static final String GPU_OOM = "nvidia-spark-rapids-tools/spark-events-profiling/gpu_oom_eventlog.zstd";

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void textListsFindingsBySeverityAndOneConsistentConfigSet() {
        CliRun run = CliRun.of("analyze", CliRun.log(GPU_OOM).toString());
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        int critical = out.indexOf("CRITICAL task-failures");
        int warning = out.indexOf("WARNING ");
        assertTrue(critical > 0 && warning > critical, out);
        assertTrue(out.contains("Recommended configuration (one consistent set)"), out);
        assertTrue(out.contains("spark-defaults.conf:"), out);
        // GPU out-of-memory failures get GPU settings, with their intent; never more executor heap from task-failures.
        assertTrue(out.contains("lower spark.rapids.sql.concurrentGpuTasks=2  (now 4; task-failures)"), out);
        assertFalse(out.lines().anyMatch(line -> line.contains("--conf spark.executor.memory=")
                && line.contains("task-failures")), out);
        assertFalse(out.contains("spark.sql.shuffle.partitions=32"), "never fewer partitions to fix OOM: " + out);
    }

    @Test
    void jsonFindingsCarryRuleSeverityScopeEvidenceAndRecommendations() throws IOException {
        CliRun run = CliRun.of("analyze", "-o", "json", CliRun.log(FETCH_FAILURES).toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode app = mapper.readTree(run.out()).path("applications").get(0);
        JsonNode fetch = null;
        for (JsonNode finding : app.path("findings")) {
            if (finding.path("rule").asText().equals("fetch-failure")) {
                fetch = finding;
            }
        }
        assertTrue(fetch != null, app.path("findings").toString());
        assertEquals("warning", fetch.path("severity").asText());
        assertEquals("application", fetch.path("scope").path("kind").asText());
        assertTrue(fetch.path("summary").asText().contains("fetch failure"));
        assertEquals(2, fetch.path("evidence").get(0).path("value").asInt());
        assertEquals("count", fetch.path("evidence").get(0).path("unit").asText());
        assertEquals("critical-fetch-failures", fetch.path("thresholds").get(0).path("name").asText());
        assertEquals("config", fetch.path("recommendations").get(0).path("type").asText());
        assertEquals(14, app.path("rules").size());
        assertTrue(app.path("advice").path("sparkDefaultsConf").asText().contains("spark.shuffle.service.enabled"));
    }

    @Test
    void failOnExitsFourOnlyWhenAFindingReachesTheLevel() {
        assertEquals(ExitCode.FINDINGS, CliRun.of("analyze", "--fail-on", "warning",
                CliRun.log(FETCH_FAILURES).toString()).exitCode());
        assertEquals(ExitCode.OK, CliRun.of("analyze", "--fail-on", "critical",
                CliRun.log(FETCH_FAILURES).toString()).exitCode());
        CliRun critical = CliRun.of("analyze", "--fail-on", "critical", CliRun.log(GPU_OOM).toString());
        assertEquals(ExitCode.FINDINGS, critical.exitCode());
        assertTrue(critical.err().contains("--fail-on critical"), critical.err());
    }

    @Test
    void rulesFileTunesAndDisables(@TempDir Path directory) throws IOException {
        Path rules = directory.resolve("rules.yaml");
        Files.writeString(rules, "rules:\n  fetch-failure:\n    thresholds:\n      critical-fetch-failures: 1\n"
                + "  aqe-disabled:\n    enabled: false\n");
        CliRun run = CliRun.of("analyze", "-o", "json", "--rules", rules.toString(),
                CliRun.log(FETCH_FAILURES).toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode app = mapper.readTree(run.out()).path("applications").get(0);
        boolean sawFetch = false;
        for (JsonNode finding : app.path("findings")) {
            assertFalse(finding.path("rule").asText().equals("aqe-disabled"));
            if (finding.path("rule").asText().equals("fetch-failure")) {
                sawFetch = true;
                assertEquals("critical", finding.path("severity").asText());
                assertTrue(finding.path("thresholds").get(0).path("overridden").asBoolean());
            }
        }
        assertTrue(sawFetch);
    }

    @Test
    void aBadRulesFileIsOneLineNamingTheKey(@TempDir Path directory) throws IOException {
        Path rules = directory.resolve("rules.yaml");
        Files.writeString(rules, "rules:\n  data-skew:\n    thresholds:\n      critical-ratoi: 3\n");
        CliRun run = CliRun.of("analyze", "--rules", rules.toString(), CliRun.log(FETCH_FAILURES).toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("rules.data-skew.thresholds.critical-ratoi"), run.err());
    }

    @Test
    void markdownEscapesTextFromTheLog() {
        CliRun run = CliRun.of("analyze", "-o", "markdown", CliRun.log(GPU_OOM).toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("# sparkdoc: "), run.out());
        assertTrue(run.out().contains("## Findings"), run.out());
        assertTrue(run.out().contains("```properties"), run.out());
        assertFalse(run.out().contains("<unknown>"), "raw angle brackets from stage names must be escaped");
    }

    @Test
    void rulesListAndShow() {
        CliRun list = CliRun.of("rules", "list");
        assertEquals(0, list.exitCode());
        assertTrue(list.out().contains("data-skew"), list.out());
        // a header, then every rule: the analyzers' and the alert-only ones
        assertEquals(1 + RuleCatalog.builtIn().everyRule().size(), list.out().strip().lines().count(), list.out());
        CliRun show = CliRun.of("rules", "show", "data-skew");
        assertEquals(0, show.exitCode());
        assertTrue(show.out().contains("critical-ratio = 10x"), show.out());
        CliRun unknown = CliRun.of("rules", "show", "data-skw");
        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains("did you mean: data-skew"), unknown.err());
    }
}
