package dev.sparkdoc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * The reader benchmark's code paths on a small generated log, as CI runs them: every warm measure, the fold on every
 * codec Spark writes, and both sides of the comparison (sparkdoc and Spark's own replay) on every codec. It fails on a
 * crash or a wrong result, never on a timing.
 */
@Tag("slow")
class ReaderBenchmarkSmokeTest {

    private static final long TASKS = 1_000;

    @Test
    void everyModeAndSideRunsOnEveryCodecAndAgrees(@TempDir Path directory) throws Exception {
        Path plain = directory.resolve("application_1766000000000_0042_1");
        EventLogGenerator.Stats stats = EventLogGenerator.generate(EventLogGenerator.Config.ofTasks(TASKS), plain,
                false);
        Map<String, Path> copies = WarmBenchmark.compressedCopies(plain, WarmBenchmark.CODECS);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        WarmBenchmark.Report report = WarmBenchmark.run(plain, copies, 1, 1,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        // run() itself throws when measures or codecs disagree; here, against what the generator wrote
        assertEquals(stats.lines(), report.outcomes().get("scan").lines());
        assertEquals(stats.successfulTasks(), report.outcomes().get("jackson").successfulTasks());
        assertEquals(stats.successfulTasks(), report.outcomes().get("fold").successfulTasks());
        assertEquals(stats.lines(), report.outcomes().get("fold").events());
        assertFalse(report.outcomes().get("fold").findings().isEmpty(), "the generated log has findings to compare");
        for (String codec : WarmBenchmark.CODECS) {
            assertEquals(report.outcomes().get("fold"), report.outcomes().get("fold+" + codec), codec);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        for (String expected : List.of("| scan ", "| jackson ", "| parse ", "| fold ", "| fold+lz4 ", "| fold+lzf ",
                "| fold+snappy ", "| fold+zstd ", "parse / jackson = ", "fold / jackson = ", "fold / scan = ",
                "codec overhead lz4", "codec overhead zstd", "every run agreed", "| fold2 ", "| fold2+zstd ",
                "fold2 / fold = ")) {
            assertTrue(text.contains(expected), () -> "missing \"" + expected + "\" in" + System.lineSeparator()
                    + text);
        }

        // both sides of the forked comparison, here in this JVM, on the plain log and every codec
        List<Path> logs = new ArrayList<>(List.of(plain));
        logs.addAll(copies.values());
        Path generatedZstd = directory.resolve("application_1766000000000_0043_1.zstd");
        EventLogGenerator.generate(EventLogGenerator.Config.ofTasks(TASKS), generatedZstd, true);
        logs.add(generatedZstd);
        for (Path log : logs) {
            SideResult sparkdoc = Sides.sparkdoc(log.toString());
            SideResult spark = Sides.spark(log);
            assertEquals(stats.successfulTasks(), sparkdoc.successfulTasks(), log.toString());
            assertEquals(stats.successfulTasks(), spark.successfulTasks(), log.toString());
            assertEquals(spark.events(), sparkdoc.events(), log.toString());
            assertEquals(Files.size(log), sparkdoc.rawBytes(), log.toString());
            String row = ReaderBenchmark.row(ReaderBenchmark.median(List.of(sparkdoc, sparkdoc, sparkdoc)),
                    Files.size(log));
            assertTrue(row.startsWith("| sparkdoc |") && row.contains(String.format("%,d", TASKS)), row);
        }
    }

    @Test
    void aCodecCopyThatReadsDifferentlyFailsTheRun(@TempDir Path directory) throws Exception {
        Path plain = directory.resolve("application_1766000000000_0042_1");
        EventLogGenerator.generate(EventLogGenerator.Config.ofTasks(TASKS), plain, false);
        Path other = directory.resolve("other").resolve("application_1766000000000_0042_1");
        Files.createDirectories(other.getParent());
        EventLogGenerator.generate(EventLogGenerator.Config.ofTasks(TASKS / 2), other, false);
        Map<String, Path> copies = new LinkedHashMap<>(WarmBenchmark.compressedCopies(other, List.of("lz4")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WarmBenchmark.run(plain, copies, 0,
                1, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("lz4 differs from plain"), e.getMessage());
    }
}
