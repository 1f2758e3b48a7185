package dev.sparkdoc.diagnosis;

import dev.sparkdoc.snapshot.ApplicationSnapshot;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Spark configuration an application ran with: its explicit settings, else Spark's default for its version.
 * Sizes are parsed the way Spark parses them ({@code 1g}, {@code 512m}, {@code 10MB}, plain numbers).
 */
public final class SparkSettings {

    /** Spark defaults that do not depend on the version. */
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("spark.sql.shuffle.partitions", "200"),
            Map.entry("spark.driver.maxResultSize", "1g"),
            Map.entry("spark.driver.memory", "1g"),
            Map.entry("spark.executor.memory", "1g"),
            Map.entry("spark.sql.autoBroadcastJoinThreshold", "10MB"),
            Map.entry("spark.serializer", "org.apache.spark.serializer.JavaSerializer"),
            Map.entry("spark.dynamicAllocation.enabled", "false"),
            Map.entry("spark.shuffle.service.enabled", "false"),
            Map.entry("spark.decommission.enabled", "false"),
            Map.entry("spark.sql.adaptive.skewJoin.enabled", "true"),
            Map.entry("spark.sql.adaptive.coalescePartitions.enabled", "true"),
            Map.entry("spark.sql.adaptive.advisoryPartitionSizeInBytes", "64MB"),
            Map.entry("spark.shuffle.io.maxRetries", "3"),
            Map.entry("spark.shuffle.io.retryWait", "5s"),
            Map.entry("spark.memory.fraction", "0.6"),
            Map.entry("spark.dynamicAllocation.executorIdleTimeout", "60s"),
            Map.entry("spark.sql.files.maxPartitionBytes", "128MB"));

    private final ApplicationSnapshot app;

    public SparkSettings(ApplicationSnapshot app) {
        this.app = app;
    }

    /** Whether the application ran in local mode, where the driver's JVM runs the tasks. */
    public boolean localMode() {
        return effective("spark.master").map(master -> master.startsWith("local")).orElse(false);
    }

    /**
     * The setting that sizes the heap tasks run in: {@code spark.executor.memory}, or in local mode
     * {@code spark.driver.memory} (executor settings do nothing there).
     */
    public String taskMemoryKey() {
        return localMode() ? "spark.driver.memory" : "spark.executor.memory";
    }

    /** The explicit setting, if the application made one. */
    public Optional<String> explicit(String key) {
        return app.sparkProperty(key).map(String::trim);
    }

    /** The value in force: explicit, or Spark's default for this version; empty when unknown. */
    public Optional<String> effective(String key) {
        Optional<String> explicit = explicit(key);
        if (explicit.isPresent()) {
            return explicit;
        }
        return versionDefault(key);
    }

    public boolean isDefault(String key) {
        return explicit(key).isEmpty();
    }

    public boolean flag(String key) {
        return effective(key).map(value -> value.equalsIgnoreCase("true")).orElse(false);
    }

    private Optional<String> versionDefault(String key) {
        int major = sparkMajor();
        int minor = sparkMinor();
        switch (key) {
            case "spark.sql.adaptive.enabled":
                if (major < 3) {
                    return Optional.empty();
                }
                return Optional.of(major > 3 || minor >= 2 ? "true" : "false");
            case "spark.dynamicAllocation.shuffleTracking.enabled":
                if (major < 3) {
                    return Optional.of("false");
                }
                return Optional.of(major >= 4 ? "true" : "false");
            case "spark.executor.memoryOverhead":
            case "spark.driver.memoryOverhead": {
                // Spark's default: 10% of the heap, at least 384 MiB.
                String heapKey = key.startsWith("spark.executor") ? "spark.executor.memory" : "spark.driver.memory";
                OptionalLong heap = bytes(heapKey, 1L << 20);
                if (heap.isEmpty()) {
                    return Optional.empty();
                }
                long overhead = Math.max(384L << 20, heap.getAsLong() / 10);
                return Optional.of(((overhead + (1L << 20) - 1) >> 20) + "m");
            }
            default:
                return Optional.ofNullable(DEFAULTS.get(key));
        }
    }

    /** Spark's major version, or 0 when the log does not say. */
    public int sparkMajor() {
        return versionPart(0);
    }

    public int sparkMinor() {
        return versionPart(1);
    }

    private int versionPart(int index) {
        Optional<String> version = app.application().sparkVersion();
        if (version.isEmpty()) {
            return 0;
        }
        String[] parts = version.get().split("[.\\-]");
        if (parts.length <= index) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[index].replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A size setting in bytes ({@code 1g}, {@code 512m}, {@code 10MB}); {@code defaultUnit} for plain numbers. */
    public OptionalLong bytes(String key, long defaultUnit) {
        Optional<String> value = effective(key);
        return value.isPresent() ? parseBytes(value.get(), defaultUnit) : OptionalLong.empty();
    }

    public static OptionalLong parseBytes(String text, long defaultUnit) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(-?[0-9]+)\\s*([a-z]*)").matcher(value);
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        long number = Long.parseLong(matcher.group(1));
        long factor = switch (matcher.group(2)) {
            case "" -> defaultUnit;
            case "b" -> 1;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            default -> -1;
        };
        if (factor < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(number * factor);
    }

    /** Bytes as Spark accepts them in a size setting, in the largest whole unit: 3g, 512m, 10485760b. */
    public static String formatBytes(long bytes) {
        if (bytes > 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "g";
        }
        if (bytes > 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "m";
        }
        if (bytes > 0 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "k";
        }
        return bytes + "b";
    }

    public OptionalLong integer(String key) {
        Optional<String> value = effective(key);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A change that must move {@code key} above its current value (explicit or default), or be dropped. */
    public Recommendation.ConfigChange raise(String key, String proposed, String why) {
        return change(key, proposed, Recommendation.Intent.RAISE, why);
    }

    /** A change that must move {@code key} below its current value, or be dropped. */
    public Recommendation.ConfigChange lower(String key, String proposed, String why) {
        return change(key, proposed, Recommendation.Intent.LOWER, why);
    }

    /** A change with no direction (a switch, a class name): it must only differ from the current value. */
    public Recommendation.ConfigChange set(String key, String proposed, String why) {
        return change(key, proposed, Recommendation.Intent.SET, why);
    }

    /** A config change from the current value (explicit or default) to {@code proposed}, with its intent. */
    public Recommendation.ConfigChange change(String key, String proposed, Recommendation.Intent intent, String why) {
        Optional<String> current = effective(key);
        return new Recommendation.ConfigChange(key, current, isDefault(key) && current.isPresent(), proposed, intent,
                why);
    }
}
