package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * one on loopback that records what it receives).
 */
class SparkDocListenerTest {

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
                    .setAppName("listener settings test")
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
                long count = sc.parallelize(List.of(1, 2, 3, 4, 5, 6), 3)
                        .mapToPair(i -> new Tuple2<>(i % 2, i)).reduceByKey(Integer::sum).count();
                assertEquals(2, count, "the job ran");
            }
        } finally {
            pushgateway.stop(0);
        }

        assertTrue(Files.exists(reports.resolve(applicationId + ".sparkdoc.json")), "no JSON report in " + reports);
        String text = Files.readString(reports.resolve(applicationId + ".sparkdoc.txt"));
        assertTrue(text.contains("live listener"), text);
        String pushed = pushes.get("PUT /metrics/job/nightly/application_id/" + applicationId);
        assertTrue(pushed != null, "nothing pushed to the job's group; requests: " + pushes.keySet());
        assertTrue(pushed.contains("sparkdoc_tasks_total{application_id=\"" + applicationId
                + "\",application_name=\"listener settings test\",status=\"success\"} 6.0"), pushed);
        assertTrue(pushed.contains("sparkdoc_jobs_total{application_id=\"" + applicationId
                + "\",application_name=\"listener settings test\",status=\"succeeded\"} 1.0"), pushed);
    }
}
