package dev.sparkdoc.eventlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.JsonReadContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import java.io.IOException;
import java.util.Map;

/**
 * Jackson's UTF-8 parser, made to serve many lines and to step over values nobody reads.
 *
 * <ul>
 *   <li>{@link #reset} points the same parser at the next line, instead of a new parser, I/O context, symbol table,
 *       text buffer and read contexts per line (half of a pass's allocation before). Field names stay canonical in
 *       the parser's own symbol table; when that grows past {@link #MAX_SYMBOLS} (a log of ever new field names),
 *       the caller gets {@code false} and makes a new parser.</li>
 *   <li>{@link #skipValue} steps over an array or object with {@link RawJsonSkipper}, which checks it as Jackson
 *       would but makes no tokens: a malformed line stays a bad line.</li>
 *   <li>{@link #readNumbers} reads an object of name-to-integer fields (task and executor metrics) by bytes, or
 *       leaves it to Jackson when it holds anything else.</li>
 * </ul>
 *
 * <p>Only for lines that are plainly UTF-8 (see {@link #create}); anything else gets Jackson's own parser, which
 * detects other encodings.
 */
final class LineJsonParser extends UTF8StreamJsonParser {

    /** Distinct field names one parser keeps before it is replaced (Spark's logs use a few hundred). */
    static final int MAX_SYMBOLS = 20_000;

    private final JsonReadContext root;
    private final RawJsonSkipper skipper;
    private final int maxNameLength;
    private final int maxNestingDepth;
    /** What the last {@link #readNumbers} found, in order: a name's code and its value. */
    private int[] codes = new int[64];
    private long[] values = new long[64];
    private int count;

    private LineJsonParser(Factory factory, IOContext context, byte[] line, int start, int end) {
        super(context, factory.parserFeatures(), null, factory.getCodec(), factory.symbols(), line, start, end, 0,
                false);
        this.root = _parsingContext;
        StreamReadConstraints limits = factory.streamReadConstraints();
        this.skipper = new RawJsonSkipper(limits.getMaxNestingDepth(), limits.getMaxNumberLength(),
                limits.getMaxNameLength());
        this.maxNameLength = limits.getMaxNameLength();
        this.maxNestingDepth = limits.getMaxNestingDepth();
    }

