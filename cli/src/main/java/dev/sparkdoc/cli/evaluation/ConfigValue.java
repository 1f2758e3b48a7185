package dev.sparkdoc.cli.evaluation;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark configuration value as a number that can be compared with another value of the same key: sizes in bytes
 * (a bare number is MiB for the memory keys, bytes for the others, as Spark reads them), durations in milliseconds,
 * plain numbers as they are. Booleans and class names have no magnitude; they are compared for equality only.
 */
public final class ConfigValue {

    /** Keys whose bare numbers Spark reads as MiB. */
    private static final Set<String> MIB_KEYS = Set.of("spark.executor.memory", "spark.driver.memory",
            "spark.executor.memoryOverhead", "spark.driver.memoryOverhead", "spark.executor.pyspark.memory");

    private static final Pattern SIZE = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*([kmgtp]i?b?|b)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|min|m|h|d)");

    private ConfigValue() {
    }

    /** The value's magnitude, if it has one. */
    public static OptionalDouble magnitude(String key, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (isDuration(key)) {
            Matcher duration = DURATION.matcher(text);
            if (!duration.matches()) {
                return OptionalDouble.empty();
            }
            double amount = Double.parseDouble(duration.group(1));
            return OptionalDouble.of(amount * switch (duration.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "min", "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            });
        }
        Matcher size = SIZE.matcher(text);
        if (!size.matches()) {
            return OptionalDouble.empty();
        }
        double amount = Double.parseDouble(size.group(1));
        String unit = size.group(2);
        if (unit == null) {
            return OptionalDouble.of(MIB_KEYS.contains(key) ? amount * 1024 * 1024 : amount);
        }
        double scale = switch (unit.charAt(0)) {
            case 'k' -> 1024d;
            case 'm' -> 1024d * 1024;
            case 'g' -> 1024d * 1024 * 1024;
            case 't' -> 1024d * 1024 * 1024 * 1024;
            case 'p' -> 1024d * 1024 * 1024 * 1024 * 1024;
            default -> 1d;
        };
        return OptionalDouble.of(amount * scale);
    }

    /** Keys Spark reads as durations (a bare number is then not comparable: the default unit differs by key). */
    static boolean isDuration(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("timeout") || lower.contains("wait") || lower.contains("interval");
    }

    /** -1, 0 or 1 as {@code proposed} is below, equal to or above {@code current}; empty if they cannot be compared. */
    public static java.util.OptionalInt compare(String key, String current, String proposed) {
        OptionalDouble from = magnitude(key, current);
        OptionalDouble to = magnitude(key, proposed);
        if (from.isPresent() && to.isPresent()) {
            return java.util.OptionalInt.of(Double.compare(to.getAsDouble(), from.getAsDouble()));
        }
        if (from.isEmpty() && to.isEmpty() && current.trim().equalsIgnoreCase(proposed.trim())) {
            return java.util.OptionalInt.of(0);
        }
        return java.util.OptionalInt.empty();
    }
}
