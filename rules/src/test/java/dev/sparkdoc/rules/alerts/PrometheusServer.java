package dev.sparkdoc.rules.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Prometheus server (Debian's, from {@link PrometheusTools#prometheus()}) for end-to-end tests: it listens
 * on 127.0.0.1 only, scrapes the given loopback targets every second, evaluates the given rule files every second,
 * keeps its data in a test's directory, and is stopped by {@link #close()}. Every wait is bounded.
 *
 * <pre>
 * try (PrometheusServer prometheus = PrometheusServer.start(dir, List.of(rules), List.of(target), "/metrics")) {
 *     JsonNode alert = prometheus.awaitFiring("SparkStageSkewed", a -&gt; true, Duration.ofSeconds(60));
 * }
 * </pre>
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, Path log, URI uri) {
        this.process = process;
        this.log = log;
        this.uri = uri;
    }

    /**
     * Starts Prometheus in {@code directory} (config, data and log go there) with {@code ruleFiles} loaded and
     * {@code targets} (host:port on 127.0.0.1) scraped at {@code metricsPath}; returns once it reports ready.
     */
    public static PrometheusServer start(Path directory, List<Path> ruleFiles, List<String> targets,
            String metricsPath) throws IOException {
        return start(directory, ruleFiles, targets, metricsPath, Duration.ofSeconds(1), false);
    }

    /**
     * As {@link #start(Path, List, List, String)}, scraping every {@code scrapeInterval} (rules are still evaluated
     * every second); {@code honorLabels} keeps the targets' own {@code job} and {@code instance}, as a Pushgateway's
     * scrape config must.
     */
    public static PrometheusServer start(Path directory, List<Path> ruleFiles, List<String> targets,
            String metricsPath, Duration scrapeInterval, boolean honorLabels) throws IOException {
        for (String target : targets) {
            if (!target.startsWith("127.0.0.1:") && !target.startsWith("localhost:")) {
                throw new IllegalArgumentException("tests scrape loopback targets only, not " + target);
            }
        }
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, config(ruleFiles, targets, metricsPath, scrapeInterval, honorLabels));
        int port = freeLoopbackPort();
        Path log = directory.resolve("prometheus.log");
        Process process = new ProcessBuilder(PrometheusTools.prometheus().toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.console.templates=" + directory.resolve("consoles"),
                "--web.console.libraries=" + directory.resolve("console_libraries"))
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        process.getOutputStream().close();
        PrometheusServer server = new PrometheusServer(process, log, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitReady();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    static String config(List<Path> ruleFiles, List<String> targets, String metricsPath, Duration scrapeInterval,
            boolean honorLabels) {
        StringBuilder text = new StringBuilder();
        text.append("global:\n  scrape_interval: ").append(scrapeInterval.toSeconds())
                .append("s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n");
        text.append("rule_files:\n");
        for (Path ruleFile : ruleFiles) {
            text.append("  - '").append(ruleFile.toAbsolutePath()).append("'\n");
        }
        text.append("scrape_configs:\n  - job_name: sparkdoc-test\n    honor_labels: ").append(honorLabels)
                .append("\n    metrics_path: '").append(metricsPath)
                .append("'\n    static_configs:\n      - targets:\n");
        for (String target : targets) {
            text.append("          - '").append(target).append("'\n");
        }
        return text.toString();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for prometheus", e);
            }
            sleep(200);
        }
        throw new IllegalStateException("prometheus was not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    public URI uri() {
        return uri;
    }

    /** GET {@code path} of the HTTP API and return the {@code data} of a successful answer. */
    public JsonNode api(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri.resolve(path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An instant query's result vector. */
    public JsonNode query(String promql) {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
    }

    /** The alerts Prometheus holds now (pending and firing), from /api/v1/alerts. */
    public List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        api("/api/v1/alerts").path("alerts").forEach(alerts::add);
        return alerts;
    }

    /** Every loaded rule, from /api/v1/rules (each with name, health, lastError). */
    public List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : api("/api/v1/rules").path("groups")) {
            group.path("rules").forEach(rules::add);
        }
        return rules;
    }

    /** Polls /api/v1/alerts until an alert named {@code name} matching {@code match} fires; fails after {@code timeout}. */
    public JsonNode awaitFiring(String name, Predicate<JsonNode> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<JsonNode> last = List.of();
        while (Instant.now().isBefore(deadline)) {
            last = alerts();
            Optional<JsonNode> firing = last.stream()
                    .filter(alert -> name.equals(alert.path("labels").path("alertname").asText()))
                    .filter(alert -> "firing".equals(alert.path("state").asText()))
                    .filter(match)
                    .findFirst();
            if (firing.isPresent()) {
                return firing.get();
            }
            sleep(500);
        }
        throw new AssertionError("alert " + name + " did not fire within " + timeout + "; alerts: " + last
                + "\nprometheus log:\n" + logTail());
    }

    /** Polls until every loaded rule has been evaluated at least once; fails after {@code timeout}. */
    public List<JsonNode> awaitRulesEvaluated(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<JsonNode> rules = List.of();
        while (Instant.now().isBefore(deadline)) {
            rules = rules();
            if (!rules.isEmpty() && rules.stream().noneMatch(rule -> "unknown".equals(rule.path("health").asText()))) {
                return rules;
            }
            sleep(500);
        }
        throw new AssertionError("rules not all evaluated within " + timeout + ": " + rules);
    }

    /** The last lines Prometheus logged, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