    /** Whether Jackson's byte-source bootstrapper would read this line as UTF-8 without a byte-order mark. */
    static boolean plainUtf8(byte[] line, int offset, int length) {
        if (length < 4) {
            return false;
        }
        for (int i = offset; i < offset + 4; i++) {
            int b = line[i] & 0xFF;
            if (b == 0 || b >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Points this parser at another line; false when it should be replaced instead (its symbol table is full). Any
     * state of the previous line, finished or abandoned at an error, is dropped.
     */
    boolean reset(byte[] line, int offset, int length) {
        if (_symbols.size() > MAX_SYMBOLS) {
            return false;
        }
        _inputBuffer = line;
        _inputPtr = offset;
        _inputEnd = offset + length;
        _currInputProcessed = -offset;
        _currInputRow = 1;
        _currInputRowStart = offset;
        _tokenInputTotal = 0;
        _tokenInputRow = 1;
        _tokenInputCol = 0;
        _parsingContext = root;
        _currToken = null;
        _nextToken = null;
        _lastClearedToken = null;
        _tokenIncomplete = false;
        _closed = false;
        _numTypesValid = NR_UNKNOWN;
        _numberString = null;
        _nameCopied = false;
        _binaryValue = null;
        _tokenCount = 0;
        _textBuffer.resetWithEmpty();
        return true;
    }

    /**
     * At the start of an array or object: steps to its end (the next token is whatever follows it), checking its
     * bytes as Jackson would. Elsewhere: as {@link #skipChildren()}.
     */
    void skipValue() throws IOException {
        JsonToken token = _currToken;
        if (token != JsonToken.START_ARRAY && token != JsonToken.START_OBJECT) {
            skipChildren();
            return;
        }
        _inputPtr = skipper.skip(_inputBuffer, _inputPtr, _inputEnd, token == JsonToken.START_OBJECT,
                _parsingContext.getNestingDepth());
        // The closing bracket: Jackson closes the context it opened.
        nextToken();
    }

    /**
     * At the start of an object of name-to-number fields (task metrics, executor metrics): reads it by bytes, without
     * tokens or name canonicalization, and steps to its end. Every field {@code table} names must hold a plain
     * integer ({@code -?(0|[1-9][0-9]{0,17})}) or, for a group, such an object; every other field is stepped over
     * as {@link #skipValue} does. Returns false, the parser unmoved, for anything else (whitespace, a float, a string
     * or null where a number is read, an escaped or non-ASCII name, a name past Jackson's length limit): the caller
     * then reads the object with Jackson as before, so the outcome is always Jackson's. Afterwards {@link #count()}
     * fields were found: {@link #code(int)} and {@link #value(int)}, in the object's order.
     */
    boolean readNumbers(NameTable table) throws IOException {
        if (_currToken != JsonToken.START_OBJECT) {
            return false;
        }
        count = 0;
        int close = numbers(_inputBuffer, _inputPtr, _inputEnd, table, _parsingContext.getNestingDepth());
        if (close < 0) {
            return false;
        }
        _inputPtr = close;
        nextToken();
        return true;
    }

    int count() {
        return count;
    }

    int code(int index) {
        return codes[index];
    }

    long value(int index) {
        return values[index];
    }

    /** The index of the object's closing brace, or -1 when Jackson must read it. */
    private int numbers(byte[] b, int i, int end, NameTable table, int depth) throws IOException {
        if (i >= end) {
            return -1;
        }
        if (b[i] == '}') {
            return i;
        }
        while (true) {
            if (b[i] != '"') {
                return -1;
            }
            int nameStart = ++i;
            while (i < end) {
                byte c = b[i];
                if (c == '"') {
                    break;
                }
                if (c == '\\' || c < 0x20) { // an escape, a control byte or a non-ASCII byte (negative)
                    return -1;
                }
                i++;
            }
            if (i + 2 >= end || b[i + 1] != ':' || i - nameStart > maxNameLength) {
                return -1;
            }
            int slot = table.find(b, nameStart, i - nameStart);
            i += 2;
            int c = b[i];
            if (slot >= 0 && table.group(slot) == null) {
                int p = i;
                boolean negative = c == '-';
                if (negative) {
                    p++;
                }
                int digits = p;
                long value = 0;
                if (p < end && b[p] == '0') {
                    p++;
                } else {
                    while (p < end && b[p] >= '0' && b[p] <= '9') {
                        value = value * 10 + (b[p] - '0');
                        p++;
                    }
                }
                if (p == digits || p - digits > 18 || p >= end || (b[p] != ',' && b[p] != '}')) {
                    return -1;
                }
                if (count == codes.length) {
                    codes = java.util.Arrays.copyOf(codes, count * 2);
                    values = java.util.Arrays.copyOf(values, count * 2);
                }
                codes[count] = table.code(slot);
                values[count] = negative ? -value : value;
                count++;
                i = p;
            } else if (slot >= 0 && c == '{') {
                if (depth + 1 > maxNestingDepth) {
                    return -1;
                }
                int close = numbers(b, i + 1, end, table.group(slot), depth + 1);
                if (close < 0) {
                    return -1;
                }
                i = close + 1;
            } else if (c == '{' || c == '[') {
                i = skipper.skip(b, i + 1, end, c == '{', depth + 1) + 1;
            } else if (c > ' ') {
                i = skipper.scalar(b, i, end, c & 0xFF);
            } else {
                return -1;
            }
            if (i >= end) {
                return -1;
            }
            if (b[i] == ',') {
                i++;
                if (i >= end) {
                    return -1;
                }
                continue;
            }
            return b[i] == '}' ? i : -1;
        }
    }

    /** Field names by their bytes, each with a code or a table for the object it names. */
    static final class NameTable {
        private static final java.lang.invoke.VarHandle NAME_LONGS = java.lang.invoke.MethodHandles
                .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private final byte[][] keys;
        private final int[] codes;
        private final NameTable[] groups;
        private final int mask;

        /**
         * {@code codes}: name to code (>= 0); {@code groupNames}: names of objects read as groups (a name in both
         * is a code), whose tables {@link #link} sets.
         */
        NameTable(Map<String, Integer> codes, java.util.Set<String> groupNames) {
            Map<String, Integer> all = new java.util.LinkedHashMap<>();
            for (String group : groupNames) {
                all.put(group, -1);
            }
            all.putAll(codes);
            int size = Integer.highestOneBit(Math.max(4, all.size() * 4) - 1) << 1;
            this.keys = new byte[size][];
            this.codes = new int[size];
            this.groups = new NameTable[size];
            this.mask = size - 1;
            for (Map.Entry<String, Integer> entry : all.entrySet()) {
                byte[] key = entry.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                int slot = hash(key, 0, key.length) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                this.codes[slot] = entry.getValue();
            }
        }

        /** Sets the table of every group name; {@code tables} must have one for each. */
        void link(Map<String, NameTable> tables) {
            for (int slot = 0; slot < keys.length; slot++) {
                if (keys[slot] != null && codes[slot] < 0) {
                    groups[slot] = java.util.Objects.requireNonNull(
                            tables.get(new String(keys[slot], java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        }

        /**
         * The length and the first and last eight bytes, read as two longs: metric names are long and differ in
         * length or at an end ("Shuffle Read Metrics", "Shuffle Write Metrics"), and a byte-by-byte hash of every
         * name in every task's metrics was 8% of a whole read. Equal hashes are told apart by the probe's full
         * comparison, so a collision only costs a probe.
         */
        private static int hash(byte[] b, int offset, int length) {
            long h;
            if (length >= 8) {
                h = (long) NAME_LONGS.get(b, offset) * 0x9E3779B97F4A7C15L
                        ^ (long) NAME_LONGS.get(b, offset + length - 8) * 0xC2B2AE3D27D4EB4FL;
            } else {
                h = 0;
                for (int i = offset; i < offset + length; i++) {
                    h = (h << 8) | (b[i] & 0xFF);
                }
                h *= 0x9E3779B97F4A7C15L;
            }
            h ^= length;
            h ^= h >>> 29;
            return (int) (h ^ (h >>> 32));
        }

        int find(byte[] b, int offset, int length) {
            int slot = hash(b, offset, length) & mask;
            byte[] key;
            while ((key = keys[slot]) != null) {
                if (key.length == length && java.util.Arrays.equals(key, 0, length, b, offset, offset + length)) {
                    return slot;
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }

        int code(int slot) {
            return codes[slot];
        }

        NameTable group(int slot) {
            return groups[slot];
        }
    }

    /** Steps over the current value: by bytes when {@code parser} is a {@link LineJsonParser}. */
    static void skip(JsonParser parser) throws IOException {
        if (parser instanceof LineJsonParser line) {
            line.skipValue();
        } else {
            parser.skipChildren();
        }
    }

    /** The factory: Jackson's, with access to what a {@link LineJsonParser} is built from. */
    static final class Factory extends JsonFactory {
        private static final long serialVersionUID = 1L;

        Factory(StreamReadConstraints constraints) {
            super((com.fasterxml.jackson.core.JsonFactoryBuilder) JsonFactory.builder().streamReadConstraints(constraints));
        }

        int parserFeatures() {
            return _parserFeatures;
        }

        com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer symbols() {
            return _byteSymbolCanonicalizer.makeChildOrPlaceholder(_factoryFeatures);
        }

        /** A parser for one line, which {@link LineJsonParser#reset} may point at later lines. */
        JsonParser create(byte[] line, int offset, int length) throws IOException {
            if (!plainUtf8(line, offset, length)) {
                return createParser(line, offset, length);
            }
            // No reference to the line: the parser outlives it, and Jackson's messages do not show the source.
            IOContext context = _createContext(ContentReference.unknown(), false);
            return new LineJsonParser(this, context, line, offset, offset + length);
        }
    }
}
