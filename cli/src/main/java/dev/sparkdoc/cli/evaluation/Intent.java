package dev.sparkdoc.cli.evaluation;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.rules.Severity;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which way a recommended configuration change means to move its value: raise, lower, or set (either way, or a
 * switch). Taken from the recommendation's own {@code intent} where the recommendation carries one (read by name, so
 * this check works before and after that field exists), else from each rule's documented direction for the key.
 */
public enum Intent {
    RAISE,
    LOWER,
    SET;

    /**
     * The documented direction of each rule's configuration advice (rules/.../catalog.yaml and the analyzers'
     * reasons). A key a rule may move either way (executor-cores) is SET.
     */
    private static final Map<String, Intent> DOCUMENTED = Map.ofEntries(
            Map.entry("too-few-shuffle-partitions spark.sql.shuffle.partitions", RAISE),
            Map.entry("shuffle-spill spark.sql.shuffle.partitions", RAISE),
            Map.entry("shuffle-spill spark.executor.memory", RAISE),
            Map.entry("shuffle-spill spark.driver.memory", RAISE),
            Map.entry("shuffle-spill spark.executor.memoryOverhead", RAISE),
            Map.entry("tiny-tasks spark.sql.shuffle.partitions", LOWER),
            Map.entry("tiny-tasks spark.default.parallelism", LOWER),
            Map.entry("tiny-tasks spark.sql.files.maxPartitionBytes", RAISE),
            Map.entry("broadcast-join-opportunity spark.sql.autoBroadcastJoinThreshold", RAISE),
            Map.entry("task-failures spark.executor.memory", RAISE),
            Map.entry("task-failures spark.driver.memory", RAISE),
            Map.entry("task-failures spark.executor.memoryOverhead", RAISE),
            Map.entry("driver-oom-risk spark.driver.memory", RAISE),
            Map.entry("driver-oom-risk spark.driver.maxResultSize", RAISE),
            Map.entry("fetch-failure spark.shuffle.io.maxRetries", RAISE),
            Map.entry("fetch-failure spark.shuffle.io.retryWait", RAISE),
            Map.entry("idle-executors spark.dynamicAllocation.executorIdleTimeout", LOWER),
            Map.entry("data-skew spark.sql.shuffle.partitions", RAISE));

    /** The intent of {@code change}, made by {@code finding}. */
    public static Intent of(Finding finding, Recommendation.ConfigChange change) {
        return declared(change).orElseGet(() -> documented(finding.ruleId(), finding.severity(), change.key()));
    }

    /** The documented direction of {@code ruleId}'s advice on {@code key}. */
    public static Intent documented(String ruleId, Severity severity, String key) {
        if (ruleId.equals("gc-pressure") && key.endsWith(".memory")) {
            // gc-pressure raises heap under GC pressure; its info note on unused heap lowers it.
            return severity == Severity.INFO ? LOWER : RAISE;
        }
        return DOCUMENTED.getOrDefault(ruleId + " " + key, SET);
    }

    /** The recommendation's own intent, if its class declares one: an enum, or a record holding one. */
    static Optional<Intent> declared(Recommendation.ConfigChange change) {
        try {
            Method accessor = change.getClass().getMethod("intent");
            Object value = accessor.invoke(change);
            if (value instanceof Optional<?> optional) {
                value = optional.orElse(null);
            }
            return value == null ? Optional.empty() : named(value);
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the intent of a recommendation for " + change.key(), e);
        }
    }

    private static Optional<Intent> named(Object value) throws ReflectiveOperationException {
        if (value instanceof Enum<?> constant) {
            return parse(constant.name());
        }
        if (value.getClass().isRecord()) {
            for (var component : value.getClass().getRecordComponents()) {
                Object part = component.getAccessor().invoke(value);
                if (part instanceof Enum<?> constant) {
                    return parse(constant.name());
                }
            }
        }
        return parse(value.toString());
    }

    private static Optional<Intent> parse(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.startsWith("RAISE") || upper.startsWith("INCREASE")) {
            return Optional.of(RAISE);
        }
        if (upper.startsWith("LOWER") || upper.startsWith("DECREASE") || upper.startsWith("REDUCE")) {
            return Optional.of(LOWER);
        }
        if (upper.startsWith("SET") || upper.startsWith("ENABLE") || upper.startsWith("DISABLE")) {
            return Optional.of(SET);
        }
        return Optional.empty();
    }
}
