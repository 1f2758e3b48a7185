package dev.sparkdoc.eventlog;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Follows the frame structure of a raw zstd stream as the decoder reads it (RFC 8878: frame header, blocks, optional
 * checksum; skippable frames), to tell whether the stream ended between frames. zstd-jni's stream reports the end of
 * a stream cut inside its second or later frame as a clean end of data; {@link #checkedEnd} turns that into an
 * error, raised only once every decoded byte has been handed out.
 */
final class ZstdFrames extends FilterInputStream {

    private enum State { UNKNOWN, MAGIC, DESCRIPTOR, HEADER_REST, BLOCK_HEADER, BLOCK_BODY, CHECKSUM, SKIPPABLE_SIZE, SKIPPABLE_BODY }

    private State state = State.MAGIC;
    /** Bytes of the current field seen so far, and their value (little-endian). */
    private int fieldBytes;
    private long fieldValue;
    /** Bytes still to pass in the current field or body. */
    private long remaining = 4;
    private boolean lastBlock;
    private boolean checksum;

    ZstdFrames(InputStream raw) {
        super(raw);
    }

    /** True when the bytes so far end exactly between two frames (or before any). */
    boolean betweenFrames() {
        return state == State.MAGIC && fieldBytes == 0;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            observe(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        int i = 0;
        while (i < read && state != State.UNKNOWN) {
            if ((state == State.BLOCK_BODY || state == State.SKIPPABLE_BODY) && remaining > 0) {
                int skip = (int) Math.min(remaining, read - i);
                remaining -= skip;
                i += skip;
                if (remaining == 0) {
                    bodyDone();
                }
                continue;
            }
            observe(buffer[offset + i] & 0xFF);
            i++;
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        // The decoder never skips raw bytes; reading keeps the frame state right.
        byte[] discard = new byte[(int) Math.min(n, 8192)];
        int read = read(discard, 0, discard.length);
        return Math.max(read, 0);
    }

    private void observe(int b) {
        switch (state) {
            case MAGIC -> {
                if (field(b, 4)) {
                    if (fieldValue == 0xFD2FB528L) {
                        state = State.DESCRIPTOR;
                    } else if ((fieldValue & 0xFFFFFFF0L) == 0x184D2A50L) {
                        start(State.SKIPPABLE_SIZE, 4);
                    } else {
                        // Not zstd: the decoder reports it; stop following.
                        state = State.UNKNOWN;
                    }
                }
            }
            case DESCRIPTOR -> {
                int contentSizeFlag = b >>> 6;
                boolean singleSegment = (b & 0x20) != 0;
                checksum = (b & 0x04) != 0;
                int dictionaryIdFlag = b & 0x03;
                int contentSizeBytes = switch (contentSizeFlag) {
                    case 0 -> singleSegment ? 1 : 0;
                    case 1 -> 2;
                    case 2 -> 4;
                    default -> 8;
                };
                int rest = (singleSegment ? 0 : 1) + (dictionaryIdFlag == 3 ? 4 : dictionaryIdFlag) + contentSizeBytes;
                if (rest == 0) {
                    start(State.BLOCK_HEADER, 3);
                } else {
                    state = State.HEADER_REST;
                    remaining = rest;
                }
            }
            case HEADER_REST -> {
                if (--remaining == 0) {
                    start(State.BLOCK_HEADER, 3);
                }
            }
            case BLOCK_HEADER -> {
                if (field(b, 3)) {
                    lastBlock = (fieldValue & 1) != 0;
                    int type = (int) ((fieldValue >>> 1) & 3);
                    long size = fieldValue >>> 3;
                    state = State.BLOCK_BODY;
                    remaining = type == 1 ? 1 : size;
                    if (remaining == 0) {
                        bodyDone();
                    }
                }
            }
            case CHECKSUM -> {
                if (--remaining == 0) {
                    start(State.MAGIC, 4);
                }
            }
            case SKIPPABLE_SIZE -> {
                if (field(b, 4)) {
                    state = State.SKIPPABLE_BODY;
                    remaining = fieldValue;
                    if (remaining == 0) {
                        bodyDone();
                    }
                }
            }
            case BLOCK_BODY, SKIPPABLE_BODY -> {
                if (--remaining == 0) {
                    bodyDone();
                }
            }
            case UNKNOWN -> {
            }
        }
    }

    private void bodyDone() {
        if (state == State.SKIPPABLE_BODY) {
            start(State.MAGIC, 4);
        } else if (!lastBlock) {
            start(State.BLOCK_HEADER, 3);
        } else if (checksum) {
            state = State.CHECKSUM;
            remaining = 4;
        } else {
            start(State.MAGIC, 4);
        }
    }

    private void start(State next, int bytes) {
        state = next;
        fieldBytes = 0;
        fieldValue = 0;
        remaining = bytes;
    }

    /** Adds a byte to a little-endian field of {@code size} bytes; true when it is complete. */
    private boolean field(int b, int size) {
        fieldValue |= (long) b << (8 * fieldBytes);
        fieldBytes++;
        return fieldBytes == size;
    }

    /** {@code decoded}, which fails at its end if the raw stream under it stopped inside a frame. */
    static InputStream checkedEnd(InputStream decoded, ZstdFrames frames) {
        return new FilterInputStream(decoded) {
            @Override
            public int read() throws IOException {
                return check(super.read());
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return check(super.read(buffer, offset, length));
            }

            private int check(int read) throws IOException {
                if (read < 0 && !frames.betweenFrames()) {
                    throw new EOFException("the zstd stream ends inside a frame (the file was cut short)");
                }
                return read;
            }
        };
    }
}
