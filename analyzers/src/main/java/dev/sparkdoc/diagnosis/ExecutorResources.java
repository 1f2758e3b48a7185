package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.ExecutorSummary;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What each executor held, from the log: cores (most executors' count), executors (not the driver), heap and
 * overhead in bytes, GPUs per executor and per task (the resource profile, else {@code spark.executor.resource.gpu.amount}
 * and {@code spark.task.resource.gpu.amount}), and the largest container the cluster grants, when the log says
 * ({@code yarn.scheduler.maximum-allocation-mb} among its Hadoop properties, on YARN, when the executors fit in it).
 */
public record ExecutorResources(OptionalInt coresPerExecutor, int executors, int totalCores,
        OptionalLong executorMemoryBytes, OptionalLong memoryOverheadBytes, OptionalDouble gpusPerExecutor,
        OptionalDouble gpusPerTask, OptionalLong containerLimitBytes) {

    private static final long MIB = 1L << 20;

    public ExecutorResources {
        requireNonNull(coresPerExecutor, "coresPerExecutor is null");
        requireNonNull(executorMemoryBytes, "executorMemoryBytes is null");
        requireNonNull(memoryOverheadBytes, "memoryOverheadBytes is null");
        requireNonNull(gpusPerExecutor, "gpusPerExecutor is null");
        requireNonNull(gpusPerTask, "gpusPerTask is null");
        requireNonNull(containerLimitBytes, "containerLimitBytes is null");
        if (executors < 0 || totalCores < 0) {
            throw new IllegalArgumentException("negative executor or core count");
        }
    }

    /** Nothing known (no log). */
    public static ExecutorResources unknown() {
        return new ExecutorResources(OptionalInt.empty(), 0, 0, OptionalLong.empty(), OptionalLong.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalLong.empty());
    }

    public static ExecutorResources of(ApplicationSnapshot app) {
        SparkSettings spark = new SparkSettings(app);
        Map<Integer, Integer> byCores = new TreeMap<>();
        int executors = 0;
        for (ExecutorSummary executor : app.executors()) {
            if (!executor.isDriver() && executor.totalCores() > 0) {
                byCores.merge(executor.totalCores(), 1, Integer::sum);
                executors++;
            }
        }
        OptionalInt cores = byCores.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(entry -> OptionalInt.of(entry.getKey())).orElse(OptionalInt.empty());
        if (cores.isEmpty()) {
            OptionalLong configured = spark.integer("spark.executor.cores");
            if (configured.isPresent() && configured.getAsLong() > 0 && !spark.localMode()) {
                cores = OptionalInt.of((int) configured.getAsLong());
            }
        }
        Map<String, Long> profile = app.resourceProfiles().getOrDefault(0, Map.of());
        OptionalLong memory = spark.bytes("spark.executor.memory", MIB);
        if (spark.isDefault("spark.executor.memory") && profile.containsKey("memory")) {
            memory = OptionalLong.of(profile.get("memory") * MIB);
        }
        OptionalLong overhead = spark.bytes("spark.executor.memoryOverhead", MIB);
        if (overhead.isEmpty() && profile.containsKey("memoryOverhead")) {
            overhead = OptionalLong.of(profile.get("memoryOverhead") * MIB);
        }
        OptionalDouble gpus = profile.containsKey("gpu") ? OptionalDouble.of(profile.get("gpu"))
                : decimal(spark, "spark.executor.resource.gpu.amount");
        OptionalDouble gpusPerTask = decimal(spark, "spark.task.resource.gpu.amount");
        OptionalLong limit = OptionalLong.empty();
        String maxMb = app.hadoopProperties().get("yarn.scheduler.maximum-allocation-mb");
        boolean yarn = spark.effective("spark.master").map(master -> master.startsWith("yarn")).orElse(false);
        if (yarn && maxMb != null && maxMb.trim().matches("[0-9]+")) {
            long granted = Long.parseLong(maxMb.trim()) * MIB;
            long running = memory.orElse(0) + overhead.orElse(Math.max(384 * MIB, memory.orElse(0) / 10));
            // A limit below what the executors already ran with is a client-side default, not the cluster's.
            if (granted >= running) {
                limit = OptionalLong.of(granted);
            }
        }
        return new ExecutorResources(cores, executors, ConfigSizing.totalCores(app), memory, overhead,
                gpus.isPresent() && gpus.getAsDouble() > 0 ? gpus : OptionalDouble.empty(), gpusPerTask, limit);
    }

    private static OptionalDouble decimal(SparkSettings spark, String key) {
        try {
            return spark.effective(key).map(value -> OptionalDouble.of(Double.parseDouble(value.trim())))
                    .orElse(OptionalDouble.empty());
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Whether executors hold GPUs: then GPU slots, not cores, bound how many tasks run at once. */
    public boolean hasGpus() {
        return gpusPerExecutor.isPresent();
    }

    /** Executor heap per core, when both are known. */
    public OptionalLong memoryPerCore() {
        if (coresPerExecutor.isEmpty() || executorMemoryBytes.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(executorMemoryBytes.getAsLong() / coresPerExecutor.getAsInt());
    }
}
