package dev.sparkdoc.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NewlineSearchTest {

    /** A search of {@code bytes[from, to)}, returning an index or -1. */
    private interface Search {
        int find(byte[] bytes, int from, int to);
    }

    @Test
    void findsTheFirstNewlineOrReturnLikeAPlainScan() {
        assertSameAsPlain(11, EventLogReader::indexOfLineEnd, NewlineSearchTest::plainScan);
    }

    @Test
    void findsTheLastNewlineOrReturnLikeAPlainScanBackwards() {
        assertSameAsPlain(12, EventLogReader::lastIndexOfLineEnd, NewlineSearchTest::plainScanBackwards);
    }

    private static void assertSameAsPlain(long seed, Search search, Search plain) {
        Random random = new Random(seed);
        for (int round = 0; round < 5_000; round++) {
            byte[] bytes = randomBytes(random);
            int from = random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            assertEquals(plain.find(bytes, from, to), search.find(bytes, from, to), "round " + round);
        }
    }

    /** Up to 100 bytes, line ends dense or sparse among bytes that differ from them by one bit or in the high bit. */
    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(100)];
        int kinds = random.nextBoolean() ? 14 : 400;
        for (int i = 0; i < bytes.length; i++) {
            // Bytes near '\n' (0x0A) and '\r' (0x0D), 0x0B/0x09/0x0C/0x0E exercise the borrow between lanes;
            // high bytes too (UTF-8).
            int kind = random.nextInt(kinds);
            bytes[i] = (byte) (kind == 0 ? '\n' : kind == 1 ? 0x0B : kind == 2 ? 0x09 : kind == 3 ? 0x8A
                    : kind == 4 ? '\r' : kind == 5 ? 0x0C : kind == 6 ? 0x0E : kind == 7 ? 0x8D
                    : random.nextInt(256));
        }
        return bytes;
    }

    private static int plainScanBackwards(byte[] bytes, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    private static int plainScan(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return -1;
    }
}
