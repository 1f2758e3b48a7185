package dev.sparkdoc.eventlog;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * gzip data of one or more members (RFC 1952), each checked against its CRC-32 and length. Unlike
 * {@link java.util.zip.GZIPInputStream}, which ends silently at bytes after a member that are not another member,
 * bytes that are neither a member nor the end are an error here ("trailing garbage", as gzip says), so the reader
 * reports the damage after the events it decoded instead of hiding it.
 */
final class GzipMembers extends InputStream {

    private static final int BUFFER = 64 * 1024;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final PushbackInputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] input = new byte[BUFFER];
    /** How many bytes of {@link #input} the inflater was given last: its unread rest belongs after the member. */
    private int lastInput;
    private boolean inMember;
    private boolean ended;

    GzipMembers(InputStream raw) throws IOException {
        this.in = new PushbackInputStream(raw, BUFFER);
        if (!startMember(true)) {
            throw new EOFException("no gzip data");
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!ended) {
            if (!inMember && !startMember(false)) {
                ended = true;
                break;
            }
            int n;
            try {
                n = inflater.inflate(buffer, offset, length);
            } catch (DataFormatException e) {
                throw new ZipException("corrupt gzip data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(buffer, offset, n);
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsInput()) {
                int read = in.read(input, 0, input.length);
                if (read < 0) {
                    throw new EOFException("gzip data cut short inside a member");
                }
                inflater.setInput(input, 0, read);
                lastInput = read;
            } else if (inflater.needsDictionary()) {
                throw new ZipException("corrupt gzip data: a preset dictionary is not gzip");
            }
        }
        return -1;
    }

    /** Reads the next member's header; false at the end of the data. Bytes that are no header are garbage. */
    private boolean startMember(boolean first) throws IOException {
        int id1 = in.read();
        if (id1 < 0) {
            return false;
        }
        int id2 = in.read();
        if (id1 != 0x1f || id2 != 0x8b) {
            throw new ZipException(first ? "not gzip data" : "trailing garbage after the gzip data");
        }
        int method = readByte();
        int flags = readByte();
        if (method != 8) {
            throw new ZipException("unsupported gzip compression method " + method);
        }
        skip(6);
        if ((flags & FEXTRA) != 0) {
            skip(readByte() | readByte() << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skip(2);
        }
        inflater.reset();
        crc.reset();
        inMember = true;
        return true;
    }

    /** Checks a finished member's trailer (CRC-32 and length) and gives back the input read past it. */
    private void endMember() throws IOException {
        int remaining = inflater.getRemaining();
        if (remaining > 0) {
            in.unread(input, lastInput - remaining, remaining);
        }
        long expectedCrc = readInt();
        long expectedSize = readInt();
        if (expectedCrc != crc.getValue() || expectedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ZipException("corrupt gzip data: a member's checksum or length does not match");
        }
        inMember = false;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("gzip data cut short in a header or trailer");
        }
        return b;
    }

    private long readInt() throws IOException {
        return (readByte() | readByte() << 8 | readByte() << 16 | (long) readByte() << 24) & 0xffffffffL;
    }

    private void skip(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            readByte();
        }
    }

    private void skipZeroTerminated() throws IOException {
        while (readByte() != 0) {
            // a file name or comment
        }
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
