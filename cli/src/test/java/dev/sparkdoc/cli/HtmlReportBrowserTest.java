package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a person sees it: written by 'sparkdoc analyze -o html', opened in Debian's Chromium
 * (headless), checked for errors, network use and charts, and photographed into target/html-report/.
 */
class HtmlReportBrowserTest {

    static final Path SAMPLE_LOGS = Path.of("..", "sample-eventlogs", "logs").toAbsolutePath().normalize();
    private static final Path SCREENSHOTS = Path.of("target", "html-report");
    private static final String FAILURES = "nvidia-spark-rapids-tools/spark-events-profiling/"
            + "tasks_executors_fail_compressed_eventlog.zstd";

    private static final String APP_PAYLOAD = "<script>window.__sparkdocXss='app-script'</script>"
            + "<img src=x onerror=\"window.__sparkdocXss='app-img'\">";
    private static final String JOB_PAYLOAD = "\"><img src=x onerror=alert('job')></script>"
            + "<script>window.__sparkdocXss='job'</script>";
    private static final String STAGE_PAYLOAD = "</title><svg onload=\"window.__sparkdocXss='stage'\">"
            + "<script>alert('stage')</script>";
    private static final String SQL_PAYLOAD = "</pre></details><script>window.__sparkdocXss='sql'</script>";
    private static final String PROPERTY_PAYLOAD = "'\u2028</code><img src=x onerror=alert('property')>";

    @TempDir
    static Path temporary;

    private static HeadlessChromium chromium;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void startChromium() throws Exception {
        chromium = HeadlessChromium.start(TestTools.require("chromium"), temporary.resolve("profile"));
    }

    @AfterAll
    static void stopChromium() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void skewedRunLoadsWithoutErrorsOrNetworkAndShowsItsCharts() throws Exception {
        Path page = report(SAMPLE_LOGS.resolve("skewed-aggregation"), temporary.resolve("skewed.html"));
        chromium.open(page, 1280, 900);

        assertEquals(List.of(), chromium.errors());
        for (String url : chromium.requests()) {
            assertTrue(url.startsWith("file:") || url.startsWith("data:"), "the page requested " + url);
        }
        assertEquals(1, count("svg.chart.timeline"));
        assertEquals(3, count("svg.timeline g.bar-stage, svg.timeline g.bar-flagged"), "one bar per stage");
        assertEquals(1, count("svg.timeline g.bar-flagged"), "the skewed stage stands out");
        assertEquals(3, count("svg.boxes[data-metric=DURATION] g.box-row"), "a task-duration box per stage");
        assertEquals(1, count("svg.boxes[data-metric=SHUFFLE_READ_BYTES] g.box-row.hot[data-stage='1.0']"),
                "the skewed stage's shuffle read is marked");
        assertEquals(3, count("svg.spill-gc g.gc-row"), "GC and spill per stage");
        assertEquals(2, count("article.finding"));
        assertTrue(chromium.evaluate("document.querySelector('svg.timeline').getBoundingClientRect().width")
                .asDouble() > 600, "the timeline is drawn at full width");
        assertTrue(chromium.evaluate("document.getElementById('a0-defaults').textContent").asText()
                .contains("spark.sql.adaptive.enabled  true"));

        String copied = chromium.evaluate("(async () => { const b = document.querySelector('button.copy'); b.click();"
                + " await new Promise(r => setTimeout(r, 200)); return b.textContent; })()").asText();
        assertTrue(List.of("Copied", "Press Ctrl+C").contains(copied), "the copy button answers: " + copied);
        String firstAfterSort = chromium.evaluate("(() => { const th = document.querySelector('table.stages th');"
                + " th.click(); th.click(); return document.querySelector('table.stages tbody tr td').textContent; })()")
                .asText();
        assertEquals("2.0", firstAfterSort, "the stage table sorts descending on the second click");
        assertEquals(List.of(), chromium.errors());

        chromium.screenshot(SCREENSHOTS.resolve("skewed-aggregation.png"), 6000);
        double charts = chromium.evaluate("document.getElementById('a0-timeline').getBoundingClientRect().top"
                + " + window.scrollY").asDouble();
        chromium.screenshot(SCREENSHOTS.resolve("skewed-aggregation-charts.png"), charts - 10, 1100);
        assertTrue(Files.size(SCREENSHOTS.resolve("skewed-aggregation.png")) > 10_000);
    }

