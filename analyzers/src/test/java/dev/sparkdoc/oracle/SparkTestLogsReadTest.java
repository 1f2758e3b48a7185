package dev.sparkdoc.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdoc.snapshot.ApplicationInfo;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.StageAttempt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every log Spark ships for its own tests reads without error, 1.x logs without LogStart and the rolling
 * {@code eventlog_v2_*} directory included, and what sparkdoc makes of it agrees with a plain scan of its lines.
 */
class SparkTestLogsReadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a naive line-by-line scan of the raw (uncompressed) log finds. */
    private record RawFacts(long lines, Optional<String> appId, boolean hasEnd, boolean hasLogStart,
            TreeSet<Integer> stageIds) {
    }

    @TestFactory
    Stream<DynamicTest> everySparkTestLogReads() throws IOException {
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> entries = Files.list(SparkTestResources.sparkEvents())) {
            entries.sorted().forEach(logs::add);
        }
        try (Stream<Path> entries = Files.walk(SparkTestResources.sparkEventsBroken())) {
            entries.filter(Files::isRegularFile).sorted().forEach(logs::add);
        }
        assertTrue(logs.size() >= 22, "expected Spark's 18 spark-events logs, the rolling directory and 4 broken ones");
        Path root = SparkTestResources.root();
        return logs.stream().map(log -> DynamicTest.dynamicTest(root.relativize(log).toString(), () -> check(log)));
    }

    private static void check(Path log) {
        SparkTestResources.LoadedLog loaded = SparkTestResources.load(log);
        RawFacts raw = scan(log);
        ApplicationSnapshot snapshot = loaded.snapshot();
        ApplicationInfo app = snapshot.application();

        assertEquals(0, loaded.summary().malformedLineCount(), "malformed lines " + loaded.summary().malformedLines());
        assertTrue(loaded.summary().streamError().isEmpty(), "stream error " + loaded.summary().streamError());
        assertFalse(loaded.summary().truncatedLastLine(), "truncated last line");
        assertEquals(raw.lines(), loaded.summary().events() + loaded.summary().skippedEventCount(),
                "every line is an event, folded or skipped");

        assertEquals(raw.appId(), app.id(), "app id from ApplicationStart");
        assertEquals(raw.hasLogStart(), app.sparkVersion().isPresent(), "Spark version exactly when LogStart is there");
        assertEquals(!raw.hasEnd(), !app.complete(), "incomplete exactly when there is no ApplicationEnd: "
                + app.incompleteReasons());

        TreeSet<Integer> ours = new TreeSet<>();
        for (StageAttempt stage : snapshot.stages()) {
            ours.add(stage.id().stageId());
        }
        assertEquals(raw.stageIds(), ours, "stage ids");
        if (!raw.stageIds().isEmpty()) {
            assertTrue(snapshot.stages().size() > 0, "stages");
        }
    }

    private static RawFacts scan(Path log) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(log)) {
            try (Stream<Path> entries = Files.list(log)) {
                entries.filter(p -> p.getFileName().toString().startsWith("events_")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            files.add(log);
        }
        long lines = 0;
        Optional<String> appId = Optional.empty();
        boolean hasEnd = false;
        boolean hasLogStart = false;
        TreeSet<Integer> stageIds = new TreeSet<>();
        for (Path file : files) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    lines++;
                    JsonNode event = JSON.readTree(line);
                    String name = event.path("Event").asText();
                    if (name.equals("SparkListenerApplicationStart") && event.has("App ID")) {
                        appId = Optional.of(event.get("App ID").asText());
                    } else if (name.equals("SparkListenerApplicationEnd")) {
                        hasEnd = true;
                    } else if (name.equals("SparkListenerLogStart")) {
                        hasLogStart = true;
                    } else if (name.equals("SparkListenerStageSubmitted")) {
                        stageIds.add(event.get("Stage Info").get("Stage ID").asInt());
                    } else if (name.equals("SparkListenerJobStart") && event.has("Stage Infos")) {
                        event.get("Stage Infos").forEach(info -> stageIds.add(info.get("Stage ID").asInt()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new RawFacts(lines, appId, hasEnd, hasLogStart, stageIds);
    }
}
