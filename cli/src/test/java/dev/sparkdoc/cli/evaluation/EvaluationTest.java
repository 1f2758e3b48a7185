package dev.sparkdoc.cli.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation's counting on real sample logs, with labels written for the test. */
class EvaluationTest {

    static final Path ROOT = LabelledCorpusTest.ROOT;

    @TempDir
    Path labels;

    private void write(String name, String text) throws IOException {
        Files.writeString(labels.resolve(name + LabelsReader.SUFFIX), text);
    }

    private EvaluationReport run() throws Exception {
        return Evaluation.run(labels, ROOT, 1);
    }

    @Test
    void anExpectedFindingThatIsMadeIsATruePositive() throws Exception {
        write("fetch", """
                log: sample-eventlogs/logs/fetch-failure.snappy
                expected:
                  - {rule: fetch-failure, scope: application, severity: warning, reason: "planted"}
                """);
        EvaluationReport report = run();
        assertEquals(1, report.perRule().get("fetch-failure").truePositives());
        assertEquals(0, report.missing());
    }

    @Test
    void anExpectedFindingAboveTheSeverityMadeIsMissing() throws Exception {
        write("fetch", """
                log: sample-eventlogs/logs/fetch-failure.snappy
                expected:
                  - {rule: fetch-failure, scope: application, severity: critical, reason: "needs critical"}
                """);
        EvaluationReport report = run();
        assertEquals(1, report.missing());
        assertEquals(1, report.perRule().get("fetch-failure").falseNegatives());
        assertEquals("0%", report.perRule().get("fetch-failure").recall());
        assertEquals(1, report.unlabelled().size(), "the warning finding itself is then unlabelled");
    }

    @Test
    void aForbiddenFindingIsAFalseAlarmAndAForbiddenKeyIsWrongAdvice() throws Exception {
        write("fetch", """
                log: sample-eventlogs/logs/fetch-failure.snappy
                forbidden:
                  - {rule: fetch-failure, reason: "pretend it is wrong"}
                recommendations:
                  - {key: spark.shuffle.service.enabled, direction: absent, reason: "local mode"}
                  - {key: spark.shuffle.io.maxRetries, direction: not-higher, reason: "pretend"}
                """);
        EvaluationReport report = run();
        assertEquals(1, report.falseAlarms().size());
        assertEquals("0%", report.perRule().get("fetch-failure").precision());
        List<String> advice = report.verdicts().get(0).wrongAdvice().stream().map(Verdict.WrongAdvice::advice)
                .toList();
        assertEquals(List.of("spark.shuffle.service.enabled: false -> true", "spark.shuffle.io.maxRetries: 3 -> 10"),
                advice);
        assertTrue(report.perRule().get("fetch-failure").wrongAdvice() == 2);
    }

    @Test
    void anAllowedLabelOutranksAForbiddenAnyRuleButNotANamedOne() throws Exception {
        write("allowed", """
                log: sample-eventlogs/logs/fetch-failure.snappy
                forbidden:
                  - {rule: "*", severity: warning, reason: "nothing else"}
                allowed:
                  - {rule: fetch-failure, scope: application, reason: "fair"}
                """);
        write("named", """
                log: sample-eventlogs/logs/fetch-failure.snappy
                forbidden:
                  - {rule: fetch-failure, scope: application, reason: "false alarm"}
                allowed:
                  - {rule: fetch-failure, reason: "fair"}
                """);
        EvaluationReport report = run();
        assertEquals(List.of(Verdict.Judgement.ALLOWED), report.outcomes("allowed").stream()
                .map(Verdict.FindingOutcome::judgement).toList());
        assertEquals(List.of(Verdict.Judgement.FALSE_ALARM), report.outcomes("named").stream()
                .map(Verdict.FindingOutcome::judgement).toList());
    }

    @Test
    void aProposalThatDoesNotMoveTheValueItMeansToRaiseIsWrongDirection() throws Exception {
        write("driver", """
                log: sample-eventlogs/logs/driver-oom-risk.zstd
                expected:
                  - {rule: driver-oom-risk, scope: job 0, reason: "planted"}
                """);
        List<Verdict.WrongAdvice> wrong = run().verdicts().get(0).wrongAdvice();
        assertTrue(wrong.stream().anyMatch(w -> w.advice().equals("spark.driver.memory: 2g -> 2g")
                && w.why().contains("proposes the same value")), wrong.toString());
    }

    @Test
    void aSnippetMustNameWhatItsLabelSaysThePlanShows() throws Exception {
        write("join", """
                log: sample-eventlogs/logs/skewed-join.lz4
                recommendations:
                  - {code: salting, mentions: customer_id, reason: "the join key"}
                  - {code: salting, scope: "stage *", mentions: [customer_id, no_such_column], reason: "made up"}
                """);
        List<Verdict.WrongAdvice> wrong = run().verdicts().get(0).wrongAdvice();
        assertEquals(1, wrong.size(), wrong.toString());
        assertTrue(wrong.get(0).why().contains("must name no_such_column"), wrong.toString());
    }

    @Test
    void theTableNamesEveryRuleAndTheTotals() throws Exception {
        write("healthy", """
                log: sample-eventlogs/logs/healthy
                forbidden:
                  - {rule: "*", severity: warning, reason: "healthy"}
                """);
        StringWriter text = new StringWriter();
        run().print(new PrintWriter(text));
        String table = text.toString();
        assertTrue(table.startsWith("rule "), table);
        assertTrue(table.contains("too-few-shuffle-partitions"), table);
        assertTrue(table.contains("all rules"), table);
        assertTrue(table.contains("1 labelled logs; 0 false alarms, 0 expected findings missing, 0 wrong-direction"),
                table);
    }

    @Test
    void aLabelsFileThatBreaksTheFormatIsRejectedWithItsName() throws Exception {
        write("bad", """
                log: sample-eventlogs/logs/healthy
                recommendations:
                  - {key: spark.sql.shuffle.partitions, direction: sideways, reason: "x"}
                """);
        LabelsException error = assertThrows(LabelsException.class, this::run);
        assertTrue(error.getMessage().contains("bad.labels.yaml"), error.getMessage());
        assertTrue(error.getMessage().contains("unknown direction sideways"), error.getMessage());
    }

    @Test
    void aLabelWithoutAReasonIsRejected() throws Exception {
        write("bare", """
                log: sample-eventlogs/logs/healthy
                forbidden:
                  - {rule: data-skew}
                """);
        LabelsException error = assertThrows(LabelsException.class, this::run);
        assertTrue(error.getMessage().contains("needs a reason"), error.getMessage());
    }

    @Test
    void aLabelledLogThatDoesNotExistIsNamed() throws Exception {
        write("missing", """
                log: sample-eventlogs/logs/no-such-log
                """);
        LabelsException error = assertThrows(LabelsException.class, this::run);
        assertTrue(error.getMessage().contains("no-such-log does not exist"), error.getMessage());
    }
}
