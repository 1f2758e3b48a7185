package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkdoc.rules.alerts.Dashboards;
import dev.sparkdoc.rules.alerts.PrometheusServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every panel of the Grafana dashboard and every recording rule {@code sparkdoc alerts} writes, run against a real
 * Prometheus scraping the listener of a real job (the skewed-aggregation reference job, held open after it ran): each
 * expression returns data at some point of the run.
 */
@Tag("slow")
class LiveDashboardTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyPanelAndRecordingRuleGetsDataFromARealJob(@TempDir Path work) throws Exception {
        Path rules = work.resolve("sparkdoc-recording.yml");
        Files.writeString(rules, Dashboards.recordingRules(""), StandardCharsets.UTF_8);
        int port = freeLoopbackPort();
        Path release = work.resolve("release");
        try (PrometheusServer prometheus = PrometheusServer.start(Files.createDirectories(work.resolve("prometheus")),
                List.of(rules), List.of("127.0.0.1:" + port), "/metrics")) {
            Process job = ListenedRun.start("skewed-aggregation", work,
                    ListenerConfig.PROMETHEUS_PORT + "=" + port, ListenerConfig.PROMETHEUS_HOST + "=127.0.0.1",
                    "hold=" + release);
            try {
                List<String> expressions = new ArrayList<>();
                for (Dashboards.Recording recording : Dashboards.RECORDINGS) {
                    expressions.add(recording.record());
                }
                for (Dashboards.Panel panel : Dashboards.PANELS) {
                    expressions.add(panel.expr().replace("$application", ".+"));
                }
                Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
                List<String> empty = expressions;
                while (!empty.isEmpty() && Instant.now().isBefore(deadline) && job.isAlive()) {
                    Thread.sleep(2_000);
                    List<String> still = new ArrayList<>();
                    for (String expression : empty) {
                        if (prometheus.query("count_over_time((" + expression + ")[10m:1s])").isEmpty()) {
                            still.add(expression);
                        }
                    }
                    empty = still;
                }
                assertEquals(List.of(), empty, "expressions without data while a real job ran");
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
