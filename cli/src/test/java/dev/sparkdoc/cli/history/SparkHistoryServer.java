package dev.sparkdoc.cli.history;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.history.FsHistoryProvider;
import org.apache.spark.deploy.history.HistoryServer;
import org.apache.spark.deploy.history.HistoryServer$;

/**
 * Spark's own History Server ({@link HistoryServer} from spark-core), started in this JVM on loopback over a log
 * directory, on a port the system picks.
 */
final class SparkHistoryServer implements AutoCloseable {

    private final FsHistoryProvider provider;
    private final HistoryServer server;
    private final URI uri;

    private SparkHistoryServer(FsHistoryProvider provider, HistoryServer server, URI uri) {
        this.provider = provider;
        this.server = server;
        this.uri = uri;
    }

    static SparkHistoryServer start(Path logDirectory, Path storeDirectory) {
        SparkConf conf = new LoopbackConf()
                .set("spark.history.fs.logDirectory", logDirectory.toUri().toString())
                .set("spark.history.fs.update.interval", "1s")
                .set("spark.history.store.path", storeDirectory.toString())
                .set("spark.driver.host", "127.0.0.1");
        FsHistoryProvider provider = new FsHistoryProvider(conf);
        HistoryServer server = new HistoryServer(conf, provider,
                HistoryServer$.MODULE$.createSecurityManager(conf), 0);
        server.bind();
        provider.start();
        return new SparkHistoryServer(provider, server, URI.create("http://127.0.0.1:" + server.boundPort()));
    }

    /**
     * Spark's web UI binds to {@code $SPARK_LOCAL_IP}, else to every interface; a test cannot set the environment,
     * so this configuration answers that variable itself: the server listens on loopback only.
     */
    private static final class LoopbackConf extends SparkConf {
        private static final long serialVersionUID = 1L;

        LoopbackConf() {
            super(false);
        }

        @Override
        public String getenv(String name) {
            return "SPARK_LOCAL_IP".equals(name) ? "127.0.0.1" : super.getenv(name);
        }
    }

    URI uri() {
        return uri;
    }

    /** Polls the application list until {@code done} holds for its JSON text, with a generous deadline. */
    String awaitApplications(Predicate<String> done) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri.resolve("/api/v1/applications"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            last = response.body();
            if (response.statusCode() == 200 && done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the History Server did not list the logs within 3 minutes; it lists: " + last);
    }

    @Override
    public void close() {
        server.stop();
        provider.stop();
    }
}
