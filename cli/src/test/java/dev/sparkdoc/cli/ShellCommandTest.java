package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'sparkdoc shell' reading commands from standard input (not a terminal): each command and its errors. */
class ShellCommandTest {

    private static final String SKEWED = HtmlReportBrowserTest.SAMPLE_LOGS.resolve("skewed-aggregation").toString();
    private static final String FAILURES = "nvidia-spark-rapids-tools/spark-events-profiling/"
            + "tasks_executors_fail_compressed_eventlog.zstd";

    @Test
    void summaryNamesTheApplicationAndItsFindings() {
        CliRun run = shell(SKEWED, "summary\n");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Application  sparkdoc skewed-aggregation"), run.out());
        assertTrue(run.out().contains("Findings     critical data-skew (stage 1.0), warning aqe-disabled"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void stagesSortBySkewWithTheSkewedStageFirstAndMarked() {
        CliRun run = shell(SKEWED, "stages --sort skew\n");
        String[] lines = run.out().split("\n");
        assertTrue(lines[0].contains("STAGE") && lines[0].contains("SKEW"), run.out());
        assertTrue(lines[1].startsWith("! 1.0 "), "the skewed stage first, marked: " + run.out());
        assertTrue(lines[1].contains("4.9x"), run.out());
        for (String sort : new String[] {"id", "duration", "spill", "gc", "GC"}) {
            CliRun sorted = shell(SKEWED, "stages --sort " + sort + " --top 2\n");
            assertEquals("", sorted.err(), sort);
            assertTrue(sorted.out().contains("(2 of 3 stage attempts)"), sorted.out());
        }
    }

    @Test
    void stageShowsQuantilesHotTasksAndItsFinding() {
        CliRun run = shell(SKEWED, "stage 1\n");
        assertTrue(run.out().startsWith("Stage 1.0  first at ResultDigest.java:41  (complete)"), run.out());
        assertTrue(run.out().contains("Task quantiles over 8 successful tasks"), run.out());
        assertTrue(run.out().matches("(?s).*shuffle read\\s+3\\.2 MiB\\s+4\\.2 MiB\\s+4\\.5 MiB\\s+5\\.4 MiB\\s+"
                + "75\\.5 MiB\\s+75\\.5 MiB\\s+17x.*"), run.out());
        assertTrue(run.out().matches("(?s).*Hot tasks.*\\n\\s+5\\s+13 driver .*4\\.9x\\n.*"), "task 5 is hottest: "
                + run.out());
        assertTrue(run.out().contains("CRITICAL  data-skew: stage 1.0"), run.out());
        assertEquals(shell(SKEWED, "stage 1.0\n").out(), run.out(), "'1' is the latest attempt of stage 1");
    }

    @Test
    void tasksRankByTheChosenMetric() {
        CliRun run = shell(SKEWED, "tasks 1 --top 3 --by shuffleRead\n");
        String[] lines = run.out().split("\n");
        assertEquals("Stage 1.0: top 3 of 8 successful tasks by shuffleRead", lines[0]);
        assertEquals(5, lines.length, run.out());
        assertTrue(lines[2].trim().startsWith("5 ") && lines[2].contains("75.5 MiB") && lines[2].endsWith("17x"),
                lines[2]);
        assertTrue(shell(SKEWED, "tasks 0\n").out().contains("top 8 of 8 successful tasks by duration"));
    }

    @Test
    void executorsJobsAndSql() {
        CliRun run = shell(SKEWED, "executors\njobs\nsql\nsql 0\n");
        assertEquals("", run.err());
        assertTrue(run.out().matches("(?s)EXECUTOR\\s+HOST.*\\ndriver\\s+192\\.0\\.2\\.2\\s+2 .*"), run.out());
        assertTrue(run.out().matches("(?s).*JOB STATUS.*\\n\\s+0 succeeded\\s+10\\.7 s \\[0, 1, 2].*"), run.out());
        assertTrue(run.out().contains("'sql ID' shows an execution's physical plan."), run.out());
        assertTrue(run.out().contains("SQL execution 0: first at ResultDigest.java:41"), run.out());
        assertTrue(run.out().contains("== Physical Plan ==") && run.out().contains("ObjectHashAggregate"), run.out());
    }

    @Test
    void clusterLogShowsExecutorsRemovedFailuresAndAttempts() {
        CliRun run = shell(CliRun.log(FAILURES).toString(), "executors\nstages --sort duration --top 3\n");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(" removed: "), run.out());
        CliRun failed = shell(CliRun.log(FAILURES).toString(), "stages\n");
        String failedStage = failed.out().lines().filter(line -> line.contains(" failed ")).findFirst().orElseThrow()
                .substring(2).trim().split("\\s+")[0];
        CliRun stage = shell(CliRun.log(FAILURES).toString(), "stage " + failedStage + "\n");
        assertTrue(stage.out().contains("Failed task ends") || stage.out().contains("failed: "), stage.out());
    }

    @Test
    void findingsAdviseAndExplain() {
        CliRun run = shell(SKEWED, "findings\nadvise\nexplain data-skew\nexplain executor-cores\n");
        assertTrue(run.out().startsWith("Findings (1 critical, 1 warning)"), run.out());
        assertTrue(run.out().contains("Recommended configuration (one consistent set)"), run.out());
        assertTrue(run.out().contains("spark.sql.adaptive.enabled  true"), run.out());
        assertTrue(run.out().contains("data-skew: Data skew (performance)"), run.out());
        assertTrue(run.out().contains("In this application:\n  CRITICAL  stage 1.0"), run.out());
        assertTrue(run.out().contains("In this application: not applicable: no executors besides the driver"),
                run.out());
        CliRun healthy = shell(HtmlReportBrowserTest.SAMPLE_LOGS.resolve("healthy").toString(), "advise\n");
        assertTrue(healthy.out().startsWith("No advice") || healthy.out().contains("Recommended"), healthy.out());
    }

    @Test
    void findingsOfOneRuleAreOneBlockThatExplainExpands() {
        String log = CliRun.log("nvidia-spark-rapids-tools/spark-events-qualification/cluster_information/"
                + "eventlog_4nodes_8cores_dynamic_alloc.zstd").toString();
        CliRun run = shell(log, "summary\nfindings\nexplain broadcast-join-opportunity\n");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("info broadcast-join-opportunity (SQL executions "), run.out());
        assertTrue(run.out().contains("(+2 more)"), run.out());
        assertEquals(1, run.out().lines().filter(line -> line.matches("  INFO +broadcast-join-opportunity  .*"))
                .count(), "one block for the rule's five findings: " + run.out());
        assertTrue(run.out().contains("In this application: 5 findings (5 info)"), run.out());
        for (int sql = 0; sql < 5; sql++) {
            assertTrue(run.out().contains("\n  INFO  SQL execution " + sql), "member " + sql + ": " + run.out());
        }
    }

    @Test
    void helpListsEveryCommandAndOneCommandsUsage() {
        CliRun run = shell(SKEWED, "help\nhelp tasks\n");
        for (String command : new String[] {"summary", "stages [--sort KEY] [--top N]", "stage ID", "tasks", "executors",
            "jobs", "sql [ID]", "findings", "advise", "explain RULE", "help [COMMAND]", "exit"}) {
            assertTrue(run.out().contains("\n  " + command), command + " in: " + run.out());
        }
        assertEquals(1, run.out().split("\n  exit ", -1).length - 1, "exit (alias quit) listed once");
        assertTrue(run.out().contains("Usage: tasks [--by=METRIC] [--top=N] STAGE"), run.out());
    }

    @Test
    void mistakesAreOneLineAndTheShellGoesOn() {
        CliRun run = shell(SKEWED, "stage 99\nbogus\nstages --sort nope\nexplain data-skw\ntasks 1 --top 0\n"
                + "sql 7\n# a comment\n\nsummary\n");
        assertEquals(0, run.exitCode());
        assertTrue(run.err().contains("error: no stage '99' in this application (stage ids run from 0 to 2)"),
                run.err());
        assertTrue(run.err().contains("error: unknown command 'bogus'"), run.err());
        assertTrue(run.err().contains("error: Invalid value for option '--sort'"), run.err());
        assertTrue(run.err().contains("error: no rule 'data-skw'; did you mean: data-skew"), run.err());
        assertTrue(run.err().contains("error: --top must be at least 1"), run.err());
        assertTrue(run.err().contains("error: no SQL execution 7"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertTrue(run.out().contains("Application  sparkdoc skewed-aggregation"), "the shell went on: " + run.out());
    }

    @Test
    void exitStopsReadingAndEndOfInputIsExitCodeZero() {
        CliRun run = shell(SKEWED, "exit\nsummary\n");
        assertEquals(0, run.exitCode());
        assertEquals("", run.out());
        assertEquals(0, shell(SKEWED, "").exitCode());
    }

    @Test
    void aLogThatCannotBeReadIsExitThree(@TempDir Path directory) throws Exception {
        CliRun missing = shell(directory.resolve("nope").toString(), "summary\n");
        assertEquals(3, missing.exitCode());
        assertTrue(missing.err().startsWith("sparkdoc: "), missing.err());
        Files.copy(Path.of(SKEWED), directory.resolve("one"));
        Files.copy(HtmlReportBrowserTest.SAMPLE_LOGS.resolve("healthy"), directory.resolve("two"));
        CliRun two = shell(directory.toString(), "summary\n");
        assertEquals(3, two.exitCode());
        assertTrue(two.err().contains("holds 2 applications' logs; the shell explores one"), two.err());
    }

    private static CliRun shell(String log, String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminals terminals = Terminals.fixed(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                false, false, 80);
        int code = SparkDoc.run(new String[] {"shell", log}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminals);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
