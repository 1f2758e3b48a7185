package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdoc.diagnosis.SaltingAdvice;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each skewed reference job plain and salted with real Spark (about a minute each): salting keeps the result,
 * removes the skew, and uses the key and bucket count the data-skew advice names.
 */
@Tag("slow")
class SaltCommandTest {

    private static final double WARNING_RATIO = 5;

    @TempDir
    Path logs;

    @ParameterizedTest
    @CsvSource({"skewed-aggregation, merchant, grouping", "skewed-join, customer_id, join"})
    void saltingKeepsTheResultAndRemovesTheSkew(String job, String key, String kind) throws IOException {
        CliRun run = CliRun.of("salt", job, "-o", "json", "--event-log-dir", logs.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());

        assertEquals("sparkdoc.salt/v1", report.path("schema").asText());
        assertTrue(report.path("identicalResults").asBoolean(), run.out());
        assertTrue(report.path("resultRows").asLong() > 0, run.out());

        JsonNode before = report.path("before");
        JsonNode after = report.path("after");
        assertTrue(before.path("dataSkewFinding").asBoolean(), run.out());
        assertEquals("critical", before.path("dataSkewSeverity").asText(), run.out());
        assertTrue(before.path("shuffleReadMaxOverMedian").asDouble() >= 10, run.out());
        assertTrue(before.path("shuffleReadMaxBytes").asLong() >= 64L << 20, run.out());
        assertTrue(before.path("taskDurationMaxMillis").asLong() > 0, run.out());

        assertFalse(after.path("dataSkewFinding").asBoolean(), run.out());
        assertTrue(after.path("shuffleReadMaxOverMedian").asDouble() < WARNING_RATIO, run.out());
        assertTrue(report.path("dataSkewGone").asBoolean(), run.out());
        assertEquals(report.path("ratios").path("shuffleReadMaxOverMedian").path("after").asDouble(),
                after.path("shuffleReadMaxOverMedian").asDouble(), 1e-9);
        assertTrue(before.path("wallTimeMillis").asLong() > 0 && after.path("wallTimeMillis").asLong() > 0);

        // The rewrite is the advice: same key, same bucket count.
        JsonNode advice = report.path("advice");
        assertEquals("advice", report.path("bucketsSource").asText());
        assertEquals(key, report.path("key").asText());
        assertEquals(key, advice.path("key").asText());
        int buckets = report.path("buckets").asInt();
        assertEquals(advice.path("buckets").asInt(), buckets);
        assertEquals(SaltingAdvice.bucketsFor(advice.path("ratio").asDouble()), buckets);
        assertTrue(advice.path("summary").asText().startsWith("Salt the " + kind + " key " + key + " over "
                + buckets + " buckets"), advice.path("summary").asText());
    }
}
