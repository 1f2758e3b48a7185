package dev.sparkdoc.eventlog;

import java.io.IOException;

/**
 * Steps over the raw bytes of a JSON array or object that sparkdoc never reads (above all the {@code Accumulables}
 * of every task and stage, about half of a log's bytes), without tokenizing it, yet accepting exactly what Jackson's
 * parser accepts with the factory {@link EventLineParser} uses (default features, no comments, no trailing commas,
 * no leading zeros, the same limits on nesting, number length and name length): a line with malformed JSON inside a
 * skipped value is a bad line, as it was when Jackson tokenized it. {@code RawJsonSkipperTest} checks the agreement
 * on hand-written and random inputs.
 *
 * <p>UTF-8 is checked as Jackson checks it in strings it skips: a lead byte announces one to three continuation
 * bytes ({@code 10xxxxxx}); stray continuation bytes and bytes 0xF8 to 0xFF are errors.
 */
final class RawJsonSkipper {

    /** 0: a byte a string may hold as is; 1: ends the fast path ({@code "}, {@code \}, control, non-ASCII). */
    private static final boolean[] STRING_STOP = new boolean[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            STRING_STOP[b] = true;
        }
        STRING_STOP['"'] = true;
        STRING_STOP['\\'] = true;
        for (int b = 0x80; b < 0x100; b++) {
            STRING_STOP[b] = true;
        }
    }

    private final int maxNestingDepth;
    private final int maxNumberLength;
    private final int maxNameLength;
    /** The open containers below the skipped one: true for an object. Grown on demand. */
    private boolean[] stack = new boolean[32];

    RawJsonSkipper(int maxNestingDepth, int maxNumberLength, int maxNameLength) {
        this.maxNestingDepth = maxNestingDepth;
        this.maxNumberLength = maxNumberLength;
        this.maxNameLength = maxNameLength;
    }

    /** Malformed JSON inside a skipped value; no stack trace, as a log can have millions of bad lines. */
    static final class MalformedJson extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedJson(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * Skips the content of the array or object whose opening bracket ends just before {@code pos}.
     *
     * @param object whether that container is an object
     * @param depth its nesting depth as Jackson counts it (the line's root object is 1)
     * @return the index of its closing bracket
     */
    int skip(byte[] b, int pos, int end, boolean object, int depth) throws MalformedJson {
        int top = 0;
        stack[0] = object;
        int i = whitespace(b, pos, end);
        boolean pendingValue = b[i] != (object ? '}' : ']');
        while (true) {
            if (pendingValue) {
                // an element or member starts at i (not whitespace)
                if (stack[top]) {
                    if (b[i] != '"') {
                        throw error(b, i, "expected a field name");
                    }
                    i = string(b, i + 1, end, true);
                    i = whitespace(b, i, end);
                    if (b[i] != ':') {
                        throw error(b, i, "expected ':' after a field name");
                    }
                    i = whitespace(b, i + 1, end);
                }
                int c = b[i];
                if (c == '{' || c == '[') {
                    top++;
                    if (depth + top > maxNestingDepth) {
                        throw new MalformedJson("JSON nested deeper than " + maxNestingDepth + " levels");
                    }
                    if (top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, top * 2);
                    }
                    boolean isObject = c == '{';
                    stack[top] = isObject;
                    i = whitespace(b, i + 1, end);
                    if (b[i] != (isObject ? '}' : ']')) {
                        continue; // its first element or member
                    }
                    // empty: i is at its close, handled below
                } else {
                    i = whitespace(b, scalar(b, i, end, c & 0xFF), end);
                }
            }
            // after a value (or at an empty container's close): a comma or the close of the container at top
            while (true) {
                byte c = b[i];
                if (c == ',') {
                    i = whitespace(b, i + 1, end);
                    pendingValue = true;
                    break;
                }
                if (c != (stack[top] ? '}' : ']')) {
                    throw error(b, i, "expected ',' or '" + (stack[top] ? '}' : ']') + "'");
                }
                if (top == 0) {
                    return i;
                }
                top--;
                i = whitespace(b, i + 1, end);
            }
        }
    }

    /** The index of the next byte that is not JSON whitespace; throws at the end of the line. */
    private static int whitespace(byte[] b, int i, int end) throws MalformedJson {
        while (i < end) {
            byte c = b[i];
            if (c > ' ') {
                return i;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                if (c < 0) {
                    return i; // not whitespace; the caller reports it
                }
                throw new MalformedJson("control character 0x" + Integer.toHexString(c) + " outside a string");
            }
            i++;
        }
        throw new MalformedJson("line ends inside a JSON value");
    }

    /** A string's content from after its opening quote; returns the index after its closing quote. */
    private int string(byte[] b, int i, int end, boolean name) throws MalformedJson {
        int start = i;
        // for a name: raw bytes that are not in the name's UTF-8 form (escapes); Jackson limits that form's length
        int escapeBytes = 0;
        while (true) {
            while (i < end && !STRING_STOP[b[i] & 0xFF]) {
                i++;
            }
            if (i >= end) {
                throw new MalformedJson("line ends inside a JSON string");
            }
            int c = b[i] & 0xFF;
            if (c == '"') {
                if (name && (i - start) - escapeBytes > maxNameLength) {
                    throw new MalformedJson("field name longer than " + maxNameLength + " characters");
                }
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= end) {
                    throw new MalformedJson("line ends inside a JSON string");
                }
                int e = b[i + 1];
                switch (e) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                        i += 2;
                        escapeBytes++;
                    }
                    case 'u' -> {
                        int value = 0;
                        for (int k = 2; k < 6; k++) {
                            if (i + k >= end) {
                                throw new MalformedJson("line ends inside a JSON string");
                            }
                            int digit = Character.digit(b[i + k], 16);
                            if (digit < 0) {
                                throw error(b, i + k, "bad \\u escape");
                            }
                            value = value << 4 | digit;
                        }
                        if (name) {
                            // Jackson re-encodes an escaped name char as UTF-8 and then refuses a lone surrogate
                            if (value >= 0xD800 && value <= 0xDFFF) {
                                throw new MalformedJson("invalid UTF-8 surrogate in a field name");
                            }
                            escapeBytes += 6 - (value < 0x80 ? 1 : value < 0x800 ? 2 : 3);
                        }
                        i += 6;
                    }
                    default -> throw error(b, i + 1, "unrecognized escape");
                }
                continue;
            }
            if (c < 0x20) {
                throw new MalformedJson("unescaped control character 0x" + Integer.toHexString(c) + " in a string");
            }
            int more;
            if ((c & 0xE0) == 0xC0) {
                more = 1;
            } else if ((c & 0xF0) == 0xE0) {
                more = 2;
            } else if ((c & 0xF8) == 0xF0) {
                more = 3;
            } else {
                throw new MalformedJson("invalid UTF-8 start byte 0x" + Integer.toHexString(c));
            }
            for (int k = 1; k <= more; k++) {
                if (i + k >= end) {
                    throw new MalformedJson("line ends inside a JSON string");
                }
                if ((b[i + k] & 0xC0) != 0x80) {
                    throw new MalformedJson("invalid UTF-8 middle byte 0x" + Integer.toHexString(b[i + k] & 0xFF));
                }
            }
            if (name && more == 2 && c == 0xED && (b[i + 1] & 0xFF) >= 0xA0) {
                // Jackson decodes names and refuses a UTF-8-encoded surrogate (U+D800 to U+DFFF) in them
                throw new MalformedJson("invalid UTF-8 surrogate in a field name");
            }
            i += more + 1;
        }
    }

    /** A string, number or literal starting with {@code c} at {@code i}; returns the index after it. */
    int scalar(byte[] b, int i, int end, int c) throws MalformedJson {
        if (c == '"') {
            return string(b, i + 1, end, false);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(b, i, end);
        }
        if (c == 't') {
            return literal(b, i, end, "true");
        }
        if (c == 'f') {
            return literal(b, i, end, "false");
        }
        if (c == 'n') {
            return literal(b, i, end, "null");
        }
        throw error(b, i, "expected a JSON value");
    }

    private static int literal(byte[] b, int i, int end, String word) throws MalformedJson {
        int n = word.length();
        if (i + n > end) {
            throw new MalformedJson("line ends inside a JSON value");
        }
        for (int k = 1; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                throw error(b, i, "unrecognized token");
            }
        }
        // What may follow is checked by the caller (whitespace, ',' or the container's close).
        return i + n;
    }

    private int number(byte[] b, int i, int end) throws MalformedJson {
        int p = i;
        if (b[p] == '-') {
            p++;
        }
        int intStart = p;
        if (p >= end) {
            throw new MalformedJson("line ends inside a JSON number");
        }
        if (b[p] == '0') {
            p++;
            if (p < end && b[p] >= '0' && b[p] <= '9') {
                throw error(b, p, "leading zeroes not allowed");
            }
        } else if (b[p] >= '1' && b[p] <= '9') {
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        } else {
            throw error(b, p, "expected a digit");
        }
        int intLength = p - intStart;
        int fractionLength = 0;
        int exponentLength = 0;
        boolean floating = false;
        if (p < end && b[p] == '.') {
            floating = true;
            p++;
            int start = p;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            fractionLength = p - start;
            if (fractionLength == 0) {
                if (p >= end) {
                    throw new MalformedJson("line ends inside a JSON number");
                }
                throw error(b, p, "decimal point not followed by a digit");
            }
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            floating = true;
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int start = p;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            exponentLength = p - start;
            if (exponentLength == 0) {
                if (p >= end) {
                    throw new MalformedJson("line ends inside a JSON number");
                }
                throw error(b, p, "exponent indicator not followed by a digit");
            }
        }
        int length = floating ? intLength + fractionLength + exponentLength : intLength;
        if (length > maxNumberLength) {
            throw new MalformedJson("number longer than " + maxNumberLength + " characters");
        }
        return p;
    }

    private static MalformedJson error(byte[] b, int i, String what) {
        int c = b[i] & 0xFF;
        String seen = c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : "0x" + Integer.toHexString(c);
        return new MalformedJson("malformed JSON in a skipped value: " + what + ", found " + seen);
    }
}
