package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.rules.RuleCatalog;
import dev.sparkdoc.rules.alerts.PrometheusTools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Push and delete against Debian's real Pushgateway: the group appears with push_time_seconds, and goes. */
class MetricsPublisherPushgatewayTest {

    @Test
    void pushCreatesTheApplicationsGroupAndDeleteRemovesIt(@TempDir Path work) throws Exception {
        int port = freeLoopbackPort();
        Process pushgateway = new ProcessBuilder(PrometheusTools.pushgateway().toString(),
                "--web.listen-address=127.0.0.1:" + port)
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("log").toFile()).start();
        try {
            ListenerMetrics metrics = new ListenerMetrics("app-7", "nightly", "9.9.9", RuleCatalog.builtIn(),
                    new ListenerHealth());
            MetricsPublisher publisher = new MetricsPublisher(metrics.registry(),
                    LoggerFactory.getLogger(MetricsPublisherPushgatewayTest.class));
            String address = "127.0.0.1:" + port;
            String group = "push_time_seconds{application_id=\"app-7\",instance=\"\",job=\"sparkdoc\"}";
            awaitUp(port);
            publisher.push(address, "sparkdoc", "app-7");
            String page = metricsPage(port);
            assertTrue(page.contains(group), page);
            assertTrue(page.contains("sparkdoc_tasks_total{application_id=\"app-7\""), page);

            publisher.delete(address, "sparkdoc", "app-7");
            page = metricsPage(port);
            assertFalse(page.contains("application_id=\"app-7\""), page);
        } finally {
            pushgateway.destroy();
            if (!pushgateway.waitFor(30, TimeUnit.SECONDS)) {
                pushgateway.destroyForcibly();
            }
        }
    }

    private static void awaitUp(int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try {
                metricsPage(port);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Pushgateway did not answer within 30 s");
    }

    private static String metricsPage(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
