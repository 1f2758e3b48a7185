package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleContext;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.event.ExecutorMetric;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.Job;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * [driver-oom-risk] Results collected to the driver against spark.driver.maxResultSize and driver memory, the
 * driver's peak heap, and jobs that failed on the result size limit or a driver OutOfMemoryError.
 */
public final class DriverOomRiskAnalyzer implements Analyzer {

    public static final String RULE_ID = "driver-oom-risk";
    private static final long MIB = 1L << 20;

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        if (app.jobs().isEmpty()) {
            return rule.notApplicable("no job ran, so no result reached the driver");
        }
        SparkSettings spark = new SparkSettings(app);
        long maxResultSize = spark.bytes("spark.driver.maxResultSize", 1).orElse(1L << 30);
        long driverMemory = spark.bytes("spark.driver.memory", MIB).orElse(1L << 30);
        long minResult = rule.thresholdLong(Thresholds.DriverOomRisk.MIN_RESULT_BYTES);
        double warningResult = rule.threshold(Thresholds.DriverOomRisk.WARNING_RESULT_FRACTION);
        double criticalResult = rule.threshold(Thresholds.DriverOomRisk.CRITICAL_RESULT_FRACTION);
        List<Finding> findings = new ArrayList<>();
        for (Job job : app.jobs()) {
            Optional<String> failure = job.failureMessage();
            if (job.status() == Job.Status.FAILED && failure.isPresent()
                    && (failure.get().contains("maxResultSize") || failure.get().contains("OutOfMemoryError"))) {
                boolean limit = failure.get().contains("maxResultSize");
                findings.add(rule.finding(Severity.CRITICAL, new Scope.Job(job.id()),
                        "Job " + job.id() + " failed " + (limit
                                ? "because its results exceeded spark.driver.maxResultSize"
                                : "with an OutOfMemoryError") + ": " + Formats.oneLine(failure.get(), 160),
                        List.of(Evidence.text("job failure", Formats.oneLine(failure.get(), 400)),
                                Evidence.bytes("spark.driver.maxResultSize", maxResultSize),
                                Evidence.bytes("spark.driver.memory", driverMemory)),
                        advice(spark, maxResultSize, driverMemory, maxResultSize), OptionalLong.empty()));
                continue;
            }
            Optional<StageAttempt> resultStage = resultStage(app, job);
            if (resultStage.isEmpty()) {
                continue;
            }
            long result = resultStage.get().total(TaskMetric.RESULT_SIZE);
            if (result < minResult) {
                continue;
            }
            double ofLimit = maxResultSize > 0 ? (double) result / maxResultSize : 0;
            double ofMemory = (double) result / driverMemory;
            double worst = Math.max(ofLimit, ofMemory);
            if (worst < warningResult) {
                continue;
            }
            Severity severity = worst >= criticalResult ? Severity.CRITICAL : Severity.WARNING;
            String summary = "Job " + job.id() + job.description().map(d -> " (" + Formats.oneLine(d, 60) + ")")
                    .orElse("") + " returned " + Formats.bytes(result) + " to the driver: "
                    + (maxResultSize > 0 ? Formats.percent(ofLimit) + " of spark.driver.maxResultSize ("
                            + Formats.bytes(maxResultSize) + ")" : "no result size limit")
                    + " and " + Formats.percent(ofMemory) + " of the driver's " + Formats.bytes(driverMemory)
                    + " heap.";
            findings.add(rule.finding(severity, new Scope.Job(job.id()), summary,
                    List.of(Evidence.bytes("result bytes returned to the driver", result),
                            Evidence.text("result stage", "stage " + resultStage.get().id()),
                            Evidence.bytes("spark.driver.maxResultSize", maxResultSize),
                            Evidence.fraction("result / maxResultSize", ofLimit),
                            Evidence.bytes("spark.driver.memory", driverMemory),
                            Evidence.fraction("result / driver memory", ofMemory)),
                    advice(spark, maxResultSize, driverMemory, result), OptionalLong.empty()));
        }
        driverHeap(app, rule, spark, driverMemory).ifPresent(findings::add);
        return rule.outcome(findings);
    }

    private static Optional<Finding> driverHeap(ApplicationSnapshot app, RuleContext rule, SparkSettings spark,
            long driverMemory) {
        double warning = rule.threshold(Thresholds.DriverOomRisk.WARNING_HEAP_FRACTION);
        double critical = rule.threshold(Thresholds.DriverOomRisk.CRITICAL_HEAP_FRACTION);
        OptionalLong peak = app.driverPeakMetrics().get(ExecutorMetric.JVM_HEAP_MEMORY);
        if (peak.isEmpty()) {
            return Optional.empty();
        }
        // The heap the driver JVM really had: spark.driver.memory is ignored when the JVM was started before Spark
        // (local mode, -Xmx given to java), so judge against the heap its block manager measured where the log has it.
        OptionalLong measured = measuredDriverHeap(app, spark);
        long heap = measured.orElse(driverMemory);
        String heapName = measured.isPresent() ? "driver heap (from its block manager)" : "spark.driver.memory";
        double fraction = (double) peak.getAsLong() / heap;
        if (fraction < warning) {
            return Optional.empty();
        }
        Severity severity = fraction >= critical ? Severity.CRITICAL : Severity.WARNING;
        return Optional.of(rule.finding(severity, new Scope.Executor("driver"),
                "The driver's heap peaked at " + Formats.bytes(peak.getAsLong()) + ", " + Formats.percent(fraction)
                        + " of the " + heapName + " (" + Formats.bytes(heap) + ").",
                List.of(Evidence.bytes("driver peak heap", peak.getAsLong()),
                        Evidence.bytes(heapName, heap),
                        Evidence.fraction("peak heap / driver heap", fraction)),
                List.of(spark.raise("spark.driver.memory", SparkSettings.formatBytes(roundUpGib(
                        peak.getAsLong() * 2)), "Twice the peak heap leaves room for the next collect or broadcast.")),
                OptionalLong.empty()));
    }

    /** Spark's reserved memory below the unified region (UnifiedMemoryManager.RESERVED_SYSTEM_MEMORY_BYTES). */
    private static final long RESERVED_BYTES = 300L * MIB;

    /**
     * The driver JVM's maximum heap, from the memory its block manager registered: Spark's unified region is
     * {@code (heap - 300 MiB) * spark.memory.fraction}, so {@code heap = region / fraction + 300 MiB}. Empty without
     * that event, with off-heap memory on (the region then includes it), or with Spark 1's legacy memory manager.
     */
    static OptionalLong measuredDriverHeap(ApplicationSnapshot app, SparkSettings spark) {
        if (spark.flag("spark.memory.offHeap.enabled") || spark.flag("spark.memory.useLegacyMode")) {
            return OptionalLong.empty();
        }
        double fraction;
        try {
            fraction = spark.explicit("spark.memory.fraction").map(value -> Double.parseDouble(value.trim()))
                    .orElse(0.6);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        if (!(fraction > 0 && fraction <= 1)) {
            return OptionalLong.empty();
        }
        for (var executor : app.executors()) {
            if (executor.id().equals("driver") && executor.maxMemoryBytes().isPresent()
                    && executor.maxMemoryBytes().getAsLong() > 0) {
                return OptionalLong.of(Math.round(executor.maxMemoryBytes().getAsLong() / fraction) + RESERVED_BYTES);
            }
        }
        return OptionalLong.empty();
    }

    private static List<Recommendation> advice(SparkSettings spark, long maxResultSize, long driverMemory,
            long result) {
        List<Recommendation> advice = new ArrayList<>();
        advice.add(new Recommendation.CodeChange("avoid-collect",
                "Do not bring large results to the driver: write them out, aggregate first, or iterate.",
                Map.of("java", "df.write().mode(\"overwrite\").parquet(\"s3://bucket/output/\");\n"
                                + "// or, when the driver must see every row:\n"
                                + "Iterator<Row> rows = df.toLocalIterator();\n",
                        "scala", "df.write.mode(\"overwrite\").parquet(\"s3://bucket/output/\")\n"
                                + "// or: df.toLocalIterator().asScala.foreach(...)\n",
                        "pyspark", "df.write.mode(\"overwrite\").parquet(\"s3://bucket/output/\")\n"
                                + "# instead of df.toPandas(): aggregate first, or\n"
                                + "for row in df.toLocalIterator(): ...\n"),
                "collect() and toPandas() hold the whole result in the driver's heap at once."));
        long neededLimit = roundUpGib(result * 2);
        long neededMemory = roundUpGib(Math.max(driverMemory, neededLimit * 2));
        if (maxResultSize > 0 && neededLimit > maxResultSize) {
            advice.add(spark.raise("spark.driver.maxResultSize", SparkSettings.formatBytes(neededLimit),
                    "Only if the driver really needs this data: twice the result seen."));
            advice.add(spark.raise("spark.driver.memory", SparkSettings.formatBytes(neededMemory),
                    "A larger result limit needs a heap at least twice that limit."));
        }
        return advice;
    }

    private static long roundUpGib(long bytes) {
        long gib = 1L << 30;
        return Math.max(gib, (bytes + gib - 1) / gib * gib);
    }

    /** The job's last stage that ran: the one whose tasks returned results to the driver. */
    private static Optional<StageAttempt> resultStage(ApplicationSnapshot app, Job job) {
        if (job.stageIds().isEmpty()) {
            return Optional.empty();
        }
        int last = job.stageIds().stream().mapToInt(Integer::intValue).max().getAsInt();
        StageAttempt best = null;
        for (StageAttempt stage : app.stages()) {
            if (stage.id().stageId() == last && stage.status() != StageStatus.SKIPPED
                    && stage.status() != StageStatus.PENDING
                    && (best == null || stage.id().attemptId() > best.id().attemptId())) {
                best = stage;
            }
        }
        return Optional.ofNullable(best);
    }
}
