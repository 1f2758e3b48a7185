package dev.sparkdoc.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.report.HtmlReport;
import dev.sparkdoc.report.JsonReport;
import dev.sparkdoc.report.TextReport;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.TaskTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A folder that summarizes every finished stage (the live listener's memory bound, here at its tightest: no full
 * finished stage at all) must tell the same story as one that keeps every task: on real logs, the JSON, text and HTML
 * reports are byte for byte the same. The rules run with the skew and spill floors off, so their per-task evidence
 * (hot partitions, their share, outliers) is exercised on every stage that has any.
 */
class BoundedTaskRowsTest {

    private static final Path LOGS = Path.of("src", "test", "resources", "eventlogs").toAbsolutePath();
    private static final String FLOORS_OFF = """
            rules:
              data-skew:
                thresholds:
                  warning-ratio: 2
                  min-max-task-duration: 0
                  min-max-bytes: 0
                  min-time-lost: 0
                  min-stage-share: 0
                  min-tasks: 0
            """;

    @ParameterizedTest
    @ValueSource(strings = {
        "nvidia-spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd",
        "nvidia-spark-rapids-tools/spark-events-qualification/nds_q88_photon_db_13_3.zstd",
    })
    void summarizedStagesReportTheSameAsFullOnes(String log) throws Exception {
        EventLogSource source = EventLogLocator.locate(LOGS.resolve(log).toString()).get(0);
        RuleSettings rules = RuleSettings.parse("floors off", FLOORS_OFF);
        DiagnosedLog full = diagnose(EventLogAnalysis.analyze(source, bytes -> {
        }), rules);
        DiagnosedLog bounded = diagnose(EventLogAnalysis.analyze(source, bytes -> {
        }, 0, Integer.MAX_VALUE), rules);

        List<StageAttempt> stages = bounded.log().application().stages();
        for (StageAttempt stage : stages) {
            TaskTable tasks = stage.successfulTasks();
            boolean finished = stage.completionTime().isPresent() && stage.runningTasks() == 0;
            assertEquals(finished && tasks.size() > TaskTable.TOP_VALUES_KEPT, tasks.isSummary(),
                    "stage " + stage.id() + " with " + tasks.size() + " tasks");
            assertTrue(tasks.keptRows() <= Math.min(tasks.size(), TaskTable.RANKED.size() * TaskTable.TOP_ROWS_KEPT)
                    || !tasks.isSummary(), "stage " + stage.id() + " keeps " + tasks.keptRows() + " rows");
        }
        // The comparison means something only where a summarized stage carries per-task evidence.
        assertTrue(bounded.diagnosis().findings().stream().anyMatch(finding -> finding.ruleId().equals("data-skew")
                && finding.scope() instanceof Scope.Stage scope && stages.stream().anyMatch(stage ->
                        stage.id().equals(scope.stage()) && stage.successfulTasks().isSummary())),
                "no skew finding on a summarized stage");
        assertEquals(json(full), json(bounded));
        assertEquals(text(full), text(bounded));
        assertEquals(html(full), html(bounded));
    }

    /** The budget counts rows of finished stages: the stages that finished last stay full while they fit. */
    @Test
    void theStagesThatFinishedFirstAreSummarizedFirst() throws Exception {
        EventLogSource source = EventLogLocator.locate(LOGS.resolve(
                "nvidia-spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd").toString()).get(0);
        List<StageAttempt> large = EventLogAnalysis.analyze(source).application().stages().stream()
                .filter(stage -> stage.successfulTasks().size() > TaskTable.TOP_VALUES_KEPT)
                .sorted(java.util.Comparator.comparingLong(stage -> stage.completionTime().orElseThrow()))
                .toList();
        StageAttempt last = large.get(large.size() - 1);
        List<StageAttempt> bounded = EventLogAnalysis.analyze(source, bytes -> {
        }, last.successfulTasks().size(), Integer.MAX_VALUE).application().stages();
        for (StageAttempt stage : bounded) {
            boolean summarized = large.stream().anyMatch(s -> s.id().equals(stage.id())) && !stage.id().equals(last.id());
            assertEquals(summarized, stage.successfulTasks().isSummary(), "stage " + stage.id());
            assertEquals(summarized, stage.endedTaskDurations().isEmpty(), "stage " + stage.id());
        }
    }

    private static DiagnosedLog diagnose(AnalyzedLog log, RuleSettings rules) {
        return new DiagnosedLog(log, Diagnoser.diagnose(log.application(), rules));
    }

    private static String json(DiagnosedLog log) throws Exception {
        StringWriter out = new StringWriter();
        JsonReport.render(List.of(log), "test", out);
        return out.toString();
    }

    private static String text(DiagnosedLog log) {
        StringWriter out = new StringWriter();
        try (PrintWriter writer = new PrintWriter(out)) {
            TextReport.render(log, writer);
        }
        return out.toString();
    }

    private static String html(DiagnosedLog log) throws Exception {
        StringWriter out = new StringWriter();
        HtmlReport.render(List.of(log), "test", out);
        return out.toString();
    }

    /**
     * With a running stage limited to 256 rows, each larger stage keeps a running summary: on a real log, every
     * distribution keeps its exact count, min, max, total and max task, its quantiles stay within 1%, and the JSON
     * says which stages are approximate.
     */
    @Test
    void aRowLimitPerStageKeepsQuantilesWithinOnePercent() throws Exception {
        EventLogSource source = EventLogLocator.locate(LOGS.resolve(
                "nvidia-spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd").toString()).get(0);
        AnalyzedLog full = EventLogAnalysis.analyze(source);
        AnalyzedLog limited = EventLogAnalysis.analyze(source, bytes -> {
        }, Long.MAX_VALUE, TaskTable.TOP_VALUES_KEPT);
        int approximate = 0;
        for (StageAttempt stage : limited.application().stages()) {
            StageAttempt exact = full.application().stages().stream().filter(s -> s.id().equals(stage.id()))
                    .findFirst().orElseThrow();
            TaskTable tasks = stage.successfulTasks();
            assertEquals(exact.successfulTasks().size() >= TaskTable.TOP_VALUES_KEPT, tasks.isApproximate(),
                    "stage " + stage.id());
            approximate += tasks.isApproximate() ? 1 : 0;
            for (dev.sparkdoc.event.TaskMetric metric : dev.sparkdoc.event.TaskMetric.values()) {
                Distribution e = exact.distribution(metric);
                Distribution a = stage.distribution(metric);
                assertEquals(List.of(e.count(), e.min(), e.max(), e.total(), e.maxTaskIndex(), e.maxTaskId()),
                        List.of(a.count(), a.min(), a.max(), a.total(), a.maxTaskIndex(), a.maxTaskId()),
                        stage.id() + " " + metric);
                for (long[] pair : new long[][] {{e.p25(), a.p25()}, {e.median(), a.median()}, {e.p75(), a.p75()},
                    {e.p95(), a.p95()}}) {
                    assertTrue(Math.abs(pair[0] - pair[1]) <= Math.abs(pair[0]) / 100.0 + 1,
                            stage.id() + " " + metric + ": " + pair[1] + " for " + pair[0]);
                }
            }
        }
        assertTrue(approximate > 0, "no stage reached the limit");
        String json = json(new DiagnosedLog(limited, Diagnoser.diagnose(limited.application(), RuleSettings.defaults())));
        assertEquals(approximate, java.util.regex.Pattern.compile("\"approximate\"\\s*:\\s*true").matcher(json).results()
                .count());
    }
}
