package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.ConfigSizing;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.TaskFailureGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies task failures and executor losses by cause, from Spark's reasons and messages, and gives each memory
 * cause its own fix ({@link #advice}). Public so the live listener's failure metrics use the same classification as
 * the analyzers.
 */
public enum FailureCauses {
    HEAP_OOM("out of memory (Java heap or Spark execution memory)"),
    GPU_OOM("GPU out of memory (RAPIDS/cuDF or CUDA)"),
    METASPACE_OOM("out of Metaspace (class metadata)"),
    DIRECT_MEMORY_OOM("out of direct buffer memory"),
    CONTAINER_MEMORY_KILLED("container killed for exceeding its memory (exit 137 / OOMKilled)"),
    CONTAINER_TERMINATED("container terminated (exit 143, SIGTERM)"),
    DECOMMISSIONED("executor decommissioned or preempted"),
    EXECUTOR_LOST("executor lost"),
    EXCEPTION("exception in the task"),
    OTHER("other");

    private static final Pattern EXIT_137 = Pattern.compile("exit(?: code| status|code)?[^0-9]{0,12}137\\b");
    private static final Pattern EXIT_143 = Pattern.compile("exit(?: code| status|code)?[^0-9]{0,12}143\\b");
    private static final Pattern EXIT_52 = Pattern.compile("exit(?: code| status|code)?[^0-9]{0,12}52\\b");
    private static final Pattern METASPACE_SIZE = Pattern.compile("-XX:MaxMetaspaceSize=(\\S+)");
    private static final Pattern DIRECT_SIZE = Pattern.compile("-XX:MaxDirectMemorySize=(\\S+)");

    private final String description;

    FailureCauses(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static FailureCauses of(TaskFailureGroup group) {
        String text = (group.detail() + " " + group.exampleMessage()).toLowerCase(Locale.ROOT);
        if (group.reason().equals("ExceptionFailure")) {
            return ofException(group.detail(), text);
        }
        if (group.reason().equals("ExecutorLostFailure")) {
            return ofLossReason(text);
        }
        return OTHER;
    }

    /** The cause of an executor loss or removal, from its reason text. */
    public static FailureCauses ofLossReason(String reason) {
        String text = reason.toLowerCase(Locale.ROOT);
        if (EXIT_137.matcher(text).find() || text.contains("oomkilled") || text.contains("exceeding memory limits")
                || text.contains("exceeds memory limit") || text.contains("container killed by yarn for exceeding")
                || text.contains("beyond physical memory limits")) {
            return CONTAINER_MEMORY_KILLED;
        }
        if (text.contains("outofmemoryerror") || EXIT_52.matcher(text).find()) {
            return memoryKind(text).orElse(HEAP_OOM);
        }
        if (EXIT_143.matcher(text).find() || text.contains("sigterm")) {
            return CONTAINER_TERMINATED;
        }
        if (text.contains("decommission") || text.contains("preempt") || text.contains("spot")) {
            return DECOMMISSIONED;
        }
        return EXECUTOR_LOST;
    }

    /**
     * java.lang.OutOfMemoryError by kind (Metaspace, direct buffers, heap), Spark's SparkOutOfMemoryError, and GPU
     * libraries' out-of-memory errors (RAPIDS' GpuOutOfMemory, GpuRetryOOM, GpuSplitAndRetryOOM; CUDA allocation
     * errors). Other exceptions, GPU ones included, are {@link #EXCEPTION}.
     */
    private static FailureCauses ofException(String className, String lowerText) {
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        String lowerName = simpleName.toLowerCase(Locale.ROOT);
        boolean gpu = lowerName.startsWith("gpu") || lowerText.contains("gpuoutofmemory")
                || lowerText.contains("retryoom") || lowerText.contains("cuda error") || lowerText.contains("cudaerror")
                || lowerText.contains("rmm failure") || lowerText.contains("out of gpu memory");
        boolean oom = lowerText.contains("outofmemory") || lowerText.contains("out of memory")
                || simpleName.endsWith("OOM") || lowerText.contains("cudaerrormemoryallocation")
                || lowerText.contains("out_of_memory");
        if (gpu && oom) {
            return GPU_OOM;
        }
        if (!oom) {
            return EXCEPTION;
        }
        return memoryKind(lowerText).orElse(HEAP_OOM);
    }

    private static Optional<FailureCauses> memoryKind(String lowerText) {
        if (lowerText.contains("metaspace")) {
            return Optional.of(METASPACE_OOM);
        }
        if (lowerText.contains("direct buffer memory")) {
            return Optional.of(DIRECT_MEMORY_OOM);
        }
        return Optional.empty();
    }

    public boolean isMemory() {
        return this == HEAP_OOM || this == GPU_OOM || this == METASPACE_OOM || this == DIRECT_MEMORY_OOM
                || this == CONTAINER_MEMORY_KILLED;
    }

    /**
     * Each memory cause's own fix: heap -> executor memory and smaller partitions; GPU -> fewer concurrent GPU tasks
     * and a larger RAPIDS pool, never heap; Metaspace -> a larger {@code -XX:MaxMetaspaceSize}; direct buffers and
     * container kills -> {@code spark.executor.memoryOverhead} (plus a larger {@code -XX:MaxDirectMemorySize} when
     * one is set). In local mode the driver's JVM runs the tasks: there is no container or overhead to size.
     */
    public static List<Recommendation> advice(ApplicationSnapshot app, Set<FailureCauses> causes) {
        SparkSettings spark = new SparkSettings(app);
        List<Recommendation> advice = new ArrayList<>();
        if (causes.contains(HEAP_OOM)) {
            advice.add(spark.raise(spark.taskMemoryKey(), SparkSettings.formatBytes(
                    ConfigSizing.largerExecutorMemory(app, spark)),
                    "Tasks ran out of heap; more memory per task (or fewer cores per executor) gives them room."));
            ConfigSizing.moreShufflePartitions(app, spark, "Smaller partitions need less memory per task.")
                    .ifPresent(advice::add);
        }
        if (causes.contains(GPU_OOM)) {
            gpuAdvice(spark, advice);
        }
        String optionsKey = spark.localMode() ? "spark.driver.extraJavaOptions" : "spark.executor.extraJavaOptions";
        String options = spark.effective(optionsKey).orElse("");
        String newOptions = options;
        if (causes.contains(METASPACE_OOM)) {
            newOptions = withLargerFlag(newOptions, METASPACE_SIZE, "-XX:MaxMetaspaceSize=", 512L << 20);
        }
        if (causes.contains(DIRECT_MEMORY_OOM) && DIRECT_SIZE.matcher(options).find()) {
            newOptions = withLargerFlag(newOptions, DIRECT_SIZE, "-XX:MaxDirectMemorySize=", 1L << 30);
        }
        if (!newOptions.equals(options)) {
            advice.add(spark.set(optionsKey, newOptions, "Tasks ran out of " + (causes.contains(METASPACE_OOM)
                    ? "Metaspace (class metadata, not heap)" : "direct buffer memory") + "; the JVM limit is doubled."));
        }
        if (!spark.localMode() && (causes.contains(CONTAINER_MEMORY_KILLED) || causes.contains(DIRECT_MEMORY_OOM))) {
            advice.add(ConfigSizing.largerMemoryOverhead(spark, causes.contains(CONTAINER_MEMORY_KILLED)
                    ? "Containers were killed for memory beyond the heap (off-heap, netty, Python, native)."
                    : "Direct buffers live outside the heap, in the memory overhead."));
        }
        return advice;
    }

    private static void gpuAdvice(SparkSettings spark, List<Recommendation> advice) {
        String concurrent = "spark.rapids.sql.concurrentGpuTasks";
        long tasks = spark.integer(concurrent).orElse(2);
        if (tasks > 1) {
            advice.add(spark.lower(concurrent, Long.toString(Math.max(1, tasks / 2)), "Fewer tasks share the "
                    + "GPU's memory at once; the failures were GPU out-of-memory, which executor heap does not help."));
        }
        String fraction = "spark.rapids.memory.gpu.allocFraction";
        Optional<String> explicit = spark.explicit(fraction);
        if (explicit.isPresent()) {
            try {
                double current = Double.parseDouble(explicit.get());
                double proposed = Math.min(0.9, current * 2);
                if (proposed > current) {
                    advice.add(spark.raise(fraction, String.valueOf(Math.round(proposed * 100) / 100.0),
                            "A larger share of GPU memory for the RAPIDS pool, up to 90%."));
                }
            } catch (NumberFormatException e) {
                // not a number: leave it to the user
            }
        }
    }

    /** {@code options} with {@code flag} doubled (or set to {@code fallback} when absent or unreadable). */
    static String withLargerFlag(String options, Pattern pattern, String flag, long fallback) {
        Matcher matcher = pattern.matcher(options);
        if (matcher.find()) {
            long current = SparkSettings.parseBytes(matcher.group(1), 1).orElse(fallback / 2);
            return matcher.replaceFirst(Matcher.quoteReplacement(flag + SparkSettings.formatBytes(current * 2)));
        }
        return (options.isBlank() ? "" : options.trim() + " ") + flag + SparkSettings.formatBytes(fallback);
    }
}
