package dev.sparkdoc.rules.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tiny Prometheus scrape target on 127.0.0.1 serving text exposition that a test sets, standing in for a real
 * exporter (the sparkdoc listener, Spark's /metrics/executors/prometheus) when a test proves the Prometheus side.
 */
public final class MetricsEndpoint implements AutoCloseable {

    public static final String PATH = "/metrics";

    private final HttpServer server;
    private final AtomicReference<String> body;
    private final AtomicInteger scrapes = new AtomicInteger();

    private MetricsEndpoint(String initialBody) {
        body = new AtomicReference<>(initialBody);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        server.createContext(PATH, exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            scrapes.incrementAndGet();
        });
        server.start();
    }

    /** Starts serving {@code exposition} (Prometheus text format) at http://127.0.0.1:PORT/metrics. */
    public static MetricsEndpoint serving(String exposition) {
        return new MetricsEndpoint(exposition);
    }

    public void serve(String exposition) {
        body.set(exposition);
    }

    /** host:port, as a scrape target. */
    public String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int scrapes() {
        return scrapes.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
