package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * The HTML report's layout and timeline as a person uses them, in Debian's Chromium (headless): photographed at
 * 1400 and 800 px into target/html-screenshots/, no sideways scrolling at 800 px, and the timeline zoomed by real
 * input events sent through DevTools (wheel, drag, double-click), read back from the chart's data-view-from/-to
 * and its range label. Every wait polls the page; nothing sleeps a fixed time or measures one.
 */
@Tag("slow")
class HtmlReportLayoutBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "html-screenshots");
    /** The stored log with the most jobs (885 jobs, 2,720 stage attempts, 20 executors). */
    private static final String MANY_JOBS = "synccomputing-spark-log-parser/mixed_parsed/similarity.gz";
    /** 80 jobs that start 1m 20s after the application: the driver's set-up came first. */
    private static final String LATE_JOBS = "nvidia-spark-rapids-tools/spark-events-profiling/"
            + "tasks_executors_fail_compressed_eventlog.zstd";

    @TempDir
    static Path temporary;

    private static HeadlessChromium chromium;
    private static Path manyJobs;

    @BeforeAll
    static void startChromium() throws Exception {
        chromium = HeadlessChromium.start(TestTools.require("chromium"), temporary.resolve("profile"));
        manyJobs = report(CliRun.log(MANY_JOBS), temporary.resolve("many-jobs.html"));
    }

    @AfterAll
    static void stopChromium() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void at800PixelsNothingScrollsSideways() throws Exception {
        chromium.open(manyJobs, 800, 900);
        assertEquals(List.of(), chromium.errors());
        chromium.waitFor("document.querySelector('svg.timeline.zoomable')");
        assertTrue(number("document.documentElement.scrollWidth") <= 800,
                "the page scrolls sideways: " + number("document.documentElement.scrollWidth"));
        tablesFitTheirBoxes();
        JsonNode timeline = chromium.evaluate("(() => { const s = document.querySelector('svg.timeline');"
                + " return {svg: s.getBoundingClientRect().width, box: s.parentNode.clientWidth}; })()");
        assertTrue(timeline.path("svg").asDouble() <= timeline.path("box").asDouble(),
                "the timeline fits its box: " + timeline);
        assertTrue(timeline.path("svg").asDouble() >= 600, "and fills it: " + timeline);
        assertEquals("none", chromium.evaluate("getComputedStyle(document.querySelector('table.stages th.wide'))"
                + ".display").asText(), "at 800 px the secondary columns give way");
        assertTrue(chromium.evaluate("document.querySelector('table.stages td.name .narrow').textContent").asText()
                .matches("GC \\d.* · input \\d.* B · shuffle write \\d.* B · spill \\d.* B"),
                "and their values show under the stage name, with units");
        assertTrue(chromium.evaluate("(() => { const t = document.querySelector('table.stages');"
                + " const box = t.parentNode; box.scrollTop = 400; return box.scrollTop > 0 && Math.abs("
                + "t.tHead.rows[0].cells[0].getBoundingClientRect().top - box.getBoundingClientRect().top) < 2; })()")
                .asBoolean(), "the stage table's header stays at the top of its box when the rows scroll");
        assertTrue(chromium.evaluate("(() => { const b = document.querySelector('svg.timeline').parentNode;"
                + " return b.scrollHeight <= b.clientHeight + 1; })()").asBoolean(),
                "the timeline's box needs no scrolling of its own: the wheel zooms it");
        chromium.evaluate("document.querySelector('table.stages').parentNode.scrollTop = 0");
        shoot("report-800");
    }

    @Test
    void at1400PixelsTheTimelineFillsThePageAndTheCardsAreColouredOnlyByFindings() throws Exception {
        chromium.open(manyJobs, 1400, 900);
        assertEquals(List.of(), chromium.errors());
        chromium.waitFor("document.querySelector('svg.timeline.zoomable')");
        assertTrue(number("document.documentElement.scrollWidth") <= 1400);
        tablesFitTheirBoxes();
        assertEquals("none", chromium.evaluate("getComputedStyle(document.querySelector('table.stages td.name "
                + ".narrow')).display").asText(), "at 1400 px every column has its own cell");
        assertTrue(number("document.querySelector('svg.timeline').getBoundingClientRect().width") > 1100,
                "the timeline takes the page's width");
        // This log's only finding is gc-pressure (info): the task-time card carries its colour, no card is red.
        assertEquals(List.of("Findings", "Task time"), cardLabels(".card.sev-info"));
        assertEquals(List.of(), cardLabels(".card.tone-critical, .card.tone-warning, .card.bad"));
        assertEquals("rgb(29, 35, 48)", chromium.evaluate("getComputedStyle(Array.from(document.querySelectorAll("
                + "'.card')).find(c => c.textContent.startsWith('Task time')).querySelector('.card-value')).color")
                .asText(), "an info finding does not make a value red or orange");
        shoot("report-1400");
    }

    @Test
    void wheelBrushAndDoubleClickZoomTheTimelineAndRelabelItsAxis() throws Exception {
        chromium.open(manyJobs, 1400, 900);
        chromium.waitFor("document.querySelector('svg.timeline.zoomable')");
        chromium.evaluate("document.querySelector('svg.timeline').scrollIntoView({block: 'start'})");
        chromium.waitFor("document.querySelector('svg.timeline').getBoundingClientRect().top < 100");
        long[] initial = view();
        String initialTicks = ticks();
        JsonNode box = chromium.evaluate("(() => { const r = document.querySelector('svg.timeline')"
                + ".getBoundingClientRect(); return {left: r.left, top: r.top, width: r.width}; })()");
        double left = box.path("left").asDouble();
        double width = box.path("width").asDouble();
        double y = box.path("top").asDouble() + 60;

        // Wheel up (zoom in) over the middle of the plot: the visible span shrinks around the cursor.
        double cursor = left + 96 + (width - 108) / 2;
        chromium.mouse("mouseMoved", cursor, y, "none", 0, 0);
        chromium.mouse("mouseWheel", cursor, y, "none", 0, -500);
        chromium.waitFor("Number(document.querySelector('svg.timeline').getAttribute('data-view-to'))"
                + " - Number(document.querySelector('svg.timeline').getAttribute('data-view-from')) < "
                + (initial[1] - initial[0]));
        long[] zoomed = view();
        assertTrue(zoomed[1] - zoomed[0] < (initial[1] - initial[0]) / 2, "a wheel zooms in: " + span(zoomed));
        long middle = (initial[0] + initial[1]) / 2;
        assertTrue(zoomed[0] < middle && middle < zoomed[1], "around the cursor: " + span(zoomed));
        assertFalse(ticks().equals(initialTicks), "the axis is relabelled: " + ticks());
        assertTrue(ticks().matches("((\\d+ ms|\\d+(\\.\\d+)? s|\\d+m \\d\\d(\\.\\d+)?s|\\d+h \\d\\dm( \\d\\ds)?)\\|)+"),
                "every tick has a unit: " + ticks());
        assertTrue(rangeLabel().startsWith("Showing +"), rangeLabel());
        shootTimeline("timeline-wheel");

        // Drag across a fifth of the plot: the view becomes that span.
        double from = left + 96 + (width - 108) * 0.4;
        double to = left + 96 + (width - 108) * 0.6;
        chromium.mouse("mousePressed", from, y, "left", 1, 0);
        chromium.mouse("mouseMoved", (from + to) / 2, y, "left", 0, 0);
        chromium.mouse("mouseMoved", to, y, "left", 0, 0);
        chromium.mouse("mouseReleased", to, y, "left", 1, 0);
        long expected = (zoomed[1] - zoomed[0]) / 5;
        chromium.waitFor("Number(document.querySelector('svg.timeline').getAttribute('data-view-to'))"
                + " - Number(document.querySelector('svg.timeline').getAttribute('data-view-from')) < "
                + (zoomed[1] - zoomed[0]) / 2);
        long[] brushed = view();
        assertTrue(Math.abs((brushed[1] - brushed[0]) - expected) <= expected / 10 + 2,
                "the brushed span is a fifth of the last one: " + span(brushed) + " after " + span(zoomed));
        assertTrue(brushed[0] > zoomed[0] && brushed[1] < zoomed[1], "inside it: " + span(brushed));
        assertEquals("hidden", chromium.evaluate("document.querySelector('svg.timeline rect.brush')"
                + ".getAttribute('visibility')").asText(), "the brush goes away");
        int shown = count("svg.timeline g[data-from]:not([visibility=hidden])");
        assertTrue(shown > 0 && shown < count("svg.timeline g[data-from]"),
                "bars outside the span are hidden, those inside drawn: " + shown);
        shootTimeline("timeline-brush");

        // Double-click: back to the first view.
        chromium.mouse("mousePressed", cursor, y, "left", 1, 0);
        chromium.mouse("mouseReleased", cursor, y, "left", 1, 0);
        chromium.mouse("mousePressed", cursor, y, "left", 2, 0);
        chromium.mouse("mouseReleased", cursor, y, "left", 2, 0);
        chromium.waitFor("document.querySelector('svg.timeline').getAttribute('data-view-from') === '" + initial[0]
                + "' && document.querySelector('svg.timeline').getAttribute('data-view-to') === '" + initial[1] + "'");
        assertEquals(initialTicks, ticks(), "the first view's axis again");

        // Over the labels, the wheel is the page's: it scrolls, and the view stays.
        double scrolled = chromium.evaluate("window.scrollY").asDouble();
        chromium.mouse("mouseMoved", left + 40, y, "none", 0, 0);
        chromium.mouse("mouseWheel", left + 40, y, "none", 0, 300);
        chromium.waitFor("window.scrollY > " + scrolled);
        assertArrayEquals(initial, view(), "a wheel over the labels does not zoom");
        assertEquals(List.of(), chromium.errors());
    }

    @Test
    void jobsThatStartAfterTheDriversSetUpFillTheFirstViewAndTheWholeRunIsOneClickAway() throws Exception {
        Path page = report(CliRun.log(LATE_JOBS), temporary.resolve("late-jobs.html"));
        chromium.open(page, 1400, 900);
        chromium.waitFor("document.querySelector('svg.timeline.zoomable')");
        long[] first = view();
        long whole = number("document.querySelector('svg.timeline').getAttribute('data-full-to')");
        assertTrue(first[0] > whole * 0.7, "the first view starts near the first job, not at 0: " + span(first));
        double firstJob = number("Math.min(...Array.from(document.querySelectorAll('svg.timeline g.bar-job, "
                + "svg.timeline g.bar-failed')).map(g => g.querySelector('rect').getBoundingClientRect().left))");
        double plotLeft = number("document.querySelector('svg.timeline').getBoundingClientRect().left + 96");
        assertTrue(firstJob - plotLeft < 30, "the first job is drawn at the left of the plot: " + firstJob);
        assertTrue(rangeLabel().contains("The first 1m 20s, before the first job, are left out"), rangeLabel());
        // Cards: fetch-failure (warning) speaks for jobs and stages, task-failures (info) for task attempts.
        assertEquals(List.of("Jobs", "Stages"), cardLabels(".card.tone-warning"));
        assertEquals(List.of("Task attempts"), cardLabels(".card.tone-info"));
        assertEquals(List.of(), cardLabels(".card.tone-critical, .card.bad"));

        chromium.evaluate("document.querySelector('button.zoom-all').click()");
        chromium.waitFor("document.querySelector('svg.timeline').getAttribute('data-view-from') === '0'");
        assertEquals(String.valueOf(whole), chromium.evaluate("document.querySelector('svg.timeline')"
                + ".getAttribute('data-view-to')").asText());
        assertTrue(rangeLabel().startsWith("Showing the whole application"), rangeLabel());
        chromium.evaluate("document.querySelector('button.zoom-reset').click()");
        chromium.waitFor("document.querySelector('svg.timeline').getAttribute('data-view-from') === '" + first[0]
                + "'");
        assertTrue(chromium.evaluate("Array.from(document.querySelectorAll('table.executors td.host'))"
                + ".some(td => td.innerHTML.includes('.<wbr>'))").asBoolean(), "host names may break at dots");
        assertEquals(List.of(), chromium.errors());
        chromium.evaluate("document.getElementById('a0-timeline').scrollIntoView()");
        chromium.screenshot(SCREENSHOTS.resolve("late-jobs-1400.png"), 0, 2400);
    }

    private static Path report(Path log, Path page) {
        CliRun run = CliRun.of("analyze", "-o", "html", "--out", page.toString(), log.toString());
        assertTrue(run.exitCode() == 0 || run.exitCode() == 4, run.err());
        assertTrue(Files.isRegularFile(page), "no report written: " + run.err());
        return page;
    }

    private void tablesFitTheirBoxes() throws Exception {
        for (String table : List.of("table.stages", "table.executors", "table.jobs")) {
            JsonNode box = chromium.evaluate("(() => { const d = document.querySelector('" + table + "').parentNode;"
                    + " return {scroll: d.scrollWidth, client: d.clientWidth}; })()");
            assertTrue(box.path("scroll").asInt() <= box.path("client").asInt(),
                    table + " scrolls sideways inside its box: " + box);
        }
    }

    private void shoot(String name) throws Exception {
        chromium.screenshot(SCREENSHOTS.resolve(name + ".png"), 0, 6000);
        assertTrue(Files.size(SCREENSHOTS.resolve(name + ".png")) > 10_000);
        shootTimeline(name);
        double stages = number("document.querySelector('table.stages').getBoundingClientRect().top + window.scrollY");
        chromium.screenshot(SCREENSHOTS.resolve(name + "-stages.png"), stages - 60, 900);
        double executors = number("document.querySelector('table.executors').getBoundingClientRect().top"
                + " + window.scrollY");
        chromium.screenshot(SCREENSHOTS.resolve(name + "-executors.png"), executors - 60, 700);
    }

    private void shootTimeline(String name) throws Exception {
        double timeline = number("document.getElementById('a0-timeline').getBoundingClientRect().top + window.scrollY");
        chromium.screenshot(SCREENSHOTS.resolve(name + "-timeline.png"), timeline - 10, 900);
    }

    private long[] view() throws Exception {
        JsonNode view = chromium.evaluate("(() => { const s = document.querySelector('svg.timeline');"
                + " return [Number(s.getAttribute('data-view-from')), Number(s.getAttribute('data-view-to'))]; })()");
        return new long[] {view.get(0).asLong(), view.get(1).asLong()};
    }

    private static String span(long[] view) {
        return view[0] + ".." + view[1] + " ms";
    }

    private String ticks() throws Exception {
        return chromium.evaluate("Array.from(document.querySelectorAll('svg.timeline g.ticks text.tick'))"
                + ".map(t => t.textContent + '|').join('')").asText();
    }

    private String rangeLabel() throws Exception {
        return chromium.evaluate("document.querySelector('.timeline-controls .range').textContent").asText();
    }

    private List<String> cardLabels(String selector) throws Exception {
        JsonNode labels = chromium.evaluate("Array.from(document.querySelectorAll('" + selector + "'))"
                + ".map(c => c.querySelector('.card-label').textContent)");
        List<String> result = new java.util.ArrayList<>();
        labels.forEach(label -> result.add(label.asText()));
        return result;
    }

    private int count(String selector) throws Exception {
        return chromium.evaluate("document.querySelectorAll('" + selector + "').length").asInt();
    }

    private long number(String expression) throws Exception {
        return Math.round(chromium.evaluate(expression).asDouble());
    }
}
