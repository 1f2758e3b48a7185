package dev.sparkdoc.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogReader;
import dev.sparkdoc.eventlog.ReadSummary;
import dev.sparkdoc.fold.ApplicationFolder;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.StageAttempt;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogGeneratorTest {

    private static final EventLogGenerator.Config SMALL = new EventLogGenerator.Config(5_000, 8, 4, 6, 7L);

    @Test
    void everyLineIsJsonAndTheTaskEndsLookLikeSpark42() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventLogGenerator.Stats stats = EventLogGenerator.generate(SMALL, out);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Integer> counts = new HashMap<>();
        JsonNode taskEnd = null;
        String[] lines = out.toString(StandardCharsets.US_ASCII).split("\n");
        for (String line : lines) {
            JsonNode event = mapper.readTree(line);
            counts.merge(event.get("Event").asText(), 1, Integer::sum);
            if (taskEnd == null && event.get("Event").asText().equals("SparkListenerTaskEnd")
                    && event.get("Task Type").asText().equals("ResultTask")) {
                taskEnd = event;
            }
        }
        assertEquals(stats.lines(), lines.length);
        assertEquals(5_000, stats.successfulTasks());
        assertEquals(stats.taskAttempts(), (long) counts.get("SparkListenerTaskStart"));
        assertEquals(stats.taskAttempts(), (long) counts.get("SparkListenerTaskEnd"));
        assertEquals(6, counts.get("SparkListenerStageSubmitted"));
        assertEquals(6, counts.get("SparkListenerStageCompleted"));
        assertEquals(8, counts.get("SparkListenerExecutorAdded"));
        assertEquals(3, counts.get("org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart"));
        assertEquals(1, counts.get("SparkListenerApplicationEnd"));
        JsonNode metrics = taskEnd.get("Task Metrics");
        assertTrue(metrics.get("Shuffle Read Metrics").get("Push Based Shuffle").has("Merged Fetch Fallback Count"));
        assertTrue(metrics.get("Shuffle Read Metrics").get("Remote Bytes Read").asLong() > 0);
        assertTrue(taskEnd.get("Task Executor Metrics").has("ConcurrentGCTime"));
        assertTrue(taskEnd.get("Task Info").get("Accumulables").size() > 5);
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        EventLogGenerator.generate(SMALL, first);
        EventLogGenerator.generate(SMALL, second);
        assertArrayEquals(first.toByteArray(), second.toByteArray());
    }

    @Test
    void sparkdocAndSparkBothReadTheZstdLogCompletely(@TempDir Path directory) throws Exception {
        Path log = directory.resolve("application_1_0001.zstd");
        EventLogGenerator.Stats stats = EventLogGenerator.generate(SMALL, log, true);

        ApplicationFolder folder = new ApplicationFolder();
        ReadSummary summary = new EventLogReader().read(EventLogLocator.locate(log.toString()).get(0), folder);
        ApplicationSnapshot snapshot = folder.snapshot();
        long successful = 0;
        for (StageAttempt stage : snapshot.stages()) {
            successful += stage.numCompleteTasks();
        }
        assertEquals(stats.bytes(), summary.uncompressedBytes());
        assertEquals(stats.lines(), summary.lines());
        assertEquals(0, summary.malformedLineCount());
        assertEquals(5_000, successful);
        assertTrue(snapshot.application().endTime().isPresent());

        SideResult spark = Sides.spark(log);
        assertEquals(stats.bytes(), spark.uncompressedBytes());
        assertEquals(Files.size(log), spark.rawBytes());
        assertEquals(5_000, spark.successfulTasks());
    }

    @Test
    void resultLinesRoundTrip() {
        SideResult result = new SideResult("spark", 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(result, SideResult.parse(result.toLine()));
    }
}
