package dev.sparkdoc.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes ASCII JSON text straight into a fixed byte buffer that is flushed to a stream when full, so generating
 * gigabytes of event log costs no per-line string and no charset encoding. Holds at most {@link #CAPACITY} bytes.
 */
final class JsonLineSink implements AutoCloseable {

    private static final int CAPACITY = 1 << 18;
    private static final int MAX_DIGITS = 20;

    private final OutputStream out;
    private final byte[] buffer = new byte[CAPACITY];
    private int position;
    private long written;
    private long lines;

    JsonLineSink(OutputStream out) {
        this.out = out;
    }

    /** Constant text, already encoded. */
    JsonLineSink raw(byte[] bytes) throws IOException {
        if (bytes.length > CAPACITY) {
            flushBuffer();
            out.write(bytes);
            written += bytes.length;
            return this;
        }
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
        return this;
    }

    /** ASCII text written as is (the caller knows it needs no escaping). */
    JsonLineSink raw(String ascii) throws IOException {
        return raw(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /** A JSON string literal, quotes included. */
    JsonLineSink string(String value) throws IOException {
        StringBuilder escaped = new StringBuilder(value.length() + 2);
        escaped.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        escaped.append('"');
        return raw(escaped.toString());
    }

    JsonLineSink number(long value) throws IOException {
        ensure(MAX_DIGITS);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return raw(Long.toString(value));
            }
            buffer[position++] = '-';
            value = -value;
        }
        if (value == 0) {
            buffer[position++] = '0';
            return this;
        }
        int digits = 0;
        for (long rest = value; rest > 0; rest /= 10) {
            digits++;
        }
        int end = position + digits;
        for (int i = end - 1; i >= position; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        position = end;
        return this;
    }

    /** A number written as a JSON string, the way Spark writes SQL metric values. */
    JsonLineSink quotedNumber(long value) throws IOException {
        ensure(1);
        buffer[position++] = '"';
        number(value);
        ensure(1);
        buffer[position++] = '"';
        return this;
    }

    JsonLineSink bool(boolean value) throws IOException {
        return raw(value ? TRUE : FALSE);
    }

    void endLine() throws IOException {
        ensure(1);
        buffer[position++] = '\n';
        lines++;
    }

    long bytesWritten() {
        return written + position;
    }

    long lines() {
        return lines;
    }

    void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }

    private void ensure(int bytes) throws IOException {
        if (position + bytes > CAPACITY) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        if (position > 0) {
            out.write(buffer, 0, position);
            written += position;
            position = 0;
        }
    }

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
}
