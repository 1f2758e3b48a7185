package dev.sparkdoc.snapshot;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.event.TaskMetric;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whose work a stage attempt is: the user's code, Spark's own (file listing, broadcast exchange, metadata or schema
 * inference), or unknown; with the reason, in words. Derived from the stage's job descriptions, its call site (the
 * stage name) and whether it runs for a SQL execution:
 *
 * <ol>
 *   <li>a job description Spark itself sets marks its work: "Listing leaf files and directories" (parallel file
 *       listing), "broadcast exchange" (collecting a broadcast side), "Inferring schema"/"schema inference";</li>
 *   <li>a stage with an anonymous call site ({@code <unknown>:0}, {@code $anonfun}, a JDK executor thread: AQE
 *       submits query stages from its own threads, PySpark has no Scala call site) that read, wrote and shuffled
 *       nothing is Spark's metadata work (schema inference, a 0-byte {@code load at <unknown>:0});</li>
 *   <li>a stage that runs for a SQL execution is the user's query (whatever its call site: under AQE every query
 *       stage has an anonymous one);</li>
 *   <li>a reader call site without a SQL execution ({@code json at ...}, {@code csv at ...}, {@code load at ...}) is
 *       schema inference;</li>
 *   <li>a named call site ({@code groupBy at Job.scala:42}, {@code count at <console>:25} in a shell) is user
 *       code; anything else is unknown.</li>
 * </ol>
 */
public record StageOrigin(Kind kind, String reason) {

    public enum Kind {
        USER,
        SPARK_INTERNAL,
        UNKNOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public StageOrigin {
        requireNonNull(kind, "kind is null");
        requireNonNull(reason, "reason is null");
    }

    public boolean isSparkInternal() {
        return kind == Kind.SPARK_INTERNAL;
    }

    public boolean isUser() {
        return kind == Kind.USER;
    }

    private static final Pattern ANONYMOUS_CALL_SITE = Pattern.compile(
            "<unknown>:0|\\$anonfun|\\bat (FutureTask|ThreadPoolExecutor|CompletableFuture|ForkJoinTask|Thread)\\.java"
                    + "|NativeMethodAccessorImpl\\.java:0");
    private static final Pattern READER_CALL_SITE = Pattern.compile(
            "^(load|json|csv|parquet|orc|text|textFile|table|schema|inferSchema) at ");
    private static final Pattern NAMED_CALL_SITE = Pattern.compile(
            "^\\S+ at ([^\\s:]+\\.(scala|java|py|kt|R)|<console>):\\d+");

    /** Classifies one stage attempt; {@code jobDescriptions} are the descriptions of the jobs it belongs to. */
    public static StageOrigin classify(String stageName, boolean inSqlExecution, long bytesMoved,
            List<Optional<String>> jobDescriptions) {
        for (Optional<String> description : jobDescriptions) {
            if (description.isEmpty()) {
                continue;
            }
            String text = description.get();
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.startsWith("listing leaf files and directories")) {
                return new StageOrigin(Kind.SPARK_INTERNAL, "file listing (job \"" + clip(text) + "\")");
            }
            if (lower.startsWith("broadcast exchange")) {
                return new StageOrigin(Kind.SPARK_INTERNAL, "broadcast exchange (job \"" + clip(text) + "\")");
            }
            if (lower.contains("inferring schema") || lower.contains("schema inference")) {
                return new StageOrigin(Kind.SPARK_INTERNAL, "schema inference (job \"" + clip(text) + "\")");
            }
        }
        boolean anonymous = ANONYMOUS_CALL_SITE.matcher(stageName).find();
        if (anonymous && bytesMoved == 0) {
            return new StageOrigin(Kind.SPARK_INTERNAL, "metadata work: call site " + clip(stageName)
                    + " read, wrote and shuffled nothing");
        }
        if (inSqlExecution) {
            return new StageOrigin(Kind.USER, "a stage of the user's SQL query");
        }
        if (READER_CALL_SITE.matcher(stageName).find()) {
            return new StageOrigin(Kind.SPARK_INTERNAL, "schema inference or metadata read by " + clip(stageName)
                    + " outside any SQL execution");
        }
        if (!anonymous && NAMED_CALL_SITE.matcher(stageName).find()) {
            return new StageOrigin(Kind.USER, "user code at " + clip(stageName));
        }
        return new StageOrigin(Kind.UNKNOWN, stageName.isBlank() ? "no call site" : "call site " + clip(stageName));
    }

    /** Input, output and shuffle bytes of a stage attempt: 0 for a stage that moved no data. */
    public static long bytesMoved(StageAttempt stage) {
        return stage.total(TaskMetric.INPUT_BYTES) + stage.total(TaskMetric.OUTPUT_BYTES)
                + stage.total(TaskMetric.SHUFFLE_READ_BYTES) + stage.total(TaskMetric.SHUFFLE_WRITE_BYTES);
    }

    private static String clip(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
