package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.Tuple2;

/**
 * The shaded jar, alone, on a real Spark: this class runs twice in {@code mvn verify}, once with spark-core 4.x and once
 * with spark-core 3.5 on the class path, and nothing else of sparkdoc's but {@code sparkdoc-listener-VERSION.jar} (the
 * listeners module's surefire executions {@code shaded-jar-spark-4} and {@code shaded-jar-spark-3.5}). A skewed job
 * runs in local mode with the listener attached each way users attach it ({@code spark.extraListeners}, the plugin
 * {@code spark.plugins}, or both, which must give one listener), a rules file read through the relocated YAML parser
 * lowers the skew gates to fit a small job, and the test checks the metrics endpoint during the job and the reports at
 * its end.
 */
class ShadedListenerSparkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"extraListeners", "plugin", "both"})
    void listenerFromTheShadedJarDiagnosesARealJobOnThisSparkVersion(String attach) throws Exception {
        String expected = System.getProperty("sparkdoc.expectedSparkVersion");
        String running = org.apache.spark.package$.MODULE$.SPARK_VERSION();
        assertEquals(expected, running, "the Spark on the class path is not the one this run is for");
        String jar = Path.of(SparkDocListener.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getFileName().toString();
        assertTrue(jar.matches("sparkdoc-listener-.+\\.jar"), "the listener was loaded from " + jar
                + ", not from the shaded jar");
        // sparkdoc's own dependencies are inside, relocated; the originals are not on the class path.
        Class.forName("dev.sparkdoc.shaded.io.prometheus.metrics.core.metrics.Counter");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.prometheus.metrics.core.metrics.Counter"));

        Path rules = work.resolve("rules.yaml");
        Files.writeString(rules, String.join("\n",
                "rules:",
                "  data-skew:",
                "    thresholds:",
                "      min-max-bytes: 1024",
                "      min-time-lost: 0",
                "      min-stage-share: 0",
                ""));
        Path reports = work.resolve("reports");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SparkConf conf = new SparkConf()
                .setMaster("local[2]")
                .setAppName("shaded listener on Spark " + running)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sparkdoc.report.dir", reports.toUri().toString())
                .set("spark.sparkdoc.prometheus.host", "127.0.0.1")
                .set("spark.sparkdoc.prometheus.port", Integer.toString(port))
                .set("spark.sparkdoc.rules", rules.toString());
        if (!attach.equals("plugin")) {
            conf.set("spark.extraListeners", "dev.sparkdoc.listener.SparkDocListener");
        }
        if (!attach.equals("extraListeners")) {
            conf.set("spark.plugins", "dev.sparkdoc.listener.SparkDocPlugin");
        }
        String applicationId;
        String page;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            applicationId = sc.sc().applicationId();
            assertEquals(1, sparkdocListeners(sc.sc().listenerBus()), "one listener, however it was attached");
            // The plugin puts it on a queue Spark has anyway; only spark.extraListeners makes Spark add one.
            assertEquals(!attach.equals("plugin"), sc.sc().listenerBus().activeQueues().contains("shared"),
                    "Spark's queues: " + sc.sc().listenerBus().activeQueues());
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < 200_000; i++) {
                numbers.add(i);
            }
            String payload = "x".repeat(100);
            // Key 0 holds 90% of the records: one reduce task reads most of the shuffle.
            long keys = sc.parallelize(numbers, 8)
                    .mapToPair(i -> new Tuple2<>(i % 10 == 0 ? 1 + i % 97 : 0, payload))
                    .groupByKey(8)
                    .mapValues(values -> {
                        long count = 0;
                        for (String ignored : values) {
                            count++;
                        }
                        if (count > 100_000) {
                            // The hot key's task also runs longest: its stage lasts over a second, as data-skew
                            // judges no shorter stage.
                            Thread.sleep(1_500);
                        }
                        return count;
                    })
                    .count();
            assertEquals(98, keys);
            Thread.sleep(3_000);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            page = response.body();
        }

        String app = "application_id=\"" + applicationId + "\"";
        assertTrue(page.lines().anyMatch(line -> line.startsWith("sparkdoc_tasks_total{") && line.contains(app)
                && line.contains("status=\"success\"} 16.0")), page);
        assertTrue(page.lines().anyMatch(line -> line.startsWith("sparkdoc_stage_skew_ratio{")
                && line.contains("metric=\"shuffle_read\"")), page);
        assertTrue(page.lines().anyMatch(line -> line.startsWith("sparkdoc_findings{")
                && line.contains("rule=\"data-skew\"") && !line.endsWith(" 0.0")), page);
        assertTrue(page.contains("sparkdoc_listener_events_dropped_total{" + app), page);

        Path json = reports.resolve(applicationId + ".sparkdoc.json");
        assertTrue(Files.exists(json), "no JSON report in " + reports);
        assertTrue(Files.exists(reports.resolve(applicationId + ".sparkdoc.txt")), "no text report");
        // The HTML page renders from inside the shaded jar too (its charts, styles and scripts are in the page).
        String html = Files.readString(reports.resolve(applicationId + ".sparkdoc.html"), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains(applicationId) && html.contains("data-skew"),
                html.substring(0, Math.min(html.length(), 500)));
        JsonNode report = JSON.readTree(Files.readString(json, StandardCharsets.UTF_8));
        assertEquals("sparkdoc.analysis/v3", report.path("schema").asText());
        JsonNode application = report.path("applications").get(0);
        assertEquals(running, application.path("application").path("sparkVersion").asText());
        // Nothing lost inside the listener on this Spark and Scala line (on Scala 2.12 a 2.13-only class once cost
        // the memory peaks and marked the report incomplete).
        assertTrue(application.path("application").path("complete").asBoolean(),
                application.path("application").path("incompleteReasons").toString());
        assertTrue(page.lines().anyMatch(line -> line.startsWith("sparkdoc_listener_errors_total{")
                && line.contains(app) && line.endsWith(" 0.0")), page);
        boolean skew = false;
        for (JsonNode finding : application.path("findings")) {
            skew |= finding.path("rule").asText().equals("data-skew");
        }
        assertTrue(skew, "no data-skew finding in the report: " + application.path("findings"));
    }

    /**
     * How many sparkdoc listeners the bus holds. By reflection: the method returns a Scala Seq, whose class differs
     * between Scala 2.12 and 2.13, and this test runs on both.
     */
    private static int sparkdocListeners(Object listenerBus) throws ReflectiveOperationException {
        Object found = listenerBus.getClass().getMethod("findListenersByClass", scala.reflect.ClassTag.class)
                .invoke(listenerBus, scala.reflect.ClassTag$.MODULE$.apply(SparkDocListener.class));
        return (Integer) found.getClass().getMethod("size").invoke(found);
    }
}
