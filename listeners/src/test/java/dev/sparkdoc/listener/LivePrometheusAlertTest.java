package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.alerts.AlertExporter;
import dev.sparkdoc.rules.alerts.ExportOptions;
import dev.sparkdoc.rules.alerts.PrometheusServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alerting path, end to end with real things: the rules `sparkdoc alerts export` writes are loaded into a
 * real Prometheus (Debian's, installed by scripts/install-promtool.sh) that scrapes, on 127.0.0.1, the listener of a
 * real local Spark job running the skewed-aggregation reference job; the skew alert must fire, as read from
 * Prometheus' own API. Bounded: the job holds its endpoint open for at most three minutes, the test fails after
 * four.
 */
@Tag("slow")
class LivePrometheusAlertTest {

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void realPrometheusScrapingTheListenerOfASkewedJobFiresTheSkewAlert(@TempDir Path work) throws Exception {
        Path rules = work.resolve("sparkdoc-alerts.yml");
        Files.writeString(rules, AlertExporter.export(ExportOptions.defaults(RuleSettings.defaults()), ""),
                StandardCharsets.UTF_8);
        int port = freeLoopbackPort();
        Path release = work.resolve("release");
        try (PrometheusServer prometheus = PrometheusServer.start(Files.createDirectories(work.resolve("prometheus")),
                List.of(rules), List.of("127.0.0.1:" + port), "/metrics")) {
            Process job = ListenedRun.start("skewed-aggregation", work,
                    ListenerConfig.PROMETHEUS_PORT + "=" + port, ListenerConfig.PROMETHEUS_HOST + "=127.0.0.1",
                    "hold=" + release);
            try {
                JsonNode alert = prometheus.awaitFiring("SparkStageSkewed",
                        candidate -> "sparkdoc skewed-aggregation".equals(candidate.path("labels")
                                .path("application_name").asText()),
                        Duration.ofMinutes(4));
                JsonNode labels = alert.path("labels");
                assertEquals("critical", labels.path("severity").asText(), alert.toString());
                assertEquals("data-skew", labels.path("rule").asText(), alert.toString());
                assertEquals("sparkdoc skewed-aggregation", labels.path("application_name").asText(),
                        alert.toString());
                // The listener's own critical data-skew finding: the analyzer's gates, not a bare ratio.
                assertTrue(Double.parseDouble(alert.path("value").asText()) >= 1, alert.toString());
                // The healthy series of the same application stay quiet: no spill, no fetch failure, no OOM alert.
                for (JsonNode other : prometheus.alerts()) {
                    String name = other.path("labels").path("alertname").asText();
                    // SparkStageStraggling: the skewed stage's one long task, while the stage ran.
                    assertTrue(List.of("SparkStageSkewed", "SparkStageStraggling", "SparkGcTimeHigh").contains(name),
                            "unexpected alert " + other + " for the skewed job");
                }
            } finally {
                Files.writeString(release, "done");
                if (!job.waitFor(2, TimeUnit.MINUTES)) {
                    job.destroyForcibly();
                }
            }
            String output = Files.readString(work.resolve("output.log"), StandardCharsets.UTF_8);
            assertEquals(0, job.exitValue(), ListenedRun.tail(output));
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
