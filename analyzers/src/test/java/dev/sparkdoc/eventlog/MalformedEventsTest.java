package dev.sparkdoc.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.event.PlanNode;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.report.JsonReport;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.snapshot.SqlExecution;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events that parse as JSON but do not add up: missing required fields, missing ApplicationStart, task ends out of
 * order, sums past a long, plan trees too deep to walk. Built by editing lines of the real Spark 4.2.0 plain log.
 */
class MalformedEventsTest {

    private static TestLogs.Read readLines(Path temp, List<String> lines) throws Exception {
        Path file = temp.resolve("app-" + System.nanoTime());
        Files.write(file, lines);
        return TestLogs.read(file);
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new IllegalStateException("no line starts with " + prefix);
    }

    @Test
    void aStageEventWithoutItsStageIdIsAMalformedLineNotStageZero(@TempDir Path temp) throws Exception {
        List<String> lines = new ArrayList<>(HostileInputTest.plainLines());
        TestLogs.Read clean = readLines(temp, lines);
        int taskEnd = indexOf(lines, "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":3,");
        lines.set(taskEnd, lines.get(taskEnd).replace("\"Stage ID\":3,", ""));
        int executorAdded = indexOf(lines, "{\"Event\":\"SparkListenerExecutorAdded\"");
        lines.set(executorAdded, lines.get(executorAdded).replaceFirst("\"Executor ID\":\"[^\"]*\",", ""));

        int blockManager = indexOf(lines, "{\"Event\":\"SparkListenerBlockManagerAdded\"");
        lines.set(blockManager, lines.get(blockManager).replaceFirst("\"Executor ID\":\"[^\"]*\",", ""));

        TestLogs.Read read = readLines(temp, lines);
        assertEquals(3, read.summary().malformedLineCount());
        assertEquals(java.util.stream.Stream.of(executorAdded + 1L, taskEnd + 1L, blockManager + 1L).sorted().toList(),
                read.summary().malformedLines().stream().map(ReadSummary.LineProblem::lineNumber).sorted().toList());
        assertTrue(read.summary().malformedLines().stream().anyMatch(p -> p.problem().contains("\"Stage ID\"")));
        long stageZeroTasks = read.snapshot().stage(new StageAttemptId(0, 0)).orElseThrow().numCompleteTasks();
        assertEquals(clean.snapshot().stage(new StageAttemptId(0, 0)).orElseThrow().numCompleteTasks(), stageZeroTasks,
                "nothing merged into stage 0");
        assertTrue(read.snapshot().executors().stream().noneMatch(e -> e.id().isEmpty()), "no executor \"\"");
    }

    @Test
    void withoutApplicationStartTheIdentityComesFromPropertiesAndTimestamps(@TempDir Path temp) throws Exception {
        List<String> lines = new ArrayList<>(HostileInputTest.plainLines());
        TestLogs.Read clean = readLines(temp, lines);
        lines.remove(indexOf(lines, "{\"Event\":\"SparkListenerApplicationStart\""));

        TestLogs.Read read = readLines(temp, lines);
        assertEquals(clean.snapshot().application().id(), read.snapshot().application().id());
        assertEquals(clean.snapshot().application().name(), read.snapshot().application().name());
        assertTrue(read.snapshot().application().startTime().isPresent());
        assertTrue(read.snapshot().application().startTime().getAsLong()
                >= clean.snapshot().application().startTime().getAsLong());
        assertTrue(read.snapshot().application().durationMillis().isPresent());
        assertTrue(read.summary().warnings().stream().anyMatch(w -> w.contains("no ApplicationStart event")
                && w.contains("spark.app.id") && w.contains("earliest event timestamp")), read.summary().warnings()
                .toString());
        assertTrue(clean.summary().warnings().isEmpty(), clean.summary().warnings().toString());

        // The JSON report carries the warnings too, not only standard error.
        Path file = temp.resolve("no-start");
        Files.write(file, lines);
        AnalyzedLog analyzed = EventLogAnalysis.analyze(EventLogLocator.locate(file.toString()).get(0));
        StringWriter json = new StringWriter();
        JsonReport.render(List.of(new DiagnosedLog(analyzed,
                Diagnoser.diagnose(analyzed.application(), RuleSettings.defaults()))), "test", json);
        String report = json.toString();
        int warnings = report.indexOf("\"warnings\"");
        assertTrue(warnings > 0, "a warnings field");
        assertTrue(report.indexOf("no ApplicationStart event", warnings) > warnings, report.substring(warnings));
    }

    @Test
    void taskEndsOutOfOrderAreCountedInOneWarning(@TempDir Path temp) throws Exception {
        List<String> lines = new ArrayList<>(HostileInputTest.plainLines());
        int taskEnd = indexOf(lines, "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,");
        String end = lines.get(taskEnd);
        int completed = indexOf(lines, "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":{\"Stage ID\":0,");
        // The same task end again after its stage completed, twice; and one for a stage never announced.
        lines.add(completed + 1, end);
        lines.add(completed + 1, end);
        lines.add(completed + 1, end.replace("\"Stage ID\":0,", "\"Stage ID\":99,"));

        TestLogs.Read read = readLines(temp, lines);
        List<String> warnings = read.summary().warnings();
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("2 task end event(s) came after")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("1 task end event(s) belong to stage attempts")),
                warnings.toString());
    }

