package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * The listener's series in Spark's own metrics system: a real local driver with the plugin and Spark's
 * PrometheusServlet sink, and the servlet serves the sparkdoc gauges under {@code spark.metrics.namespace}.
 */
class SparkMetricsSourceTest {

    @Test
    void sparksOwnSinkCarriesTheListenersSeriesUnderTheNamespace() throws Exception {
        SparkConf conf = new SparkConf()
                .setMaster("local[2]")
                .setAppName("metrics source test")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.port", "0")
                .set("spark.metrics.namespace", "nightly")
                .set("spark.metrics.conf.*.sink.prometheusServlet.class", "org.apache.spark.metrics.sink.PrometheusServlet")
                .set("spark.metrics.conf.*.sink.prometheusServlet.path", "/metrics/prometheus")
                .set("spark.plugins", SparkDocPlugin.class.getName());
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            long count = sc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 4).map(x -> x * 2).count();
            assertEquals(8, count);
            String ui = sc.sc().uiWebUrl().get();
            // The listener handles events on its own thread: wait (bounded) until the gauge shows the 4 tasks.
            String gauge = "metrics_nightly_driver_sparkdoc_tasks_succeeded_Value{type=\"gauges\"} 4";
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            String page = "";
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
            while (Instant.now().isBefore(deadline)) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ui + "/metrics/prometheus"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                page = response.statusCode() + " " + response.uri() + "\n" + response.body();
                if (page.lines().anyMatch(line -> line.startsWith(gauge))) {
                    break;
                }
                Thread.sleep(200);
            }
            String served = page;
            assertTrue(served.lines().anyMatch(line -> line.startsWith(gauge)), gauge + " not in:\n" + served);
            for (String name : SparkMetricsSource.gaugeNames()) {
                String expected = "metrics_nightly_driver_sparkdoc_" + name.replace('.', '_') + "_Value";
                assertTrue(served.contains(expected), expected + " not served:\n" + served);
            }
        }
    }
}
