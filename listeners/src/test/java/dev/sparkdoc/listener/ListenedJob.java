package dev.sparkdoc.listener;

import dev.sparkdoc.samples.jobs.ReferenceJob;
import dev.sparkdoc.samples.jobs.ReferenceJobs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * A forked JVM's entry point for the listener's tests: runs one reference job (sample-eventlogs) in local mode with
 * the listener attached through {@code spark.extraListeners} AND event logging on (plain, one file, with stage
 * executor metrics), as a user would run it. Arguments: JOB EVENT_LOG_DIR [KEY=VALUE...]; a {@code scrape=FILE}
 * argument saves the listener's /metrics page after the job, before the application ends; a {@code hold=FILE}
 * argument keeps the application (and the listener's endpoint) alive after the job until FILE exists, at most
 * three minutes, for a scraper to catch up; {@code attach=plugin} attaches it through {@code spark.plugins} instead.
 * Prints
 * {@code applicationId=...} on standard output.
 */
public final class ListenedJob {

    private ListenedJob() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        ReferenceJob job = ReferenceJobs.find(args[0]).orElseThrow(() -> new IllegalArgumentException(
                "unknown job " + args[0] + "; known jobs: " + ReferenceJobs.names()));
        Path logDir = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(logDir);
        SparkConf conf = new SparkConf()
                .setMaster(job.master())
                .setAppName("sparkdoc " + job.name())
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.eventLog.enabled", "true")
                .set("spark.eventLog.dir", logDir.toUri().toString())
                .set("spark.eventLog.compress", "false")
                .set("spark.eventLog.rolling.enabled", "false")
                .set("spark.eventLog.logStageExecutorMetrics", "true")
                .set("spark.extraListeners", SparkDocListener.class.getName());
        for (Map.Entry<String, String> setting : job.sparkConf().entrySet()) {
            conf.set(setting.getKey(), setting.getValue());
        }
        Path scrape = null;
        Path hold = null;
        for (int i = 2; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            String key = args[i].substring(0, equals);
            String value = args[i].substring(equals + 1);
            if (key.equals("scrape")) {
                scrape = Path.of(value);
            } else if (key.equals("hold")) {
                hold = Path.of(value);
            } else if (key.equals("attach") && value.equals("plugin")) {
                conf.remove("spark.extraListeners");
                conf.set("spark.plugins", SparkDocPlugin.class.getName());
            } else {
                conf.set(key, value);
            }
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        System.out.println("applicationId=" + spark.sparkContext().applicationId());
        job.execute(spark);
        if (scrape != null) {
            // Let the listener's thread catch up with the last stage before reading its metrics.
            Thread.sleep(3_000);
            String port = conf.get(ListenerConfig.PROMETHEUS_PORT);
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            Files.writeString(scrape, page.body());
        }
        if (hold != null) {
            System.out.println("holding until " + hold + " exists");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
            while (!Files.exists(hold) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
        spark.stop();
    }
}
