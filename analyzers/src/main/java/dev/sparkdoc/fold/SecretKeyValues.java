package dev.sparkdoc.fold;

import java.util.List;

/**
 * Redacts the value of every {@code key=value} pair in free text whose key names a secret: {@code password=x},
 * {@code -Ddb.password=x}, {@code ?user=u&password=x}, {@code Options: [password=x]}, {@code "token": "x"}. A colon
 * separates only before a space or a quote, so that {@code Token.java:42} in a stack trace stays readable.
 *
 * <p>A scan for separators rather than a regular expression: most text (plans, stack traces) has many {@code =} and
 * {@code :} and few keys, and a pattern tried at every position of a multi-megabyte plan costs several times more.
 * Each separator looks back at most {@value #MAX_KEY_LENGTH} characters, so the scan is linear in the text's length.
 */
final class SecretKeyValues {

    /** Key names containing one of these (in any case) are secret. */
    static final List<String> KEYWORDS = List.of("password", "passwd", "pwd", "secret", "token", "apikey", "api_key",
            "api-key", "api.key", "accesskey", "access_key", "access-key", "access.key", "credential");
    private static final int MAX_KEY_LENGTH = 256;
    private static final int MAX_SPACES = 16;

    private SecretKeyValues() {
    }

    /** The text with the values of secret keys replaced; the same instance when there is none. */
    static String redact(String text) {
        StringBuilder out = null;
        int copied = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (!isSeparator(text, i) || !keyBeforeIsSecret(text, i)) {
                continue;
            }
            int valueStart = i + 1;
            while (valueStart < length && valueStart - i <= MAX_SPACES && isSpace(text.charAt(valueStart))) {
                valueStart++;
            }
            if (text.startsWith(Redactor.REPLACEMENT, valueStart)) {
                continue;
            }
            int valueEnd = valueEnd(text, valueStart);
            if (valueEnd == valueStart) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(length + Redactor.REPLACEMENT.length());
            }
            out.append(text, copied, valueStart).append(Redactor.REPLACEMENT);
            copied = valueEnd;
            i = valueEnd - 1;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, length).toString();
    }

    /** {@code =}, or {@code :} before a space or a quote. */
    private static boolean isSeparator(String text, int at) {
        char c = text.charAt(at);
        if (c == '=') {
            return true;
        }
        return c == ':' && at + 1 < text.length() && (isSpace(text.charAt(at + 1)) || isQuote(text.charAt(at + 1)));
    }

    /** Whether the key before the separator at {@code separator} (spaces, a quote between) names a secret. */
    private static boolean keyBeforeIsSecret(String text, int separator) {
        int end = separator;
        while (end > 0 && separator - end < MAX_SPACES && isSpace(text.charAt(end - 1))) {
            end--;
        }
        if (end > 0 && isQuote(text.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && end - start < MAX_KEY_LENGTH && isKeyChar(text.charAt(start - 1))) {
            start--;
        }
        for (int at = start; at < end; at++) {
            char first = Character.toLowerCase(text.charAt(at));
            if (first != 'p' && first != 's' && first != 't' && first != 'a' && first != 'c') {
                continue;
            }
            for (String keyword : KEYWORDS) {
                if (at + keyword.length() <= end && text.regionMatches(true, at, keyword, 0, keyword.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where the value starting at {@code start} ends: after its closing quote, or before a delimiter. */
    private static int valueEnd(String text, int start) {
        int length = text.length();
        if (start >= length) {
            return start;
        }
        char first = text.charAt(start);
        int from = start;
        if (isQuote(first)) {
            int close = text.indexOf(first, start + 1);
            if (close > 0) {
                return close + 1;
            }
            from = start + 1;
        }
        int end = from;
        while (end < length && !isDelimiter(text.charAt(end))) {
            end++;
        }
        return end == from ? start : end;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '-';
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isDelimiter(char c) {
        return isSpace(c) || c == ',' || c == ';' || c == '&' || c == ')' || c == ']' || c == '}' || isQuote(c)
                || c == '<' || c == '>';
    }
}
