package dev.sparkdoc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * Issue 22's bound: the JSON report of a log of 2,000 stages on 50 executors stays under 20 MB, because a stage's
 * executorSummary holds at most {@link JsonReport#DEFAULT_EXECUTOR_DETAIL} executors and sums up the rest; with every
 * executor in full ({@code --executor-detail all}) it is several times larger. Sizes, never times.
 */
@Tag("slow")
class BoundedJsonReportTest {

    private static final int STAGES = 2_000;
    private static final int EXECUTORS = 50;
    private static final long LIMIT_BYTES = 20_000_000;

    @Test
    void twoThousandStagesOnFiftyExecutorsStayUnderTwentyMegabytes(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("app-2000-stages.zstd");
        EventLogGenerator.generate(new EventLogGenerator.Config(STAGES * 200L, EXECUTORS, 4, STAGES, 7), log, true);
        AnalyzedLog analyzed = EventLogAnalysis.analyze(EventLogLocator.locate(log.toString()).get(0));
        DiagnosedLog diagnosed = new DiagnosedLog(analyzed,
                Diagnoser.diagnose(analyzed.application(), RuleSettings.defaults()));

        StringWriter bounded = new StringWriter();
        JsonReport.render(List.of(diagnosed), List.of(), JsonReport.DEFAULT_EXECUTOR_DETAIL, "test", bounded);
        CountingWriter full = new CountingWriter();
        JsonReport.render(List.of(diagnosed), List.of(), JsonReport.ALL_EXECUTORS, "test", full);
        long boundedBytes = bounded.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.printf("JSON report, %,d stages x %d executors: %,d bytes bounded (default), %,d bytes with "
                + "--executor-detail all%n", STAGES, EXECUTORS, boundedBytes, full.bytes);

        JsonNode app = new ObjectMapper().readTree(bounded.toString()).path("applications").get(0);
        JsonNode stages = app.path("stages");
        assertTrue(stages.size() >= STAGES, "stages in the report: " + stages.size());
        int widest = 0;
        for (JsonNode stage : stages) {
            int count = stage.path("executorCount").asInt();
            widest = Math.max(widest, count);
            int kept = stage.path("executorSummary").size();
            assertEquals(Math.min(count, JsonReport.DEFAULT_EXECUTOR_DETAIL), kept, "executors in full");
            assertEquals(count - kept, stage.path("executorSummaryRest").path("executors").asInt(0),
                    "executors summed up in stage " + stage.path("stageId"));
        }
        assertEquals(EXECUTORS, widest, "the generated log spreads a stage over every executor");
        assertTrue(boundedBytes < LIMIT_BYTES, "bounded report of " + boundedBytes + " bytes, limit " + LIMIT_BYTES);
        assertTrue(full.bytes > 2 * boundedBytes, "--executor-detail all writes every executor: " + full.bytes);
    }

    /** Counts the UTF-8 bytes written (the reports are ASCII but for names), keeping none of them. */
    private static final class CountingWriter extends Writer {
        long bytes;

        @Override
        public void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
