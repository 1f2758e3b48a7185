package dev.sparkdoc.samples.jobs;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The forked JVM's entry point: runs one reference job in local mode with event logging on and writes what happened
 * to a result file. Arguments: JOB EVENT_LOG_DIR RESULT_FILE CODEC ROLLING [SALT_KEY SALT_BUCKETS] [--conf KEY=VALUE]...
 * (settings over the job's own).
 * {@link JobLauncher} starts it; people use {@code sparkdoc jobs run}.
 */
public final class JobMain {

    private JobMain() {
    }

    /** Marks a Spark setting over the job's own in the arguments. */
    static final String CONF = "--conf";

    public static void main(String[] arguments) throws IOException {
        java.util.List<String> positional = new java.util.ArrayList<>();
        Map<String, String> overrides = new java.util.TreeMap<>();
        for (int i = 0; i < arguments.length; i++) {
            if (CONF.equals(arguments[i]) && i + 1 < arguments.length && arguments[i + 1].indexOf('=') > 0) {
                String setting = arguments[++i];
                overrides.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            } else {
                positional.add(arguments[i]);
            }
        }
        String[] args = positional.toArray(new String[0]);
        if (args.length != 5 && args.length != 7) {
            System.err.println("usage: JobMain JOB EVENT_LOG_DIR RESULT_FILE CODEC ROLLING [SALT_KEY SALT_BUCKETS]"
                    + " [--conf KEY=VALUE]...");
            System.exit(2);
        }
        ReferenceJob job = ReferenceJobs.find(args[0]).orElseThrow(() -> new IllegalArgumentException(
                "unknown job " + args[0] + "; known jobs: " + ReferenceJobs.names()));
        Path logDir = Path.of(args[1]).toAbsolutePath();
        Path resultFile = Path.of(args[2]);
        String codec = args[3];
        boolean rolling = Boolean.parseBoolean(args[4]);
        boolean salted = args.length == 7;

        SparkConf conf = new SparkConf()
                .setMaster(job.master())
                .setAppName("sparkdoc " + job.name() + (salted ? " salted" : ""))
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.eventLog.enabled", "true")
                .set("spark.eventLog.dir", logDir.toUri().toString())
                .set("spark.eventLog.compress", Boolean.toString(!codec.equals("none")))
                .set("spark.eventLog.rolling.enabled", Boolean.toString(rolling));
        if (!codec.equals("none")) {
            conf.set("spark.eventLog.compression.codec", codec);
        }
        for (Map.Entry<String, String> setting : job.sparkConf().entrySet()) {
            conf.set(setting.getKey(), setting.getValue());
        }
        for (Map.Entry<String, String> setting : overrides.entrySet()) {
            conf.set(setting.getKey(), setting.getValue());
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        String appId = spark.sparkContext().applicationId();
        long start = System.nanoTime();
        ResultDigest digest;
        if (salted) {
            if (!(job instanceof SkewedJob skewed)) {
                throw new IllegalArgumentException("job " + job.name() + " has no salted variant");
            }
            Dataset<Row> result = skewed.runSalted(spark, args[5], Integer.parseInt(args[6]));
            digest = ResultDigest.of(result);
        } else {
            digest = job.execute(spark);
        }
        long actionMillis = (System.nanoTime() - start) / 1_000_000;
        spark.stop();

        Path eventLog = findLog(logDir, appId);
        Properties result = new Properties();
        result.setProperty("applicationId", appId);
        result.setProperty("eventLog", eventLog.toString());
        result.setProperty("digest", digest.format());
        result.setProperty("actionMillis", Long.toString(actionMillis));
        try (Writer writer = Files.newBufferedWriter(resultFile, StandardCharsets.UTF_8)) {
            result.store(writer, "sparkdoc reference job result");
        }
    }

    /** The file or rolling directory Spark named after the application id, once it was closed. */
    static Path findLog(Path logDir, String appId) throws IOException {
        String sanitized = appId.replaceAll("[ :/]", "-").replaceAll("[.${}'\"]", "_").toLowerCase(java.util.Locale.ROOT);
        try (Stream<Path> entries = Files.list(logDir)) {
            return entries.filter(path -> {
                String name = path.getFileName().toString();
                return (name.equals("eventlog_v2_" + sanitized) || name.equals(sanitized)
                        || name.startsWith(sanitized + ".")) && !name.endsWith(".inprogress");
            }).findFirst().orElseThrow(() -> new IOException("no event log for " + appId + " in " + logDir
                    + "; check that the directory is writable"));
        }
    }
}
