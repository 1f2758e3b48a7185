package dev.sparkdoc.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.rules.RuleSettings;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML report's text, without a browser (HtmlReportBrowserTest in the cli module opens it in Chromium). */
class HtmlReportTest {

    private static final Path SKEWED = Path.of("..", "sample-eventlogs", "logs", "skewed-aggregation");
    private static final Path HEALTHY = Path.of("..", "sample-eventlogs", "logs", "healthy");
    private static final Path SPILL = Path.of("..", "sample-eventlogs", "logs", "spill.snappy");
    private static final Path LATE_JOBS = Path.of("src", "test", "resources", "eventlogs", "nvidia-spark-rapids-tools",
            "spark-events-profiling", "tasks_executors_fail_compressed_eventlog.zstd");

    @Test
    void escapesEverythingThatCouldOpenATagAnAttributeOrAnEntity() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;",
                Html.text("<script>alert('x')</script> & \"q\""));
        assertEquals("a\uFFFDb\nc\td", Html.text("a\u001bb\nc\td"), "control characters, not tab and newline");
        assertEquals("a-b-c-1", Html.id("a b<c\"1"));
    }

    @Test
    void pageIsSelfContainedAndItsPolicyAllowsExactlyItsOwnStyleAndScript() throws Exception {
        String html = render(SKEWED);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        for (String remote : List.of("http:", "https:", "//cdn", "<link", "@import", "url(", "src=")) {
            assertFalse(html.contains(remote), "the page refers to something outside it: " + remote);
        }
        Matcher policy = Pattern.compile("style-src '(sha256-[^']+)'; script-src '(sha256-[^']+)'").matcher(html);
        assertTrue(policy.find(), "a Content-Security-Policy with hashes");
        assertEquals(sha256(HtmlReport.STYLE), policy.group(1));
        assertEquals(sha256(HtmlReport.SCRIPT), policy.group(2));
        assertTrue(html.contains("<style>" + HtmlReport.STYLE + "</style>"), "the hashed style, byte for byte");
        assertTrue(html.contains("<script>" + HtmlReport.SCRIPT + "</script>"), "the hashed script, byte for byte");
        assertEquals(1, html.split("<script", -1).length - 1, "one script, and it holds no data from the log");
    }

    @Test
    void carriesEveryPartAPersonLooksFor() throws Exception {
        String html = render(SKEWED);
        for (String part : List.of("class=\"cards\"", "article class=\"finding sev-critical\"", "svg class=\"chart "
                + "timeline\"", "data-metric=\"DURATION\"", "data-metric=\"SHUFFLE_READ_BYTES\"", "svg class=\"chart "
                + "spill-gc\"", "id=\"a0-defaults\"", "button type=\"button\" class=\"copy\"",
                "table class=\"data sortable stages\"", "table class=\"data sortable jobs\"", "details class=\"sql\"",
                "== Physical Plan ==", "details class=\"properties\"")) {
            assertTrue(html.contains(part), "missing " + part);
        }
        assertTrue(html.contains("<g class=\"box-row hot\" data-stage=\"1.0\">"), "the skewed stage is marked");
    }

    @Test
    void aQuantityStaysOnOneLineWithItsUnit() {
        assertEquals("105&nbsp;MiB \u2192 511&nbsp;KiB", Html.quantities("105 MiB \u2192 511 KiB"));
        assertEquals("17.4&nbsp;s \u2192 1m&nbsp;13s (+56.2&nbsp;s, +323%)",
                Html.quantities("17.4 s \u2192 1m 13s (+56.2 s, +323%)"));
        assertEquals("8 \u2192 8", Html.quantities("8 \u2192 8"));
        assertEquals("&lt;b&gt; 2&nbsp;ms", Html.quantities("<b> 2 ms"));
    }

    @Test
    void niceStepsForTheTimeAxis() {
        assertEquals(1, SvgCharts.niceStep(0.3));
        assertEquals(2000, SvgCharts.niceStep(1500));
        assertEquals(5000, SvgCharts.niceStep(2500));
        assertEquals(10_000, SvgCharts.niceStep(7000));
        assertEquals(120_000, SvgCharts.niceStep(83_900), "minutes, not 100 s");
        assertEquals(900_000, SvgCharts.niceStep(700_000));
    }

    @Test
    void cardsAreColouredOnlyByAFindingOfTheirRuleInThatFindingsSeverity() throws Exception {
        assertEquals(List.of(), cards(render(HEALTHY), "tone-"), "a healthy run has no coloured card");
        // data-skew (critical) speaks for the shuffle card; aqe-disabled has no card.
        assertEquals(List.of("Shuffle tone-critical"), cards(render(SKEWED), "tone-"));
        String spill = render(SPILL);
        assertTrue(cards(spill, "tone-").contains("Spilled to disk tone-warning")
                || cards(spill, "tone-").contains("Spilled to disk tone-critical"), cards(spill, "tone-").toString());
        // 53 failed task attempts and failed stage attempts: coloured because fetch-failure and task-failures fired.
        assertEquals(List.of("Jobs tone-warning", "Stages tone-warning", "Task attempts tone-info"),
                cards(render(LATE_JOBS), "tone-"));
        assertFalse(render(LATE_JOBS).contains("card bad"), "no card is red by a count alone");
    }

    @Test
    void everyTableCellCarriesItsUnitAndTheStageRatioNamesAZeroMedian() throws Exception {
        String html = render(SKEWED);
        assertTrue(html.contains("data-sort=\"0\">0 B</td>"), "zero bytes with their unit");
        assertTrue(html.contains("data-sort=\"0\">0 ms</td>"), "zero time with its unit");
        assertFalse(html.contains("(median 0)"), "a median without its unit");
        assertTrue(html.contains("<th>failed tasks</th>") && html.contains("<th>stage ids</th>"),
                "counts and ids say which they are");
    }

    @Test
    void hostNamesMayBreakAfterEveryDot() throws Exception {
        assertTrue(render(LATE_JOBS).contains("<td class=\"host\">hostname-08.<wbr>domain.<wbr>com<div"));
    }

    @Test
    void theTimelinesFirstViewStartsAtTheFirstJobWhenTheDriversSetUpTookLong() throws Exception {
        // 100 s run, jobs from 80 s to 97 s: the first 80 s are set-up, left out (less a 2% margin of the work).
        assertArrayEquals(new long[] {1079_660, 1100_000}, SvgCharts.initialView(1000_000, 1100_000, 1080_000,
                1097_000));
        // Set-up under a tenth of the run: the whole run.
        assertArrayEquals(new long[] {0, 100_000}, SvgCharts.initialView(0, 100_000, 5_000, 97_000));
        // An idle tail of more than a tenth is cut too.
        assertArrayEquals(new long[] {0, 51_000}, SvgCharts.initialView(0, 100_000, 0, 50_000));
        assertArrayEquals(new long[] {0, 100_000}, SvgCharts.initialView(0, 100_000, Long.MAX_VALUE, Long.MIN_VALUE),
                "no jobs: the whole run");
        String html = render(LATE_JOBS);
        Matcher svg = Pattern.compile("<svg class=\"chart timeline\"[^>]*data-full-from=\"0\" "
                + "data-full-to=\"(\\d+)\" data-initial-from=\"(\\d+)\" data-initial-to=\"(\\d+)\"").matcher(html);
        assertTrue(svg.find(), "the timeline carries its ranges");
        assertTrue(Long.parseLong(svg.group(2)) > Long.parseLong(svg.group(1)) * 7 / 10, "starts at the first job");
        assertTrue(html.contains("The first 1m 20s, before the first job, are left out"));
        assertTrue(Pattern.compile("<g class=\"bar-job\" data-from=\"\\d+\" data-to=\"\\d+\">").matcher(html)
                .find(), "every bar carries its interval for the zoom");
    }

    @Test
    void rangeLabelSaysWhatIsShownWithUnits() {
        assertEquals("Showing the whole application: 0 s to +1m 37s.", SvgCharts.rangeLabel(0, 97_000, 97_000));
        assertTrue(SvgCharts.rangeLabel(1_500, 30_000, 97_000).startsWith(
                "Showing +1.5 s to +30.0 s after the application started (28.5 s of 1m 37s)."));
    }

    /** "label tone-x" for every card whose classes contain {@code prefix}. */
    private static List<String> cards(String html, String prefix) {
        List<String> found = new java.util.ArrayList<>();
        Matcher card = Pattern.compile("<div class=\"card([^\"]*)\"><div class=\"card-label\">([^<]*)</div>")
                .matcher(html);
        while (card.find()) {
            for (String css : card.group(1).trim().split(" ")) {
                if (css.startsWith(prefix)) {
                    found.add(card.group(2) + " " + css);
                }
            }
        }
        return found;
    }

    private static String render(Path log) throws Exception {
        AnalyzedLog analyzed = EventLogAnalysis.analyze(EventLogLocator.locate(log.toString()).get(0));
        DiagnosedLog diagnosed = new DiagnosedLog(analyzed, Diagnoser.diagnose(analyzed.application(),
                RuleSettings.defaults()));
        StringWriter out = new StringWriter();
        HtmlReport.render(List.of(diagnosed), "test", out);
        return out.toString();
    }

    private static String sha256(String text) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
