package dev.sparkdoc.listener;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Exposes the listener's registry on the driver ({@code /metrics}, while the application runs) and pushes it to a
 * Pushgateway at application end. Neither ever throws into the listener: failures are logged in one line.
 */
final class MetricsPublisher {

    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(10);

    private final PrometheusRegistry registry;
    private final Logger log;
    private HTTPServer server;
    private java.util.concurrent.ScheduledExecutorService pusher;

    MetricsPublisher(PrometheusRegistry registry, Logger log) {
        this.registry = registry;
        this.log = log;
    }

    /** Starts the endpoint; returns its URL, or empty (and logs why) when it could not start. */
    Optional<String> start(String host, int port) {
        try {
            server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
            return Optional.of("http://" + host + ":" + server.getPort() + "/metrics");
        } catch (IOException | RuntimeException e) {
            log.warn("sparkdoc: could not serve metrics on {}:{} ({}); the job goes on without the endpoint. Choose"
                    + " another spark.sparkdoc.prometheus.port or spark.sparkdoc.prometheus.host", host, port,
                    e.toString());
            return Optional.empty();
        }
    }

    int port() {
        return server == null ? -1 : server.getPort();
    }

    void stop() {
        stopPushing();
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /**
     * Pushes every {@code intervalSeconds} while the application runs, from a daemon thread of its own (a slow
     * Pushgateway never holds the listener's thread or Spark's), so that alerts on a Pushgateway see a running batch
     * job and not only its end. Failures are logged once; the final push at the end is made either way.
     */
    void pushEvery(long intervalSeconds, String address, String job, String applicationId) {
        pusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sparkdoc-push");
            thread.setDaemon(true);
            return thread;
        });
        java.util.concurrent.atomic.AtomicBoolean failureLogged = new java.util.concurrent.atomic.AtomicBoolean();
        pusher.scheduleWithFixedDelay(() -> {
            try {
                pushOrThrow(address, job, applicationId);
            } catch (IOException | RuntimeException e) {
                if (failureLogged.compareAndSet(false, true)) {
                    log.warn("sparkdoc: could not push metrics to the Pushgateway at {} ({}); retrying every {} s,"
                            + " this is logged once", address, e.toString(), intervalSeconds);
                }
            }
        }, intervalSeconds, intervalSeconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void stopPushing() {
        if (pusher != null) {
            pusher.shutdownNow();
            try {
                pusher.awaitTermination(PUSH_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pusher = null;
        }
    }

    /**
     * Replaces this application's group on the Pushgateway (job, application_id) with the final values. The
     * Pushgateway stamps the group with {@code push_time_seconds}; the exported alerts ignore groups whose last push
     * is older than their maximum age, so an alert on a finished job resolves (docs/alerting.md).
     */
    void push(String address, String job, String applicationId) {
        stopPushing();
        try {
            pushOrThrow(address, job, applicationId);
            log.info("sparkdoc: pushed the final metrics to the Pushgateway at {} (job {}, application_id {})",
                    address, job, applicationId);
        } catch (IOException | RuntimeException e) {
            log.warn("sparkdoc: could not push metrics to the Pushgateway at {} ({}); check"
                    + " spark.sparkdoc.pushgateway.address", address, e.toString());
        }
    }

    /**
     * Deletes this application's group from the Pushgateway at its end ({@code spark.sparkdoc.pushgateway.deleteOnEnd}):
     * with periodic pushes, the alerts on it end with the application instead of after the pushed series' age.
     */
    void delete(String address, String job, String applicationId) {
        stopPushing();
        try {
            gateway(address, job, applicationId).delete();
            log.info("sparkdoc: deleted the application's group from the Pushgateway at {} (job {}, application_id {})",
                    address, job, applicationId);
        } catch (IOException | RuntimeException e) {
            log.warn("sparkdoc: could not delete the application's group from the Pushgateway at {} ({}); check"
                    + " spark.sparkdoc.pushgateway.address", address, e.toString());
        }
    }

    private void pushOrThrow(String address, String job, String applicationId) throws IOException {
        gateway(address, job, applicationId).push();
    }

    private PushGateway gateway(String address, String job, String applicationId) {
        PushGateway.Builder builder = PushGateway.builder().registry(registry).job(job)
                .groupingKey("application_id", applicationId).format(Format.PROMETHEUS_TEXT)
                .connectionTimeout(PUSH_TIMEOUT).readTimeout(PUSH_TIMEOUT);
        if (address.contains("://")) {
            URI uri = URI.create(address);
            builder.scheme(uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? Scheme.HTTPS : Scheme.HTTP);
            builder.address(uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        } else {
            builder.address(address);
        }
        return builder.build();
    }
}
