package dev.sparkdoc.fold;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials written into free text in shapes Spark's redaction misses: the password of a URL's user info, HTTP
 * authorization values, {@code key=value} pairs whose key names a secret (JVM {@code -D} options, JDBC parameters,
 * plan options such as {@code Options: [password=x]}) and AWS access key ids. Each shape keeps what identifies the
 * credential (the URL's user and host, the key's name) and replaces only the secret with {@link Redactor#REPLACEMENT}.
 *
 * <p>A shape is looked for only in a text that contains one of its hints (a lower-cased copy searched for a few
 * strings, several times cheaper than a pattern tried at every position; most text has none). Each pattern is tried
 * from the start of a word only (a look-behind rejects other starts at once), never backtracks into a word
 * (possessive quantifiers), and looks for a password no further than the next {@code /}: a pass is linear in the
 * text's length, so a multi-megabyte physical plan costs one scan per shape it may contain.
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
            "(?i)(jdbc:oracle:[a-z0-9]++:[^\\s/@:\"'<>]++/)(?!" + REDACTED + ")[^\\s/@\"'<>]++@");

    /** An authorization header's value, with or without its scheme. */
    private static final Pattern AUTHORIZATION_HEADER = Pattern.compile(
            "(?i)(?<![" + WORD + "])((?:proxy-)?authorization|x-api-key|x-auth-token)([\"']?\\s*+[:=]\\s*+[\"']?)"
                    + "((?:bearer|basic|digest|token|negotiate)\\s++)?+(?!" + REDACTED + ")[^\\s,;\"'<>]++");

    /** {@code Bearer xyz}, {@code Basic xyz} anywhere in text. */
    private static final Pattern AUTHORIZATION_SCHEME = Pattern.compile(
            "(?i)(?<![" + WORD + "])(bearer|basic)\\s++[A-Za-z0-9._~+/=\\-]++");

    /** An AWS access key id (long-term {@code AKIA...} or temporary {@code ASIA...}). */
    private static final Pattern AWS_ACCESS_KEY_ID = Pattern.compile(
            "(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])");

    /**
     * A pattern, its replacement, and strings one of which (lower case) any match contains: a text without any is
     * not scanned with the pattern. Searching a lower-cased copy for a few strings is several times cheaper than a
     * regular expression tried at every position, and most text (plans, stack traces) has none of them.
     */
    private record Shape(UnaryOperator<String> redaction, List<String> hints) {
        static Shape regex(Pattern pattern, String replacement, List<String> hints) {
            return new Shape(text -> {
                Matcher matcher = pattern.matcher(text);
                return matcher.find() ? replaceFrom(matcher, replacement) : text;
            }, hints);
        }

        boolean mayMatch(String lowerCase) {
            for (String hint : hints) {
                if (lowerCase.contains(hint)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final String R = Matcher.quoteReplacement(Redactor.REPLACEMENT);

    private static final List<Shape> SHAPES = List.of(
            Shape.regex(URL_PASSWORD, "$1" + R + "@", List.of("@")),
            Shape.regex(ORACLE_PASSWORD, "$1" + R + "@", List.of("jdbc:oracle:")),
            Shape.regex(AUTHORIZATION_HEADER, "$1$2$3" + R, List.of("authorization", "x-api-key", "x-auth-token")),
            Shape.regex(AUTHORIZATION_SCHEME, "$1 " + R, List.of("bearer", "basic")),
            new Shape(SecretKeyValues::redact, SecretKeyValues.KEYWORDS),
            Shape.regex(AWS_ACCESS_KEY_ID, R, List.of("akia", "asia")));

    private CredentialShapes() {
    }

    /** The text with every credential shape's secret replaced; the same instance when there is none. */
    static String redact(String text) {
        if (text.isEmpty()) {
            return text;
        }
        String lowerCase = text.toLowerCase(Locale.ROOT);
        String result = text;
        for (Shape shape : SHAPES) {
            if (!shape.mayMatch(lowerCase)) {
                continue;
            }
            result = shape.redaction().apply(result);
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
