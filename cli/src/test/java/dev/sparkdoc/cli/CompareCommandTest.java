package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkdoc.eventlog.CompressionCodec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparkdoc compare} on the committed runs of the reference jobs (sample-eventlogs/compare-logs). */
class CompareCommandTest {

    static final Path COMPARE_LOGS = Path.of("..", "sample-eventlogs", "compare-logs").toAbsolutePath().normalize();
    static final String PLAIN = COMPARE_LOGS.resolve("skewed-aggregation-plain.zstd").toString();
    static final String SALTED = COMPARE_LOGS.resolve("skewed-aggregation-salted.zstd").toString();
    static final String BASELINE = COMPARE_LOGS.resolve("skewed-aggregation-baseline.zstd").toString();
    static final String SLOW = COMPARE_LOGS.resolve("skewed-aggregation-zstd19-shuffle.zstd").toString();

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void saltedRunShowsTheSkewedStageImprovedAndTheDataSkewFindingGone() {
        CliRun run = CliRun.of("compare", PLAIN, SALTED);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Threshold  regressed or improved: a duration change of at least 20% and at"
                + " least 2.0 s"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  IMPROVED   stage 1 \u2192 1 .*"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  disappeared data-skew \\((warning|critical)\\) stage 1\\.0\\n.*"), run.out());
        assertFalse(run.out().contains("appeared    data-skew"), run.out());
        assertTrue(run.out().contains("warning: the application names differ"), "a rewritten query is said: "
                + run.out());
    }

    @Test
    void aRunAgainstItselfChangesNoStage() throws Exception {
        CliRun run = CliRun.of("compare", "--fail-on-regression", "-o", "json", PLAIN, PLAIN);
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = mapper.readTree(run.out());
        assertFalse(root.path("regressed").asBoolean());
        assertTrue(root.path("stages").size() >= 3);
        for (JsonNode stage : root.path("stages")) {
            assertEquals("same", stage.path("verdict").asText(), stage.toString());
            assertEquals("exact", stage.path("match").asText(), stage.toString());
            assertEquals(0, stage.path("duration").path("change").asLong());
        }
        assertEquals(0, root.path("appearedStages").size());
        assertEquals(0, root.path("disappearedStages").size());
        assertEquals(0, root.path("configDifferences").size());
        for (JsonNode finding : root.path("findings")) {
            assertEquals("persisted", finding.path("change").asText());
        }
        CliRun text = CliRun.of("compare", PLAIN, PLAIN);
        assertFalse(text.out().contains("REGRESSED") || text.out().contains("IMPROVED"), text.out());
        assertTrue(text.out().contains("(no difference)"), text.out());
    }

    @Test
    void aSlowerConfigurationFailsTheGateWithExitCodeFour() throws Exception {
        CliRun gate = CliRun.of("compare", "--fail-on-regression", BASELINE, SLOW);
        assertEquals(ExitCode.FINDINGS, gate.exitCode(), gate.err());
        assertTrue(gate.out().matches("(?s).*\\n  REGRESSED  stage 0 \u2192 0 .*"), gate.out());
        assertTrue(gate.out().contains("spark.io.compression.zstd.level: (not set) \u2192 19"), gate.out());
        assertEquals(1, gate.err().lines().count(), gate.err());
        assertTrue(gate.err().startsWith("sparkdoc: regressed (") && gate.err().contains("stage 0 \u2192 0")
                && gate.err().contains("exiting with code 4 (--fail-on-regression)"), gate.err());

        CliRun report = CliRun.of("compare", BASELINE, SLOW);
        assertEquals(0, report.exitCode(), "without the gate, a regression is reported, not failed: " + report.err());

        CliRun lenient = CliRun.of("compare", "--fail-on-regression", "--min-change-percent", "100000", BASELINE,
                SLOW);
        assertEquals(0, lenient.exitCode(), "a threshold no stage reaches: " + lenient.out());
        assertTrue(lenient.out().contains("at least 100000%"), lenient.out());
    }

    @Test
    void everyFormatCarriesTheVerdictsAndTheThreshold(@TempDir Path directory) throws Exception {
        JsonNode json = mapper.readTree(CliRun.of("compare", "-o", "json", BASELINE, SLOW).out());
        assertEquals("sparkdoc.compare/v1", json.path("schema").asText());
        assertEquals(20.0, json.path("threshold").path("percent").asDouble());
        assertEquals(2000, json.path("threshold").path("minMillis").asLong());
        assertTrue(json.path("regressed").asBoolean());
        JsonNode first = json.path("stages").get(0);
        for (String field : List.of("baselineStageId", "candidateStageId", "verdict", "match", "duration", "tasks",
                "shuffleReadBytes", "shuffleWriteBytes", "diskBytesSpilled", "jvmGcTime", "taskDurationMaxOverMedian",
                "shuffleReadMaxOverMedian")) {
            assertTrue(first.has(field), "stage lacks " + field + ": " + first);
        }
        assertEquals("regressed", first.path("verdict").asText());
        assertTrue(first.path("duration").path("changePercent").asDouble() >= 20, first.toString());

        CliRun markdown = CliRun.of("compare", "-o", "markdown", BASELINE, SLOW);
        assertEquals(0, markdown.exitCode(), markdown.err());
        assertTrue(markdown.out().startsWith("# sparkdoc compare: "), markdown.out());
        assertTrue(markdown.out().contains("| **regressed** | stage 0 \u2192 0 |"), markdown.out());
        assertTrue(markdown.out().contains("| `spark.io.compression.zstd.level` | *not set* | `19` |"),
                markdown.out());
        assertTrue(markdown.out().contains("at least 20% and at least 2.0 s"), markdown.out());
        List<String> table = markdown.out().lines().filter(line -> line.startsWith("| ")
                && markdown.out().indexOf(line) < markdown.out().indexOf("## Jobs")).toList();
        int columns = table.get(0).split(" \\| ", -1).length;
        for (String row : table) {
            assertEquals(columns, row.replace("\\|", "").split(" \\| ", -1).length, "as many cells as headers: " + row);
        }

        Path page = directory.resolve("compare.html");
        CliRun html = CliRun.of("compare", "-o", "html", "--out", page.toString(), BASELINE, SLOW);
        assertEquals(0, html.exitCode(), html.err());
        String text = Files.readString(page);
        assertTrue(text.startsWith("<!DOCTYPE html>"));
        assertTrue(text.contains("default-src 'none'; style-src 'sha256-"), "a policy allowing only its style");
        assertFalse(text.contains("<script"), "no script at all");
        assertTrue(text.contains("<tr class=\"regressed\">"), text);
        assertTrue(text.contains("at least 20% and at least 2.0 s"));
    }

    @Test
    void textFromTheLogsIsEscapedInHtmlAndMarkdown(@TempDir Path directory) throws Exception {
        String payload = "<script>window.__x=1</script><img src=x onerror=alert(1)>";
        Path hostile = rewrite(Path.of(PLAIN), directory.resolve("hostile"), payload);
        String html = CliRun.of("compare", "-o", "html", PLAIN, hostile.toString()).out();
        assertFalse(html.contains("<script"), "the payload's script tag is escaped");
        assertFalse(html.contains("<img"), "the payload's image tag is escaped");
        assertTrue(html.contains("&lt;script&gt;window.__x=1&lt;/script&gt;"), "the name is shown, escaped");
        String markdown = CliRun.of("compare", "-o", "markdown", PLAIN, hostile.toString()).out();
        assertFalse(markdown.contains("<script"), markdown);
    }

    @Test
    void plantedSecretsReachNoFormat(@TempDir Path directory) throws Exception {
        SecretPlanter planter = new SecretPlanter();
        Path planted = planter.plant(Path.of(PLAIN), CompressionCodec.ZSTD, directory.resolve("planted"));
        for (String format : List.of("text", "json", "markdown", "html")) {
            CliRun run = CliRun.of("compare", "-o", format, PLAIN, planted.toString());
            assertEquals(0, run.exitCode(), run.err());
            for (String output : List.of(run.out(), run.err())) {
                Optional<SecretPlanter.Planted> leak = planter.leaked(output);
                assertTrue(leak.isEmpty(), () -> format + " leaks the secret planted in " + leak.get().field());
                for (String stem : SecretPlanter.SECRET_STEMS) {
                    assertFalse(output.contains(stem), format + " leaks a planted secret " + stem);
                }
            }
        }
    }

    @Test
    void badInputsEndInOneLine(@TempDir Path directory) throws Exception {
        CliRun missing = CliRun.of("compare", PLAIN, directory.resolve("no-such-log").toString());
        assertEquals(ExitCode.BAD_INPUT, missing.exitCode(), missing.err());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("sparkdoc: ") && missing.err().contains("no-such-log"), missing.err());

        CliRun many = CliRun.of("compare", COMPARE_LOGS.toString(), PLAIN);
        assertEquals(ExitCode.BAD_INPUT, many.exitCode(), many.err());
        assertEquals(1, many.err().lines().count(), many.err());
        assertTrue(many.err().contains("compare takes one application as BASELINE"), many.err());

        Path garbage = Files.writeString(directory.resolve("garbage"), "not an event log\n");
        CliRun notALog = CliRun.of("compare", garbage.toString(), PLAIN);
        assertEquals(ExitCode.BAD_INPUT, notALog.exitCode(), notALog.err());
        assertFalse(notALog.err().contains("\tat "), "no stack trace: " + notALog.err());

        CliRun negative = CliRun.of("compare", "--min-change-seconds", "-1", PLAIN, PLAIN);
        assertEquals(ExitCode.USAGE, negative.exitCode(), negative.err());
        CliRun stdinTwice = CliRun.of("compare", "-", "-");
        assertEquals(ExitCode.USAGE, stdinTwice.exitCode(), stdinTwice.err());
    }

    /** A copy of {@code source} whose application and stages are named {@code name}. */
    private Path rewrite(Path source, Path target, String name) throws Exception {
        try (InputStream raw = Files.newInputStream(source);
                BufferedReader in = new BufferedReader(new InputStreamReader(CompressionCodec.ZSTD.decode(raw),
                        StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                ObjectNode event = (ObjectNode) mapper.readTree(line);
                if (event.has("App Name")) {
                    event.put("App Name", name);
                }
                JsonNode stage = event.path("Stage Info");
                if (stage.isObject()) {
                    ((ObjectNode) stage).put("Stage Name", name);
                }
                for (JsonNode info : event.path("Stage Infos")) {
                    ((ObjectNode) info).put("Stage Name", name);
                }
                out.write(mapper.writeValueAsString(event));
                out.newLine();
            }
        }
        return target;
    }
}
