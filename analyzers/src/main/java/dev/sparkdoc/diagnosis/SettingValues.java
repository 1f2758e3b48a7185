package dev.sparkdoc.diagnosis;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark configuration values compared the way Spark reads them: sizes ({@code 16G}, {@code 512m}, plain numbers in
 * the key's default unit), durations ({@code 30s}, {@code 2min}) and plain numbers. Switches and class names have no
 * order.
 */
public final class SettingValues {

    /** Size keys whose plain numbers are MiB (Spark's {@code bytesConf(ByteUnit.MiB)}); other size keys: bytes. */
    private static final Set<String> MIB_KEYS = Set.of("spark.executor.memory", "spark.driver.memory",
            "spark.executor.memoryOverhead", "spark.driver.memoryOverhead", "spark.executor.pyspark.memory",
            "spark.memory.offHeap.size", "spark.kubernetes.memoryOverhead");
    private static final Pattern DURATION = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m|min|h|d)?");

    private SettingValues() {
    }

    /**
     * The sign of {@code a - b} for two values of {@code key}, or empty when either has no order (a switch, a class
     * name, text that is not a number).
     */
    public static OptionalInt compare(String key, String a, String b) {
        OptionalDouble x = magnitude(key, a);
        OptionalDouble y = magnitude(key, b);
        if (x.isEmpty() || y.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Double.compare(x.getAsDouble(), y.getAsDouble()));
    }

    /** The value as a number: bytes for sizes, milliseconds for durations, else the number itself. */
    public static OptionalDouble magnitude(String key, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (isDuration(key)) {
            Matcher matcher = DURATION.matcher(text);
            if (!matcher.matches()) {
                return OptionalDouble.empty();
            }
            double number = Double.parseDouble(matcher.group(1));
            String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
            double factor = switch (unit) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m", "min" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
            return OptionalDouble.of(number * factor);
        }
        if (text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            double number = Double.parseDouble(text);
            return OptionalDouble.of(MIB_KEYS.contains(key) ? number * (1L << 20) : number);
        }
        java.util.OptionalLong bytes = SparkSettings.parseBytes(text, 1);
        return bytes.isPresent() ? OptionalDouble.of(bytes.getAsLong()) : OptionalDouble.empty();
    }

    /** Whether a key's value is a duration (timeouts, waits, intervals). */
    static boolean isDuration(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("timeout") || lower.endsWith("wait") || lower.endsWith("interval");
    }

    /** Equal text, ignoring case and surrounding blanks. */
    public static boolean sameText(String a, String b) {
        return a.trim().equalsIgnoreCase(b.trim());
    }

    /** Whether two values of {@code key} are the same setting: equal text, or equal magnitudes. */
    public static boolean same(String key, String a, String b) {
        OptionalInt order = compare(key, a, b);
        return order.isPresent() ? order.getAsInt() == 0 : sameText(a, b);
    }
}
