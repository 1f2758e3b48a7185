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

    private LineJsonParser(Factory factory, IOContext context, byte[] line, int start, int end) {
        super(context, factory.parserFeatures(), null, factory.getCodec(), factory.symbols(), line, start, end, 0,
                false);
        this.root = _parsingContext;
        StreamReadConstraints limits = factory.streamReadConstraints();
        this.skipper = new RawJsonSkipper(limits.getMaxNestingDepth(), limits.getMaxNumberLength(),
                limits.getMaxNameLength());
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
