package dev.sparkdoc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.compare.CompareLogs;
import dev.sparkdoc.compare.Comparison;
import dev.sparkdoc.diagnosis.Advice;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every text renderer at 80 and 100 columns, on every sample log of the repository: no line wider than the width
 * except the lines of code blocks (spark-submit, spark-defaults.conf, code snippets: printed as they are, to paste),
 * and no word of the findings' prose split across lines (each word appears whole in the output).
 */
class TextFitTest {

    private static final int[] WIDTHS = {80, 100};
    private static List<DiagnosedLog> logs;

    @BeforeAll
    static void readSampleLogs() throws Exception {
        logs = new ArrayList<>();
        try (Stream<Path> files = Files.list(CompareLogs.SAMPLE_LOGS)) {
            for (Path log : files.sorted().toList()) {
                String name = log.getFileName().toString();
                if (name.endsWith(".md") || name.endsWith(".txt") || name.equals("expected")) {
                    continue;
                }
                logs.add(CompareLogs.diagnose(log));
            }
        }
        assertTrue(logs.size() >= 10, "sample logs read: " + logs.size());
    }

    private static String render(Consumer<PrintWriter> renderer) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        renderer.accept(out);
        out.flush();
        return text.toString();
    }

    /** The lines of the advice's code blocks: the only ones allowed past the width. */
    private static Set<String> codeLines(Advice advice) {
        Set<String> code = new HashSet<>();
        if (!advice.settings().isEmpty()) {
            AdviceFormat.sparkSubmit(advice).lines().forEach(line -> code.add("    " + line));
            AdviceFormat.sparkDefaults(advice).lines().forEach(line -> code.add("    " + line));
        }
        for (Recommendation.CodeChange change : advice.codeChanges()) {
            change.snippets().values().forEach(snippet -> snippet.lines().forEach(line -> code.add("      " + line)));
        }
        return code;
    }

    /**
     * Lines past {@code width}: those of code blocks are allowed, and a line holding one word alone (a path longer
     * than the line: it is never broken).
     */
    private static void fits(String where, String text, int width, Set<String> code, List<String> problems) {
        for (String line : text.lines().toList()) {
            if (line.length() > width && !code.contains(line) && line.strip().contains(" ")) {
                problems.add(where + " at " + width + " (" + line.length() + "): " + line);
            }
        }
    }

    /** The words of the prose a finding prints, each of which must appear whole. */
    private static Set<String> proseWords(Finding finding) {
        List<String> texts = new ArrayList<>(List.of(finding.summary(), finding.explanation()));
        for (Evidence evidence : finding.evidence()) {
            if (evidence.display().length() < 300) {
                texts.add(evidence.display());
            }
        }
        for (Recommendation recommendation : finding.recommendations()) {
            if (recommendation instanceof Recommendation.ConfigChange change) {
                texts.add(change.why());
            } else if (recommendation instanceof Recommendation.CodeChange change) {
                texts.add(change.summary());
            }
        }
        Set<String> words = new HashSet<>();
        for (String text : texts) {
            for (String word : text.split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    private static Set<String> outputWords(String text) {
        return new HashSet<>(List.of(text.split("\\s+")));
    }

    @Test
    void aNumberAndItsUnitStayOnOneLine() {
        // "64" ends column 30: a break at the next space would leave "MiB" alone on the next line
        List<String> lines = TextLayout.wrap("thresholds: min-max-bytes 64 MiB, min-time-lost 2 s", "", "  ", 30);
        assertEquals(List.of("thresholds: min-max-bytes", "  64 MiB, min-time-lost 2 s"), lines);
        // a version or an id is no quantity: "v2 s" may break
        assertEquals(List.of("version v2", "  s"), TextLayout.wrap("version v2 s", "", "  ", 10));
    }

    @Test
    void reportsFitTheWidthAndSplitNoWord() {
        List<String> problems = new ArrayList<>();
        for (DiagnosedLog log : logs) {
            String name = log.log().source().displayName();
            Set<String> code = codeLines(log.diagnosis().advice());
            for (int width : WIDTHS) {
                TextStyle style = new TextStyle(width, false, false);
                String report = render(out -> TextReport.render(log, out, style));
                fits(name, report, width, code, problems);
                Set<String> printed = outputWords(report);
                String explained = render(out -> log.diagnosis().findings()
                        .forEach(finding -> FindingsText.renderFinding(finding, true, out, style)));
                fits(name + " explained", explained, width, code, problems);
                Set<String> explainedWords = outputWords(explained);
                for (Finding finding : log.diagnosis().findings()) {
                    for (String word : proseWords(finding)) {
                        if (!explainedWords.contains(word)) {
                            problems.add(name + " at " + width + ": '" + word + "' of " + finding.ruleId()
                                    + " is not whole in the output");
                        }
                    }
                    assertTrue(printed.contains(finding.ruleId()), finding.ruleId());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theSummaryTableFitsAndWideShowsEveryColumn() {
        List<String> problems = new ArrayList<>();
        for (int width : WIDTHS) {
            String table = render(out -> SummaryTable.renderText(logs, List.of(), out, new TextStyle(width, false,
                    false)));
            fits("summary", table, width, Set.of(), problems);
            assertFalse(table.contains("APP ID"), table);
        }
        assertEquals(List.of(), problems);
        String wide = render(out -> SummaryTable.renderText(logs, List.of(), out, new TextStyle(80, true, false)));
        assertTrue(wide.contains("APP ID") && wide.contains("LOG"), wide);
        for (DiagnosedLog log : logs) {
            assertTrue(wide.contains(log.log().source().displayName()), log.log().source().displayName());
        }
    }

    @Test
    void theStageTableDropsItsWideColumnsUnlessWide() {
        DiagnosedLog log = logs.get(0);
        String text = render(out -> TextReport.render(log.log(), out, new TextStyle(80, false, false)));
        String wide = render(out -> TextReport.render(log.log(), out, new TextStyle(80, true, false)));
        for (String column : List.of("SHUF WRITE", "SPILL DISK", " INPUT", " GC ")) {
            assertFalse(text.contains(column), column + " in\n" + text);
            assertTrue(wide.contains(column), column + " in\n" + wide);
        }
        assertTrue(text.contains("SHUF READ") && text.contains("TASK TIME"), text);
        assertTrue(text.contains("-o wide adds"), text);
    }

    @Test
    void comparisonsFitTheWidth() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Comparison> comparisons = List.of(
                CompareLogs.compare(CompareLogs.AGGREGATION_PLAIN, CompareLogs.AGGREGATION_SALTED),
                CompareLogs.compare(CompareLogs.JOIN_PLAIN, CompareLogs.JOIN_SALTED),
                CompareLogs.compare(CompareLogs.AGGREGATION_BASELINE, CompareLogs.AGGREGATION_SLOW));
        for (Comparison comparison : comparisons) {
            for (int width : WIDTHS) {
                String text = render(out -> CompareTextReport.render(comparison, out, new TextStyle(width, false,
                        false)));
                fits("compare", text, width, Set.of(), problems);
                Set<String> words = outputWords(text);
                for (Comparison.ConfigDifference difference : comparison.config()) {
                    assertTrue(words.contains(difference.key() + ":"), difference.key() + " whole in\n" + text);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void colourOnlyWhenAskedAndNeverChangesTheFit() {
        DiagnosedLog critical = logs.stream().filter(log -> log.diagnosis().findings().stream()
                .anyMatch(f -> f.severity() == dev.sparkdoc.rules.Severity.CRITICAL)).findFirst().orElseThrow();
        String plain = render(out -> TextReport.render(critical, out, new TextStyle(80, false, false)));
        String colored = render(out -> TextReport.render(critical, out, new TextStyle(80, false, true)));
        assertFalse(plain.contains("\u001b"), plain);
        assertTrue(colored.contains("\u001b[1;31mCRITICAL\u001b[0m"), colored);
        assertTrue(colored.contains("\u001b[1mFindings"), colored);
        assertEquals(plain, colored.replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void wrapKeepsWordsWholeWithAHangingIndent() {
        String path = "hdfs://namenode:8020/spark-history/application_1700000000000_0001.lz4";
        List<String> lines = TextLayout.wrap("read " + path + " and set spark.sql.adaptive.enabled=true now",
                "  fix: ", "       ", 40);
        assertEquals(List.of("  fix: read", "       " + path, "       and set",
                "       spark.sql.adaptive.enabled=true", "       now"), lines);
        assertEquals(List.of("a  b"), TextLayout.wrap("a  b", "", "", 10), "spacing within a line is kept");
    }

    @Test
    void tablesCutTheFlexibleColumnAndLeaveOutOptionalOnes() {
        TextLayout.Table table = new TextLayout.Table("  ").left("ID").right("BYTES").optional(1)
                .flexible("NAME");
        table.row("1", "12 MiB", "a name that is much too long for a narrow terminal");
        List<String> wide = table.lines(0, header -> header);
        assertEquals("  1  12 MiB  a name that is much too long for a narrow terminal", wide.get(1));
        assertEquals(List.of(), table.dropped());
        List<String> narrow = table.lines(30, header -> header);
        assertEquals(List.of("  ID  BYTES  NAME", "  1  12 MiB  a name that is\u2026"), narrow);
        assertEquals(List.of(), table.dropped());
        List<String> narrower = table.lines(20, header -> header);
        assertEquals(List.of("  ID  NAME", "  1   a name that\u2026"), narrower);
        assertEquals(List.of("BYTES"), table.dropped());
    }
}
