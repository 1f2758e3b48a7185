package dev.sparkdoc.fold;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials written into free text in shapes Spark's redaction misses: the password of a URL's user info, HTTP
 * authorization values, {@code key=value} pairs whose key names a secret (JVM {@code -D} options, JDBC parameters,
 * plan options such as {@code Options: [password=x]}) and AWS access key ids. Each shape keeps what identifies the
 * credential (the URL's user and host, the key's name) and replaces only the secret with {@link Redactor#REPLACEMENT}.
 *
 * <p>Every pattern is tried from the start of a word only (a look-behind rejects other starts before anything is
 * scanned), and no pattern backtracks over more than one word, so a pass over a text is linear in its length: a
 * multi-megabyte physical plan costs one scan per shape.
 */
final class CredentialShapes {

    private static final String REDACTED = Pattern.quote(Redactor.REPLACEMENT);
    private static final String WORD = "A-Za-z0-9_.\\-";

    /** {@code scheme://user:password@host}: keeps the scheme, user and host. */
    private static final Pattern URL_PASSWORD = Pattern.compile(
            "(?<![A-Za-z0-9+.\\-])([A-Za-z][A-Za-z0-9+.\\-]*+://[^\\s/:@?#\"'<>]*+:)"
                    + "(?!" + REDACTED + ")[^\\s/?#\"'<>]+@");

    /** Oracle's {@code jdbc:oracle:thin:user/password@host}. */
    private static final Pattern ORACLE_PASSWORD = Pattern.compile(
            "(?i)(jdbc:oracle:[a-z0-9]++:[^\\s/@:\"'<>]++/)(?!" + REDACTED + ")[^\\s@\"'<>]++@");

    /** An authorization header's value, with or without its scheme. */
    private static final Pattern AUTHORIZATION_HEADER = Pattern.compile(
            "(?i)(?<![" + WORD + "])((?:proxy-)?authorization|x-api-key|x-auth-token)([\"']?\\s*+[:=]\\s*+[\"']?)"
                    + "((?:bearer|basic|digest|token|negotiate)\\s++)?+(?!" + REDACTED + ")[^\\s,;\"'<>]++");

    /** {@code Bearer xyz}, {@code Basic xyz} anywhere in text. */
    private static final Pattern AUTHORIZATION_SCHEME = Pattern.compile(
            "(?i)(?<![" + WORD + "])(bearer|basic)\\s++[A-Za-z0-9._~+/=\\-]++");

    /**
     * {@code key=value} (or {@code key: value}, {@code "key":"value"}) where the key names a secret. A colon counts
     * as a separator only before a space or a quote, so that {@code Token.java:42} in a stack trace stays readable.
     */
    private static final Pattern SECRET_KEY_VALUE = Pattern.compile(
            "(?i)(?<![" + WORD + "])([" + WORD + "]*?(?:password|passwd|pwd|secret|token|api[_.\\-]?key"
                    + "|access[_.\\-]?key|credentials?)[" + WORD + "]*+[\"']?\\s*+(?:=|:(?=[\\s\"']))\\s*+)"
                    + "(?!" + REDACTED + ")(?:\"[^\"]*+\"|'[^']*+'|[\"']?[^\\s,;&)\\]}\"'<>]++)");

    /** An AWS access key id (long-term {@code AKIA...} or temporary {@code ASIA...}). */
    private static final Pattern AWS_ACCESS_KEY_ID = Pattern.compile(
            "(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])");

    private record Shape(Pattern pattern, String replacement) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape(URL_PASSWORD, "$1" + Matcher.quoteReplacement(Redactor.REPLACEMENT) + "@"),
            new Shape(ORACLE_PASSWORD, "$1" + Matcher.quoteReplacement(Redactor.REPLACEMENT) + "@"),
            new Shape(AUTHORIZATION_HEADER, "$1$2$3" + Matcher.quoteReplacement(Redactor.REPLACEMENT)),
            new Shape(AUTHORIZATION_SCHEME, "$1 " + Matcher.quoteReplacement(Redactor.REPLACEMENT)),
            new Shape(SECRET_KEY_VALUE, "$1" + Matcher.quoteReplacement(Redactor.REPLACEMENT)),
            new Shape(AWS_ACCESS_KEY_ID, Matcher.quoteReplacement(Redactor.REPLACEMENT)));

    private CredentialShapes() {
    }

    /** The text with every credential shape's secret replaced; the same instance when there is none. */
    static String redact(String text) {
        if (text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Shape shape : SHAPES) {
            Matcher matcher = shape.pattern().matcher(result);
            if (matcher.find()) {
                result = replaceFrom(matcher, shape.replacement());
            }
        }
        return result;
    }

    /** Replaces the match the matcher has found and every later one. */
    private static String replaceFrom(Matcher matcher, String replacement) {
        StringBuilder out = new StringBuilder();
        do {
            matcher.appendReplacement(out, replacement);
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
