package dev.sparkdoc.eventlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/** gzip members read back exactly; bytes after them that are no member, a bad checksum or a cut are errors. */
class GzipMembersTest {

    @Test
    void membersConcatenatedReadBackAsOneStream() throws IOException {
        byte[] first = text(200_000, 1);
        byte[] second = text(70_000, 2);
        byte[] data = concat(gzip(first), gzip(second));
        assertArrayEquals(concat(first, second), readAll(new GzipMembers(new ByteArrayInputStream(data))));
    }

    @Test
    void trailingGarbageIsAnErrorAfterTheDataBeforeIt() throws IOException {
        byte[] plain = text(100_000, 3);
        byte[] data = concat(gzip(plain), "not gzip at all".getBytes(StandardCharsets.US_ASCII));
        GzipMembers in = new GzipMembers(new ByteArrayInputStream(data));
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        ZipException error = assertThrows(ZipException.class, () -> in.transferTo(read));
        assertTrue(error.getMessage().contains("trailing garbage"), error.getMessage());
        assertArrayEquals(plain, read.toByteArray(), "every byte before the garbage is read");
    }

    @Test
    void aBadChecksumOrACutIsAnError() throws IOException {
        byte[] data = gzip(text(10_000, 4));
        byte[] badCrc = data.clone();
        badCrc[badCrc.length - 8] ^= 1;
        assertThrows(ZipException.class, () -> readAll(new GzipMembers(new ByteArrayInputStream(badCrc))));
        byte[] cut = Arrays.copyOf(data, data.length / 2);
        assertThrows(IOException.class, () -> readAll(new GzipMembers(new ByteArrayInputStream(cut))));
        assertThrows(ZipException.class, () -> new GzipMembers(new ByteArrayInputStream(new byte[] {1, 2, 3})));
    }

    private static byte[] text(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (random.nextInt(8) == 0 ? '\n' : 'a' + random.nextInt(26));
        }
        return bytes;
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
