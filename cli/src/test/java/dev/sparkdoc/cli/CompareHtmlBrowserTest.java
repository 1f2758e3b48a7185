package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compare page as a person sees it: written by 'sparkdoc compare -o html', opened in Debian's Chromium
 * (headless), checked for errors (a style its policy blocked would be one) and network use, and photographed into
 * target/html-report/.
 */
class CompareHtmlBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "html-report");

    @TempDir
    static Path temporary;

    private static HeadlessChromium chromium;

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
    void regressionPageLoadsCleanlyWithItsStyleAndShowsTheRegressedStage() throws Exception {
        Path page = temporary.resolve("compare.html");
        CliRun run = CliRun.of("compare", "-o", "html", "--out", page.toString(), CompareCommandTest.BASELINE,
                CompareCommandTest.SLOW);
        assertEquals(0, run.exitCode(), run.err());
        chromium.open(page, 1280, 900);
        assertEquals(List.of(), chromium.errors());
        for (String url : chromium.requests()) {
            assertTrue(url.startsWith("file:") || url.startsWith("data:"), "the page requested " + url);
        }
        assertEquals(0, chromium.evaluate("document.scripts.length").asInt());
        assertTrue(chromium.evaluate("document.querySelectorAll('table.stages tr.regressed').length").asInt() >= 1);
        assertEquals("rgb(29, 35, 48)", chromium.evaluate(
                "getComputedStyle(document.querySelector('header.top')).backgroundColor").asText(),
                "the inline style applies: the policy allows it by hash");
        chromium.screenshot(SCREENSHOTS.resolve("compare-regression.png"), 3000);
        assertTrue(Files.size(SCREENSHOTS.resolve("compare-regression.png")) > 10_000);

        chromium.open(page, 800, 900);
        assertTrue(chromium.evaluate("document.documentElement.scrollWidth").asInt() <= 800,
                "the page scrolls sideways at 800 px");
        assertTrue(chromium.evaluate("(() => { const d = document.querySelector('table.stages').parentNode;"
                + " return d.scrollWidth <= d.clientWidth; })()").asBoolean(),
                "the stage table scrolls sideways at 800 px: its cells wrap instead");
        chromium.screenshot(SCREENSHOTS.resolve("compare-regression-800.png"), 3000);
    }
}
