package dev.sparkdoc.cli.evaluation;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole labelled corpus (labels/ at the repository root, docs/evaluation.md): every real log in the repository has
 * labels, and sparkdoc makes no false alarm, misses no expected finding and gives no wrong-direction advice on any of
 * them.
 */
class LabelledCorpusTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path LABELS = ROOT.resolve("labels");

    @Test
    @Tag("slow")
    void noFalseAlarmNoMissingFindingNoWrongAdvice() throws Exception {
        EvaluationReport report = Evaluation.run(LABELS, ROOT, 2);
        StringWriter table = new StringWriter();
        report.print(new PrintWriter(table));
        assertTrue(report.verdicts().size() >= 50, "labelled logs: " + report.verdicts().size());
        assertAll("the evaluation (scripts/evaluate.sh prints the same):\n" + table,
                () -> assertEquals(0, report.falseAlarms().size(), "false alarms"),
                () -> assertEquals(0, report.missing(), "expected findings missing"),
                () -> assertEquals(0, report.wrongAdvice(), "wrong-direction or forbidden advice"));
    }

    @Test
    void everyRealLogInTheRepositoryHasALabelsFile() throws Exception {
        Set<Path> labelled = new TreeSet<>();
        for (LogLabels labels : LabelsReader.readAll(LABELS)) {
            Path log = ROOT.resolve(labels.log()).normalize();
            assertTrue(Files.exists(log), labels.file() + " names a log that does not exist: " + labels.log());
            assertTrue(labelled.add(log), labels.log() + " is labelled twice");
        }
        List<String> unlabelled = new ArrayList<>();
        for (Path file : logFiles()) {
            if (labelled.stream().noneMatch(file::startsWith)) {
                unlabelled.add(ROOT.relativize(file).toString());
            }
        }
        assertEquals(List.of(), unlabelled, "event log files no labels file covers; add labels/…/<log>.labels.yaml");
    }

    /** Every file of every event log: the real logs' folders and the sample logs, without READMEs and expectations. */
    private static List<Path> logFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path tree : List.of(ROOT.resolve("analyzers/src/test/resources/eventlogs"),
                ROOT.resolve("sample-eventlogs/logs"))) {
            try (Stream<Path> walk = Files.walk(tree)) {
                files.addAll(walk.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().endsWith(".md"))
                        .filter(f -> !f.getFileName().toString().endsWith(".txt"))
                        .filter(f -> !f.getFileName().toString().startsWith("."))
                        .collect(Collectors.toList()));
            }
        }
        return files;
    }
}
