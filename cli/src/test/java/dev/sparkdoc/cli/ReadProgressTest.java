package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar's text, on a clock the test moves. */
class ReadProgressTest {

    private static final long MIB = 1 << 20;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StringWriter err = new StringWriter();

    @Test
    void nothingIsDrawnBeforeTheDelay() {
        try (ReadProgress progress = progress(200 * MIB)) {
            progress.accept(MIB);
            advanceMillis(999);
            progress.accept(2 * MIB);
        }
        assertEquals("", err.toString());
    }

    @Test
    void aKnownSizeShowsBytesRatePercentAndTimeLeftThenErasesItself() throws Exception {
        try (ReadProgress progress = progress(200 * MIB)) {
            advanceMillis(2000);
            progress.accept(50 * MIB);
            Thread.sleep(1300); // progressbar computes a rate after a whole second
            String drawn = err.toString();
            assertTrue(drawn.startsWith("\r") && drawn.contains("Reading app.zstd"), drawn);
            assertTrue(drawn.contains("25%"), drawn);
            assertTrue(drawn.contains("50/200 MiB"), drawn);
            assertTrue(drawn.matches("(?s).*\\d+\\.\\d MiB/s.*"), "a rate: " + drawn);
            assertTrue(drawn.matches("(?s).*\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d.*"), "elapsed / left: " + drawn);
        }
        assertTrue(err.toString().endsWith("\r" + " ".repeat(99) + "\r"), "erased: [" + err + "]");
    }

    @Test
    void anUnknownSizeShowsBytesAndRateWithoutTimeLeft() throws Exception {
        try (ReadProgress progress = progress(-1)) {
            advanceMillis(2000);
            progress.accept(30 * MIB);
            Thread.sleep(1300); // progressbar computes a rate after a whole second
            String drawn = err.toString();
            assertTrue(drawn.contains("Reading app.zstd") && drawn.contains("30/? MiB"), drawn);
            assertTrue(drawn.matches("(?s).*\\d+\\.\\d MiB/s.*"), "a rate: " + drawn);
            assertFalse(drawn.matches("(?s).*\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d.*"), "no time left: " + drawn);
            assertFalse(drawn.matches("(?s).*\\d%.*"), "no percentage: " + drawn);
        }
    }

    @Test
    void noColourWithoutColourAndNoEscapesAtAll() throws Exception {
        try (ReadProgress progress = new ReadProgress("/logs/app.zstd", 100 * MIB, new PrintWriter(err), 100, false,
                1000, now::get)) {
            advanceMillis(1500);
            progress.accept(10 * MIB);
            Thread.sleep(1300); // progressbar computes a rate after a whole second
        }
        assertFalse(err.toString().contains("\u001b"), "NO_COLOR: no escape sequences: " + err);
    }

    private ReadProgress progress(long size) {
        return new ReadProgress("/logs/app.zstd", size, new PrintWriter(err), 100, true, 1000, now::get);
    }

    private void advanceMillis(long millis) {
        now.addAndGet(millis * 1_000_000);
    }
}