    @Test
    void clusterRunWithFailuresAndManyStagesLoadsCleanly() throws Exception {
        Path page = report(CliRun.log(FAILURES), temporary.resolve("failures.html"));
        chromium.open(page, 1280, 900);

        assertEquals(List.of(), chromium.errors());
        assertTrue(count("svg.timeline g.bar-stage, svg.timeline g.bar-flagged, svg.timeline g.bar-failed") > 100,
                "every stage attempt in the timeline");
        assertTrue(count("svg.timeline g.bar-failed") > 0, "failed stage attempts are drawn");
        assertTrue(count("svg.timeline g.bar-executor, svg.timeline g.bar-removed") > 1, "executors are drawn");
        assertTrue(count("svg.boxes[data-metric=DURATION] g.box-row") <= 30,
                "the distribution chart stays readable");
        assertTrue(count("table.stages tbody tr") > 100, "the stage table lists every attempt");
        chromium.screenshot(SCREENSHOTS.resolve("failures.png"), 4000);
    }

    @Test
    void scriptPayloadsInTheLogNeverRunAndShowAsText() throws Exception {
        Path log = payloadLog(SAMPLE_LOGS.resolve("skewed-aggregation"), temporary.resolve("payload-log"));
        Path page = report(log, temporary.resolve("payload.html"));
        String html = Files.readString(page);
        assertFalse(html.contains("<script>window.__sparkdocXss"), "a payload's script tag reached the file");
        assertFalse(html.contains("<img"), "a payload's img tag reached the file");

        chromium.open(page, 1280, 900);
        assertEquals("undefined", chromium.evaluate("typeof window.__sparkdocXss").asText(), "a payload ran");
        assertEquals(List.of(), chromium.errors(), "no dialog, no blocked script, no exception");
        assertEquals(0, count("img"));
        assertEquals(0, count("[onerror], [onload]"));
        assertEquals(1, chromium.evaluate("document.scripts.length").asInt(), "only the report's own script");
        assertEquals(APP_PAYLOAD, text("document.querySelector('h1.app-name').textContent"));
        assertTrue(text("document.title").startsWith("sparkdoc: " + APP_PAYLOAD.substring(0, 40)),
                "the title (cut at 100 characters) shows the name as text");
        assertTrue(anyCellContains("table.jobs td.name", JOB_PAYLOAD), "the job description shows as text");
        assertTrue(anyCellContains("table.stages td.name", STAGE_PAYLOAD), "the stage name shows as text");
        assertTrue(anyCellContains("details.sql summary", SQL_PAYLOAD), "the SQL description shows as text");
        assertTrue(anyCellContains("details.properties code", PROPERTY_PAYLOAD), "the property shows as text");
        chromium.screenshot(SCREENSHOTS.resolve("payloads.png"), 1400);
    }

    private Path report(Path log, Path page) {
        CliRun run = CliRun.of("analyze", "-o", "html", "--out", page.toString(), log.toString());
        assertEquals(0, run.exitCode(), run.err());
        return page;
    }

    private int count(String selector) throws Exception {
        return chromium.evaluate("document.querySelectorAll(" + mapper.writeValueAsString(selector) + ").length")
                .asInt();
    }

    private String text(String expression) throws Exception {
        return chromium.evaluate(expression).asText();
    }

    private boolean anyCellContains(String selector, String expected) throws Exception {
        return chromium.evaluate("Array.from(document.querySelectorAll(" + mapper.writeValueAsString(selector)
                + ")).some(e => e.textContent.includes(" + mapper.writeValueAsString(expected) + "))").asBoolean();
    }

    /** A copy of a real log with script payloads where a log carries free text. */
    private Path payloadLog(Path source, Path target) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode event = (ObjectNode) mapper.readTree(line);
            String kind = event.path("Event").asText();
            if (kind.equals("SparkListenerApplicationStart")) {
                event.put("App Name", APP_PAYLOAD);
            } else if (kind.equals("SparkListenerJobStart")) {
                ((ObjectNode) event.with("Properties")).put("spark.job.description", JOB_PAYLOAD);
            } else if (kind.equals("SparkListenerStageSubmitted") || kind.equals("SparkListenerStageCompleted")) {
                ((ObjectNode) event.path("Stage Info")).put("Stage Name", STAGE_PAYLOAD);
            } else if (kind.endsWith("SparkListenerSQLExecutionStart")) {
                event.put("description", SQL_PAYLOAD);
            } else if (kind.equals("SparkListenerEnvironmentUpdate")) {
                ((ObjectNode) event.path("Spark Properties")).put("spark.sparkdoc.test.payload", PROPERTY_PAYLOAD);
            }
            lines.add(mapper.writeValueAsString(event));
        }
        Files.write(target, lines, StandardCharsets.UTF_8);
        JsonNode check = mapper.readTree(lines.get(0));
        assertTrue(check.isObject());
        return target;
    }
}