    @Test
    void metricSumsPastALongSaturateInsteadOfTurningNegative(@TempDir Path temp) throws Exception {
        List<String> lines = new ArrayList<>(HostileInputTest.plainLines());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,")) {
                lines.set(i, lines.get(i).replaceFirst("\"Executor Run Time\":\\d+",
                        "\"Executor Run Time\":" + (Long.MAX_VALUE / 2)));
            }
        }
        TestLogs.Read read = readLines(temp, lines);
        var stage = read.snapshot().stage(new StageAttemptId(0, 0)).orElseThrow();
        assertEquals(Long.MAX_VALUE, stage.totals().get(TaskMetric.EXECUTOR_RUN_TIME));
        read.snapshot().executors().forEach(e -> assertTrue(e.totalDurationMillis() >= 0, e.toString()));
    }

    @Test
    void aPlanTreeThousandsOfLevelsDeepIsCutWithAWarning(@TempDir Path temp) throws Exception {
        List<String> lines = new ArrayList<>(HostileInputTest.plainLines());
        StringBuilder plan = new StringBuilder();
        int depth = 2_500;
        for (int i = 0; i < depth; i++) {
            plan.append("{\"nodeName\":\"Project\",\"simpleString\":\"Project\",\"children\":[");
        }
        plan.append("{\"nodeName\":\"Scan\",\"simpleString\":\"Scan\",\"children\":[]}");
        plan.append("]}".repeat(depth));
        int sqlStart = indexOf(lines, "{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart\"");
        lines.set(sqlStart, lines.get(sqlStart).replaceFirst("\"sparkPlanInfo\":", "\"sparkPlanInfo\":" + plan
                + ",\"ignored\":"));

        TestLogs.Read read = readLines(temp, lines);
        assertEquals(0, read.summary().malformedLineCount(), read.summary().malformedLines().toString());
        Optional<PlanNode> tree = read.snapshot().sqlExecutions().stream().map(SqlExecution::planTree)
                .flatMap(Optional::stream).filter(node -> node.nodeName().equals("Project")).findFirst();
        int levels = 0;
        for (PlanNode node = tree.orElseThrow(); !node.children().isEmpty(); node = node.children().get(0)) {
            levels++;
        }
        assertEquals(EventLineParser.MAX_PLAN_DEPTH, levels);
        assertTrue(read.summary().warnings().stream().anyMatch(w -> w.contains("deeper than")),
                read.summary().warnings().toString());
    }
}
