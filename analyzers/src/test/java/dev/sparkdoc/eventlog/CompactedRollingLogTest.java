package dev.sparkdoc.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling log the History Server compacted: reading starts at the last .compact part (earlier parts are
 * superseded) and the report says task statistics are partial.
 */
class CompactedRollingLogTest {

    @Test
    void readingStartsAtTheLastCompactPartAndFlagsIt(@TempDir Path directory) throws Exception {
        Path source = Path.of("src", "test", "resources", "eventlogs", "nvidia-spark-rapids-tools",
                "spark-events-qualification", "truncated_eventlog");
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        int half = lines.size() / 2;
        Path rolling = Files.createDirectory(directory.resolve("eventlog_v2_local-1622043423018"));
        // events_1 is superseded by the compact file; its content must not be read twice.
        write(rolling.resolve("events_1_local-1622043423018"), lines.subList(0, half));
        write(rolling.resolve("events_1_local-1622043423018.compact"), lines.subList(0, half));
        write(rolling.resolve("events_2_local-1622043423018"), lines.subList(half, lines.size()));
        Files.createFile(rolling.resolve("appstatus_local-1622043423018"));

        EventLogSource log = EventLogLocator.locate(rolling.toString()).get(0);
        assertTrue(log.compacted());
        assertEquals(List.of("events_1_local-1622043423018.compact", "events_2_local-1622043423018"),
                log.parts().stream().map(part -> part.path().orElseThrow().getFileName().toString()).toList());
        AnalyzedLog analyzed = EventLogAnalysis.analyze(log);
        assertEquals(lines.size(), analyzed.read().lines());
        assertTrue(analyzed.application().application().incompleteReasons().stream()
                .anyMatch(reason -> reason.contains("compacted")), analyzed.application().application().toString());
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
