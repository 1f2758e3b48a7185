package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.alerts.AlertExporter;
import dev.sparkdoc.rules.alerts.ExportOptions;
import dev.sparkdoc.rules.alerts.PrometheusServer;
import dev.sparkdoc.rules.alerts.PrometheusTools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch jobs and a Pushgateway, end to end with real things: short reference jobs push their final metrics to a real
 * Pushgateway (Debian's), a real Prometheus scrapes it every 15 s with the rules {@code sparkdoc alerts export}
 * writes, and the alerts must mean what the findings mean: the skewed and the spilling job each fire their alert
 * after they ended, the healthy and the tiny-task jobs fire none, and every alert resolves once its push is older
 * than the rules' maximum age, though the Pushgateway keeps the series.
 */
@Tag("slow")
class LivePushgatewayAlertTest {

    /** Above the spill alert's 1m {@code for} plus a 15 s scrape, so it can fire; small, so the test ends soon. */
    private static final Duration PUSH_MAX_AGE = Duration.ofMinutes(2);

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void batchJobsAlertAfterTheyEndAndTheAlertsResolveWhenThePushIsOld(@TempDir Path work) throws Exception {
        Path rules = work.resolve("sparkdoc-alerts.yml");
        Files.writeString(rules, AlertExporter.export(ExportOptions.defaults(RuleSettings.defaults())
                .withPushMaxAge(PUSH_MAX_AGE), ""), StandardCharsets.UTF_8);
        int pushPort = freeLoopbackPort();
        Path pushLog = work.resolve("pushgateway.log");
        Process pushgateway = new ProcessBuilder(PrometheusTools.pushgateway().toString(),
                "--web.listen-address=127.0.0.1:" + pushPort)
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(pushLog.toFile()).start();
        try (PrometheusServer prometheus = PrometheusServer.start(Files.createDirectories(work.resolve("prometheus")),
                List.of(rules), List.of("127.0.0.1:" + pushPort), "/metrics", Duration.ofSeconds(15), true)) {
            String push = ListenerConfig.PUSHGATEWAY_ADDRESS + "=127.0.0.1:" + pushPort;

            // Quiet jobs first: their series are there, and nothing fires or is pending for them.
            run("healthy", work, push);
            run("tiny-tasks", work, push);
            awaitSeries(prometheus, "sparkdoc healthy");
            awaitSeries(prometheus, "sparkdoc tiny-tasks");

            run("skewed-aggregation", work, push);
            JsonNode skew = prometheus.awaitFiring("SparkStageSkewed",
                    alert -> "sparkdoc skewed-aggregation".equals(alert.path("labels").path("application_name")
                            .asText()), Duration.ofMinutes(2));
            assertEquals("critical", skew.path("labels").path("severity").asText(), skew.toString());

            run("spill", work, push);
            prometheus.awaitFiring("SparkShuffleSpillHigh",
                    alert -> "sparkdoc spill".equals(alert.path("labels").path("application_name").asText()),
                    Duration.ofMinutes(3));

            for (JsonNode alert : prometheus.alerts()) {
                String application = alert.path("labels").path("application_name").asText();
                assertFalse(application.equals("sparkdoc healthy") || application.equals("sparkdoc tiny-tasks"),
                        "a quiet job raised " + alert);
            }

            // The Pushgateway keeps every group; the alerts resolve when the last push is older than the maximum age.
            Instant deadline = Instant.now().plus(PUSH_MAX_AGE).plus(Duration.ofMinutes(2));
            List<JsonNode> left = prometheus.alerts();
            while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(2_000);
                left = prometheus.alerts();
            }
            assertEquals(List.of(), left, "alerts on pushed series of ended jobs did not resolve");
            assertTrue(prometheus.query("sparkdoc_tasks_total{application_name=\"sparkdoc spill\"}").size() > 0,
                    "the Pushgateway should still hold the spill job's series");
        } finally {
            pushgateway.destroy();
            if (!pushgateway.waitFor(30, TimeUnit.SECONDS)) {
                pushgateway.destroyForcibly();
            }
        }
    }

    private static void run(String job, Path work, String push) throws IOException, InterruptedException {
        ListenedRun.run(job, Files.createDirectories(work.resolve(job)), push);
    }

    /** Waits until Prometheus has scraped the pushed series of {@code applicationName}. */
    private static void awaitSeries(PrometheusServer prometheus, String applicationName) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            if (prometheus.query("sparkdoc_tasks_total{application_name=\"" + applicationName + "\"}").size() > 0) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("no pushed series of " + applicationName + " reached Prometheus within a minute");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
