package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * The listener attached the way users attach it, on a real local job, with settings that go wrong: an invalid queue
 * capacity, a metrics port already taken, a rules file that does not exist. The job runs to the end regardless, the
 * reports land in a {@code file:} URI directory, and the final metrics are pushed to a Pushgateway (a hand-written
 * one on loopback that records what it receives). Secrets planted in the application name, a job group and a failing
 * task's message reach neither the reports nor the metrics.
 */
class SparkDocListenerTest {

    /** Planted in the application name, a job group and description, and a task's exception: never in any output. */
    private static final String SECRET = "SPARKDOC-SECRET-L";

    @TempDir
    Path work;

    @Test
    void badSettingsNeverStopTheJobAndTheReportAndPushHappenAtTheEnd() throws Exception {
        Map<String, String> pushes = new ConcurrentHashMap<>();
        HttpServer pushgateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pushgateway.createContext("/", exchange -> {
            pushes.put(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        pushgateway.start();
        Path reports = work.resolve("reports");
        String applicationId;
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            SparkConf conf = new SparkConf()
                    .setMaster("local[2]")
                    .setAppName("listener settings test password=" + SECRET + "1")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.extraListeners", SparkDocListener.class.getName())
                    .set("spark.sparkdoc.report.dir", reports.toUri().toString())
                    .set("spark.sparkdoc.queue.capacity", "lots")
                    .set("spark.sparkdoc.prometheus.host", "127.0.0.1")
                    .set("spark.sparkdoc.prometheus.port", Integer.toString(taken.getLocalPort()))
                    .set("spark.sparkdoc.rules", work.resolve("missing-rules.yaml").toString())
                    .set("spark.sparkdoc.pushgateway.address", "127.0.0.1:" + pushgateway.getAddress().getPort())
                    .set("spark.sparkdoc.pushgateway.job", "nightly");
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                applicationId = sc.sc().applicationId();
                sc.setJobGroup("nightly jdbc:postgresql://etl:" + SECRET + "2@db/sales", "load token=" + SECRET + "3");
                long count = sc.parallelize(List.of(1, 2, 3, 4, 5, 6), 3)
                        .mapToPair(i -> new Tuple2<>(i % 2, i)).reduceByKey(Integer::sum).count();
                assertEquals(2, count, "the job ran");
                String secretInMessage = "Authorization: Bearer " + SECRET + "4";
                assertThrows(Exception.class, () -> sc.parallelize(List.of(1), 1).map(i -> {
                    throw new IllegalStateException(secretInMessage);
                }).count(), "a job whose task fails with a secret in its message");
            }
        } finally {
            pushgateway.stop(0);
        }

        assertTrue(Files.exists(reports.resolve(applicationId + ".sparkdoc.json")), "no JSON report in " + reports);
        String text = Files.readString(reports.resolve(applicationId + ".sparkdoc.txt"));
        assertTrue(text.contains("live listener"), text);
        String pushed = pushes.get("PUT /metrics/job/nightly/application_id/" + applicationId);
        assertTrue(pushed != null, "nothing pushed to the job's group; requests: " + pushes.keySet());
        String name = "listener settings test password=*********(redacted)";
        assertTrue(pushed.contains("sparkdoc_tasks_total{application_id=\"" + applicationId
                + "\",application_name=\"" + name + "\",status=\"success\"} 6.0"), pushed);
        assertTrue(pushed.contains("sparkdoc_jobs_total{application_id=\"" + applicationId
                + "\",application_name=\"" + name + "\",status=\"succeeded\"} 1.0"), pushed);
        assertTrue(pushed.contains("sparkdoc_jobs_total{application_id=\"" + applicationId
                + "\",application_name=\"" + name + "\",status=\"failed\"} 1.0"), pushed);
        assertFalse(pushed.contains(SECRET), pushed);
        String json = Files.readString(reports.resolve(applicationId + ".sparkdoc.json"));
        assertTrue(json.contains("Authorization: Bearer *********(redacted)"), "the failed task's message, redacted");
        assertTrue(json.contains("nightly jdbc:postgresql://etl:*********(redacted)@db/sales"), "the job group");
        for (String report : List.of("json", "txt", "html")) {
            String content = Files.readString(reports.resolve(applicationId + ".sparkdoc." + report));
            assertFalse(content.contains(SECRET), () -> report + " report leaks a secret: "
                    + content.substring(Math.max(0, content.indexOf(SECRET) - 100), content.indexOf(SECRET) + 30));
        }
    }
}
