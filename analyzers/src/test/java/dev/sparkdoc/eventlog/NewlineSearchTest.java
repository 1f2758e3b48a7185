package dev.sparkdoc.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NewlineSearchTest {

    @Test
    void findsTheFirstNewlineLikeAPlainScan() {
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(100)];
            for (int i = 0; i < bytes.length; i++) {
                // Bytes near '\n' (0x0A) and 0x0B/0x09 exercise the borrow between lanes; high bytes too (UTF-8).
                int kind = random.nextInt(10);
                bytes[i] = (byte) (kind == 0 ? '\n' : kind == 1 ? 0x0B : kind == 2 ? 0x09 : kind == 3 ? 0x8A
                        : random.nextInt(256));
            }
            int from = random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            assertEquals(plainScan(bytes, from, to), EventLogReader.indexOfNewline(bytes, from, to),
                    "round " + round);
        }
    }

    private static int plainScan(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
