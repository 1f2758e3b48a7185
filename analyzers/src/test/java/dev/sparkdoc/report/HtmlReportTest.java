package dev.sparkdoc.report;

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
    void niceStepsForTheTimeAxis() {
        assertEquals(1, SvgCharts.niceStep(0.3));
        assertEquals(2000, SvgCharts.niceStep(1500));
        assertEquals(5000, SvgCharts.niceStep(2500));
        assertEquals(10_000, SvgCharts.niceStep(7000));
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
