package dev.sparkdoc.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FleetDigestReportTest {

    private static final String HOSTILE = "etl <script>alert(1)</script> | daily";

    private static FleetDigest digest() {
        return new FleetDigest(2, 1, 90_000,
                List.of(new FleetDigest.RuleRow("data-skew", 3, 2, 90_000)),
                List.of(new FleetDigest.RuleRow("data-skew", 3, 2, 90_000)),
                List.of(new FleetDigest.ApplicationRow(HOSTILE, Optional.of("app-1"), Optional.empty(),
                        OptionalLong.of(600_000), Optional.of("critical"), 90_000, 3, Optional.of("data-skew"),
                        "s3a://logs/app-1")),
                List.of(new FleetDigest.ChangeRow("spark.sql.adaptive.enabled", "true", 2, 90_000,
                        List.of("data-skew"))),
                List.of(new FleetDigest.Regression(HOSTILE, Optional.of("app-1"), 600_000, 200_000, 4,
                        "s3a://logs/app-1")),
                List.of(new FleetDigest.ErrorRow("first bytes are not JSON", 1, "s3a://logs/README",
                        "s3a://logs/README: first bytes are not JSON; point at an event log")),
                2, 60_000);
    }

    @Test
    void markdownEscapesTableCells() {
        String md = FleetDigestReport.markdown(digest(), "test");
        assertTrue(md.startsWith("# sparkdoc fleet digest\n\n2 applications analyzed, 1 log could not be analyzed;"
                + " time lost to the findings, all applications together: 1m 30s."), md);
        assertTrue(md.contains("| etl <script>alert(1)</script> \\| daily | app-1 |"), md);
        assertTrue(md.contains("| spark.sql.adaptive.enabled=true | 2 | 1m 30s | data-skew |"), md);
        assertTrue(md.contains("| 3.0x | 4 |"), md);
    }

    @Test
    void htmlIsOneSelfContainedPageWithEveryLogTextEscaped() {
        String html = FleetDigestReport.html(digest(), "test");
        assertFalse(html.contains("<script>"), "no script from a log, and none of its own");
        assertTrue(html.contains("etl &lt;script&gt;alert(1)&lt;/script&gt; | daily"), html);
        assertTrue(html.contains("Content-Security-Policy") && !html.contains("src=\"http"), html);
    }
}
