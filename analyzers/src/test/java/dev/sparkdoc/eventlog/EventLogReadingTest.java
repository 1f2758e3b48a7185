package dev.sparkdoc.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.fold.ApplicationFolder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading layer on real Spark 4.2.0 logs: layouts, codecs, standard input, and input it must refuse. */
class EventLogReadingTest {

    @Test
    void rollingDirectoryIsReadPartByPartInOrder() throws Exception {
        for (String variant : List.of("rolling-zstd", "rolling-lz4")) {
            List<EventLogSource> sources = EventLogLocator.locate(TestLogs.spark42(variant).toString());
            assertEquals(1, sources.size());
            EventLogSource source = sources.get(0);
            assertEquals(EventLogSource.Layout.ROLLING, source.layout());
            assertFalse(source.inProgress(), variant + ": appstatus has no .inprogress");
            assertTrue(source.parts().size() >= 3, variant + " should have rolled at least twice");
            for (int i = 0; i < source.parts().size(); i++) {
                String part = Path.of(source.parts().get(i).displayName()).getFileName().toString();
                assertTrue(part.startsWith("events_" + (i + 1) + "_"), part + " at position " + i);
            }

            List<SparkEvent> events = new ArrayList<>();
            ReadSummary summary = new EventLogReader().read(source, events::add);
            assertEquals(0, summary.malformedLineCount());
            assertFalse(summary.truncatedLastLine());
            assertTrue(summary.streamError().isEmpty());
            assertInstanceOf(SparkEvent.LogStart.class, events.get(0), "only events_1 starts with LogStart");
            assertInstanceOf(SparkEvent.ApplicationEnd.class, events.get(events.size() - 1));
            int lastJob = -1;
            for (SparkEvent event : events) {
                if (event instanceof SparkEvent.JobStart start) {
                    assertEquals(lastJob + 1, start.jobId(), variant + ": jobs out of order across parts");
                    lastJob = start.jobId();
                }
            }
            assertEquals(4, lastJob, variant + ": the fixture job plus two many-task jobs give jobs 0 to 4");
        }
    }

    @Test
    void truncatedInProgressLogIsReadUpToTheCutAndFlaggedIncomplete() throws Exception {
        TestLogs.Read read = TestLogs.read(TestLogs.spark42("inprogress-truncated"));
        assertTrue(read.source().inProgress());
        assertTrue(read.summary().truncatedLastLine());
        assertEquals(0, read.summary().malformedLineCount());
        assertTrue(read.summary().streamError().isEmpty());
        assertFalse(read.snapshot().application().complete());
        assertTrue(read.snapshot().application().endTime().isEmpty());
        assertFalse(read.snapshot().stages().isEmpty());
    }

    @Test
    void standardInputIsReadWithTheCodecSniffedFromItsFirstBytes() throws Exception {
        TestLogs.Read plain = TestLogs.read(TestLogs.spark42("single-plain"));
        for (String variant : TestLogs.SINGLE_FILE_VARIANTS) {
            byte[] bytes = Files.readAllBytes(TestLogs.spark42(variant));
            List<EventLogSource> sources = EventLogLocator.locate("-");
            assertEquals(1, sources.size());
            EventLogSource source = sources.get(0);
            assertEquals(EventLogSource.Layout.STDIN, source.layout());
            assertTrue(source.parts().get(0).codec().isEmpty(), "stdin has no name to take a codec from");

            InputStream original = System.in;
            TestLogs.Read read;
            try {
                System.setIn(new ByteArrayInputStream(bytes));
                read = TestLogs.read(source);
            } finally {
                System.setIn(original);
            }
            assertEquals(0, read.summary().malformedLineCount(), variant);
            assertTrue(read.summary().streamError().isEmpty(), variant);
            assertEquals(plain.snapshot().stages().size(), read.snapshot().stages().size(), variant);
            assertTrue(read.snapshot().application().complete(), variant);
            if (variant.equals("single-plain")) {
                assertEquals(plain.summary().events(), read.summary().events());
                assertEquals(plain.summary().uncompressedBytes(), read.summary().uncompressedBytes());
            }
        }
    }

    @Test
    void corruptZstdGivesAStreamErrorOrAnExceptionNamingTheFile(@TempDir Path temp) throws Exception {
        byte[] bytes = Files.readAllBytes(TestLogs.spark42("single-zstd"));
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            bytes[i] = (byte) (bytes[i] ^ 0x5A);
        }
        Path corrupt = temp.resolve("local-1795000000000.zstd");
        Files.write(corrupt, bytes);
        try {
            TestLogs.Read read = TestLogs.read(corrupt);
            String error = read.summary().streamError().orElseThrow(
                    () -> new AssertionError("a corrupt stream was read without a stream error"));
            assertTrue(error.contains(corrupt.toString()), error);
            assertFalse(error.contains("\n"), "one line: " + error);
            assertFalse(read.snapshot().application().complete(), "a log cut short by corruption is incomplete");
        } catch (EventLogException e) {
            assertTrue(e.getMessage().contains(corrupt.toString()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void emptyDirectoryIsRefused(@TempDir Path temp) {
        assertRefused(temp, temp.toString());
    }

    @Test
    void missingFileIsRefused(@TempDir Path temp) {
        assertRefused(temp.resolve("no-such-log"), "no such file");
    }

    @Test
    void textThatIsNotAnEventLogIsRefused(@TempDir Path temp) throws Exception {
        Path driverLog = temp.resolve("driverlog");
        Files.writeString(driverLog, """
                25/11/21 08:52:36 INFO SparkContext: Running Spark version 4.2.0
                25/11/21 08:52:36 INFO ResourceUtils: No custom resources configured for spark.driver.
                25/11/21 08:52:37 INFO SparkContext: Submitted application: sparkdoc-codec-fixture
                """, StandardCharsets.UTF_8);
        EventLogException e = assertRefused(driverLog, "not a Spark event log");
        assertTrue(e.location().contains("driverlog"), e.location());
    }

    @Test
    void unknownCodecSuffixIsRefused(@TempDir Path temp) throws Exception {
        Path bz2 = temp.resolve("x.bz2");
        Files.write(bz2, new byte[] {'B', 'Z', 'h', '9'});
        EventLogException e = assertRefused(bz2, "bz2");
        assertTrue(e.location().contains("x.bz2"), e.location());
    }

    /** Locating and reading {@code path} fails with a one-line message: location, problem and remedy. */
    private static EventLogException assertRefused(Path path, String messagePart) {
        EventLogException e = assertThrows(EventLogException.class, () -> {
            for (EventLogSource source : EventLogLocator.locate(path.toString())) {
                new EventLogReader().read(source, new ApplicationFolder());
            }
        });
        assertFalse(e.location().isBlank(), "location");
        assertFalse(e.problem().isBlank(), "problem");
        assertFalse(e.remedy().isBlank(), "remedy");
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }
}
