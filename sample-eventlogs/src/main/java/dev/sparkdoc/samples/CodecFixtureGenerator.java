package dev.sparkdoc.samples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Writes the event-log fixtures under {@code analyzers/src/test/resources/eventlogs/spark-4.2.0/}: one small,
 * deterministic local-mode job run once per event-log configuration (every codec as a single file, two rolling
 * directories), plus a copy of the plain log cut mid-line and named {@code .inprogress}, as a killed app leaves it.
 *
 * <p>Each variant goes to its own sub-directory named after the configuration, so tests can find a variant
 * without knowing the application id, which changes on every run. Run through
 * {@code scripts/regenerate-codec-fixtures.sh}, which adds the JVM flags Spark needs on Java 17.
 */
public final class CodecFixtureGenerator {

    /** Map and reduce partitions of every shuffle; small, so the logs stay small. */
    static final int PARTITIONS = 6;

    /** Tasks per job of the extra many-task jobs that make the rolling variants roll. */
    static final int ROLLING_TASKS_PER_JOB = 800;
    static final int ROLLING_JOBS = 2;

    /** One event-log configuration. */
    record Variant(String directory, Map<String, String> settings, boolean rolling) {
    }

    private CodecFixtureGenerator() {
    }

    public static List<Variant> variants() {
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("single-plain", Map.of(
                "spark.eventLog.rolling.enabled", "false",
                "spark.eventLog.compress", "false"), false));
        for (String codec : List.of("lz4", "lzf", "snappy", "zstd")) {
            variants.add(new Variant("single-" + codec, Map.of(
                    "spark.eventLog.rolling.enabled", "false",
                    "spark.eventLog.compress", "true",
                    "spark.eventLog.compression.codec", codec), false));
        }
        for (String codec : List.of("zstd", "lz4")) {
            variants.add(new Variant("rolling-" + codec, Map.of(
                    "spark.eventLog.rolling.enabled", "true",
                    // The minimum Spark 4.1+ accepts.
                    "spark.eventLog.rolling.maxFileSize", "2m",
                    "spark.eventLog.compress", "true",
                    "spark.eventLog.compression.codec", codec), true));
        }
        return variants;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CodecFixtureGenerator <output directory>");
            System.exit(2);
        }
        Path output = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(output);
        for (Variant variant : variants()) {
            Path written = run(variant, output);
            System.out.println("wrote " + output.relativize(written));
        }
        Path plainDirectory = output.resolve("single-plain");
        Path plain;
        try (Stream<Path> files = Files.list(plainDirectory)) {
            plain = files.filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no plain log in " + plainDirectory));
        }
        Path truncated = writeTruncatedCopy(plain, output.resolve("inprogress-truncated"));
        System.out.println("wrote " + output.relativize(truncated));
    }

    /** Runs the job once with this variant's event-log settings and moves the log to {@code output/<directory>}. */
    static Path run(Variant variant, Path output) throws IOException {
        Path logDir = Files.createTempDirectory("sparkdoc-eventlog-");
        Map<String, String> settings = new LinkedHashMap<>(variant.settings());
        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName("sparkdoc-codec-fixture")
                .config("spark.ui.enabled", "false")
                .config("spark.eventLog.enabled", "true")
                .config("spark.eventLog.dir", logDir.toUri().toString())
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                // Deterministic plans: no adaptive coalescing (it would hide the skew), no broadcast join.
                .config("spark.sql.adaptive.enabled", "false")
                .config("spark.sql.shuffle.partitions", "6")
                .config("spark.sql.autoBroadcastJoinThreshold", "-1")
                .config("spark.default.parallelism", "6");
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            builder.config(setting.getKey(), setting.getValue());
        }
        SparkSession spark = builder.getOrCreate();
        try {
            runJob(spark, variant.rolling());
        } finally {
            spark.stop();
        }
        Path target = output.resolve(variant.directory());
        deleteRecursively(target);
        Files.createDirectories(target);
        Path written;
        try (Stream<Path> entries = Files.list(logDir)) {
            List<Path> all = entries.toList();
            if (all.size() != 1) {
                throw new IllegalStateException("expected one event log in " + logDir + ", found " + all);
            }
            written = target.resolve(all.get(0).getFileName().toString());
            Files.move(all.get(0), written, StandardCopyOption.REPLACE_EXISTING);
        }
        deleteChecksumFiles(target);
        Files.delete(logDir);
        return written;
    }

    /**
     * The reference job: a skewed RDD groupByKey, a skewed SQL aggregation and a sort-merge join, all collected to
     * the driver. Only the rolling variants add many one-record tasks, so their logs roll several times.
     */
    static void runJob(SparkSession spark, boolean manySmallTasks) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            numbers.add(i);
        }
        // 70% of the records share key 0: one reduce task gets most of the shuffle.
        JavaPairRDD<Integer, Integer> pairs = jsc.parallelize(numbers, PARTITIONS)
                .mapToPair(i -> new Tuple2<>(i % 10 < 7 ? 0 : i % 97, i));
        List<Tuple2<Integer, Integer>> groupSizes = pairs.groupByKey(PARTITIONS)
                .mapValues(values -> {
                    int n = 0;
                    for (Integer ignored : values) {
                        n++;
                    }
                    return n;
                })
                .collect();
        check(groupSizes.size() == 97, "groupByKey keys: " + groupSizes.size());

        Dataset<Row> facts = spark.range(0, 200_000, 1, PARTITIONS)
                .withColumn("k", when(col("id").mod(10).lt(6), lit(0L)).otherwise(col("id").mod(50)))
                .withColumn("v", col("id").mod(1000));
        List<Row> perKey = facts.groupBy("k").agg(count("*").as("n"), sum("v").as("s"))
                .collectAsList();
        // Key 0 plus the 20 values of id % 50 whose last digit is 6 to 9.
        check(perKey.size() == 21, "aggregated keys: " + perKey.size());

        Dataset<Row> labels = spark.range(0, 50, 1, 2).withColumnRenamed("id", "k")
                .withColumn("label", concat(lit("k-"), col("k").cast("string")));
        List<Row> joined = facts.join(labels, "k").groupBy("label").agg(count("*").as("n"))
                .collectAsList();
        check(joined.size() == 21, "joined labels: " + joined.size());

        if (manySmallTasks) {
            for (int job = 0; job < ROLLING_JOBS; job++) {
                List<Integer> small = new ArrayList<>();
                for (int i = 0; i < ROLLING_TASKS_PER_JOB; i++) {
                    small.add(i);
                }
                long total = jsc.parallelize(small, ROLLING_TASKS_PER_JOB).map(i -> (long) i * 2).reduce(Long::sum);
                check(total == (long) ROLLING_TASKS_PER_JOB * (ROLLING_TASKS_PER_JOB - 1), "sum " + total);
            }
        }
    }

    /**
     * Copies {@code plain} cut in the middle of a line about two thirds of the way in, named {@code .inprogress}:
     * what a killed application leaves behind.
     */
    static Path writeTruncatedCopy(Path plain, Path directory) throws IOException {
        byte[] bytes = Files.readAllBytes(plain);
        int cut = bytes.length * 2 / 3;
        while (cut < bytes.length && bytes[cut] != '\n') {
            cut++;
        }
        // Step into the next line and cut there, so the last line is an incomplete JSON object.
        int lineStart = cut + 1;
        int lineEnd = lineStart;
        while (lineEnd < bytes.length && bytes[lineEnd] != '\n') {
            lineEnd++;
        }
        check(lineEnd - lineStart > 20, "line to cut is too short");
        int cutAt = lineStart + (lineEnd - lineStart) / 2;
        deleteRecursively(directory);
        Files.createDirectories(directory);
        Path target = directory.resolve(plain.getFileName().toString() + ".inprogress");
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(bytes, 0, cutAt);
        }
        return target;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("reference job gave an unexpected result: " + message);
        }
    }

    /** Hadoop's local file system leaves {@code .name.crc} files beside what it writes; they are not part of a log. */
    private static void deleteChecksumFiles(Path directory) throws IOException {
        List<Path> checksums;
        try (Stream<Path> walk = Files.walk(directory)) {
            checksums = walk.filter(p -> p.getFileName().toString().endsWith(".crc")).toList();
        }
        for (Path checksum : checksums) {
            Files.delete(checksum);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
