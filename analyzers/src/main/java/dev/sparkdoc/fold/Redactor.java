package dev.sparkdoc.fold;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Redacts secrets as Spark does ({@code Utils.redact}): a property whose key or value matches the redaction pattern
 * has its value replaced. Spark's default pattern applies always, and the application's own
 * {@code spark.redaction.regex} as well, so a log written with a laxer setting is still redacted.
 */
public final class Redactor {

    /** Spark's default {@code spark.redaction.regex}. */
    public static final String SPARK_DEFAULT_PATTERN = "(?i)secret|password|token|access[.]?key";
    public static final String REPLACEMENT = "*********(redacted)";

    private final Pattern defaultPattern = Pattern.compile(SPARK_DEFAULT_PATTERN);
    private final Optional<Pattern> applicationPattern;

    private Redactor(Optional<Pattern> applicationPattern) {
        this.applicationPattern = applicationPattern;
    }

    public static Redactor sparkDefault() {
        return new Redactor(Optional.empty());
    }

    /** Spark's default pattern plus the application's {@code spark.redaction.regex}, when it is set and valid. */
    public static Redactor forProperties(Map<String, String> sparkProperties) {
        String configured = sparkProperties.get("spark.redaction.regex");
        if (configured == null || configured.isBlank()) {
            return sparkDefault();
        }
        try {
            return new Redactor(Optional.of(Pattern.compile(configured)));
        } catch (PatternSyntaxException e) {
            return sparkDefault();
        }
    }

    public boolean isSecret(String key, String value) {
        if (matches(key) || (value != null && matches(value))) {
            return true;
        }
        return false;
    }

    private boolean matches(String text) {
        if (defaultPattern.matcher(text).find()) {
            return true;
        }
        return applicationPattern.isPresent() && applicationPattern.get().matcher(text).find();
    }

    public String redact(String key, String value) {
        return isSecret(key, value) ? REPLACEMENT : value;
    }

    public Map<String, String> redact(Map<String, String> properties) {
        Map<String, String> redacted = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            redacted.put(entry.getKey(), redact(entry.getKey(), entry.getValue()));
        }
        return redacted;
    }
}
