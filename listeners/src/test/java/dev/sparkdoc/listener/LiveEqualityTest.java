package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.report.JsonReport;
import dev.sparkdoc.rules.RuleSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The listener's promise: for one run, its findings equal those of {@code sparkdoc analyze} on that run's event log.
 * Each reference job runs for real in local mode with the listener attached and event logging on; the listener's JSON
 * report (written at application end) is compared with the JSON {@code sparkdoc analyze -o json} renders from the event
 * log, finding by finding: rule, severity, scope, summary, every evidence value, thresholds, advice and time lost;
 * and every rule's outcome (found, not applicable and why). The stage table is compared too.
 *
 * <p>The jobs run with {@code spark.eventLog.logStageExecutorMetrics=true}: the listener always tracks the driver's
 * and each stage's executor peaks (as Spark's event logger does with that setting), and without it the log would
 * simply not have them (see docs/listener.md).
 */
@Tag("slow")
class LiveEqualityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /**
     * The tiny-tasks job runs twice more with the memory bounds at their tightest. With no full finished stage
     * allowed, its 1,200-task stages are summarized as they finish, and the report must still equal analyze's, which
     * keeps every task. With 256 rows per running stage, its stages turn into running summaries (quantiles within 1%)
     * and the report must equal that of analyze with the same bound. A skewed job runs again with the listener
     * attached as a plugin ({@link SparkDocPlugin}), on another of Spark's queues, registered before the application
     * id is known: it must see the same events.
     */
    @ParameterizedTest
    @CsvSource(value = {"skewed-aggregation;", "skewed-join;", "fetch-failure;", "healthy;",
        "skewed-aggregation; attach=plugin",
        "tiny-tasks; spark.sparkdoc.retainedTaskRows=0", "tiny-tasks; spark.sparkdoc.stageTaskRows=256"},
            delimiter = ';')
    void listenerFindingsEqualAnalyzeOfTheSameRunsEventLog(String job, String setting) throws Exception {
        ListenedRun run = setting == null ? ListenedRun.run(job, work) : ListenedRun.run(job, work, setting.trim());
        int stageTaskRows = setting != null && setting.contains(ListenerConfig.STAGE_TASK_ROWS + "=")
                ? Integer.parseInt(setting.substring(setting.indexOf('=') + 1).trim()) : Integer.MAX_VALUE;

        assertTrue(Files.exists(run.jsonReport()), "the listener wrote no JSON report:\n"
                + ListenedRun.tail(run.output()));
        assertTrue(Files.exists(run.textReport()), "the listener wrote no text report");
        assertTrue(Files.readString(run.htmlReport()).startsWith("<!DOCTYPE html>"), "no HTML report");
        JsonNode live = JSON.readTree(run.jsonReport().toFile()).path("applications").get(0);

        AnalyzedLog log = EventLogAnalysis.analyze(EventLogLocator.locate(untilApplicationEnd(run.eventLog())
                .toString()).get(0),
                bytes -> {
                }, Long.MAX_VALUE, stageTaskRows);
        if (stageTaskRows != Integer.MAX_VALUE) {
            assertTrue(log.application().stages().stream().anyMatch(stage -> stage.successfulTasks().isApproximate()),
                    "no stage reached " + stageTaskRows + " tasks");
        }
        StringWriter rendered = new StringWriter();
        JsonReport.render(List.of(new DiagnosedLog(log, Diagnoser.diagnose(log.application(),
                RuleSettings.defaults()))), "test", rendered);
        JsonNode analyzed = JSON.readTree(rendered.toString()).path("applications").get(0);

        assertEquals(JsonReport.SCHEMA, JSON.readTree(run.jsonReport().toFile()).path("schema").asText());
        assertEquals("listener", live.path("source").path("layout").asText());
        for (String section : List.of("findings", "groups", "rules", "advice", "stages", "jobs")) {
            assertEquals(analyzed.path(section), live.path(section), section + " differ between the listener and"
                    + " 'sparkdoc analyze' of the same run's log (" + run.eventLog() + ")");
        }
        assertEquals(analyzed.path("application").path("id"), live.path("application").path("id"));

        // Each finding was logged once, in one line naming its rule and scope.
        List<String> findingLines = run.listenerLines().stream()
                .filter(line -> line.contains("sparkdoc finding: ")).toList();
        assertEquals(findingLines.size(), findingLines.stream().distinct().count(), "a finding was logged twice");
        List<String> missing = new ArrayList<>();
        for (JsonNode finding : live.path("findings")) {
            String marker = "] " + finding.path("rule").asText() + " ";
            if (findingLines.stream().noneMatch(line -> line.contains(marker))) {
                missing.add(finding.path("rule").asText());
            }
        }
        assertTrue(missing.isEmpty(), "findings not logged: " + missing + "\n" + String.join("\n", findingLines));
        if (job.startsWith("skewed")) {
            assertTrue(findingLines.stream().anyMatch(line -> line.contains("] data-skew stage ")),
                    "no data-skew finding logged for " + job + ":\n" + String.join("\n", findingLines));
        }
        assertFalse(run.listenerLines().stream().anyMatch(line -> line.contains("sparkdoc: error")),
                "the listener logged an error:\n" + String.join("\n", run.listenerLines()));
    }

    /**
     * The run's log up to its application end, which is all the listener sees: while the context stops, Spark can
     * still log a driver heartbeat (its heap peak) after the application end (docs/listener.md, "Events after the
     * application end"), and whether one falls there is a matter of timing.
     */
    private Path untilApplicationEnd(Path eventLog) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(eventLog, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
                if (line.startsWith("{\"Event\":\"SparkListenerApplicationEnd\"")) {
                    break;
                }
            }
        }
        Path copy = work.resolve("until-application-end").resolve(eventLog.getFileName());
        Files.createDirectories(copy.getParent());
        Files.write(copy, lines, StandardCharsets.UTF_8);
        return copy;
    }
}
