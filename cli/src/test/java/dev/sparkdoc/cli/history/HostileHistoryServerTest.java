package dev.sparkdoc.cli.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sparkdoc.cli.history.SparkHistoryServerSourceTest.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What no real History Server sends, served by a tiny HTTP server on loopback: archives that climb out of their
 * directory, hold links, absolute names, duplicates or too many bytes; a stalled download; redirects; credentials.
 * Each is refused with one line, exit 3, and nothing is written outside the private download directory.
 */
class HostileHistoryServerTest {

    private static final String APP = "app-1";
    private static final Path HEALTHY = Path.of("..", "sample-eventlogs", "logs", "healthy").toAbsolutePath()
            .normalize();

    private HttpServer server;
    private volatile byte[] archive;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/applications/" + APP, exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (exchange.getRequestURI().getPath().endsWith("/logs")) {
                send(exchange, 200, "application/octet-stream", archive);
            } else {
                send(exchange, 200, "application/json", ("{\"id\":\"" + APP + "\",\"name\":\"x\",\"attempts\":[{"
                        + "\"startTimeEpoch\":1,\"duration\":1,\"sparkUser\":\"u\",\"completed\":true}]}")
                        .getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/api/v1/applications/stalled", exchange -> {
            if (!exchange.getRequestURI().getPath().endsWith("/logs")) {
                send(exchange, 200, "application/json", "{\"id\":\"stalled\",\"attempts\":[{}]}".getBytes(
                        StandardCharsets.UTF_8));
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write(new byte[1024]);
            body.flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/api/v1/applications/moved", exchange -> {
            exchange.getResponseHeaders().set("Location", "https://login.example.com/sso?ticket=TOPSECRET");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/api/v1/applications", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            boolean allowed = "Bearer right-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    || ("Basic " + java.util.Base64.getEncoder().encodeToString("ann:pa55".getBytes(
                            StandardCharsets.UTF_8))).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            send(exchange, allowed ? 200 : 401, "application/json", (allowed ? "[]" : "no").getBytes(
                    StandardCharsets.UTF_8));
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "hostile-history-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String logsUrl() {
        return url() + "/api/v1/applications/" + APP + "/logs";
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Runs analyze against the served {@code archive}: one line on stderr, exit 3, no download directory left. */
    private String refused(String... extra) throws IOException {
        Set<Path> before = SparkHistoryServerSourceTest.downloads();
        List<String> args = new java.util.ArrayList<>(List.of("analyze", "--history-server", url(), APP));
        args.addAll(List.of(extra));
        Run run = Run.of(args.toArray(String[]::new));
        assertEquals(3, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals(before, SparkHistoryServerSourceTest.downloads(), "the download directory is deleted");
        return run.err();
    }

    @Test
    void theServedLogIsAnalyzedUnderItsUrl() throws IOException {
        archive = zip(Map.of("healthy", Files.readAllBytes(HEALTHY)));
        Run run = Run.of("analyze", "--history-server", url(), APP);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(logsUrl()), run.out());
        assertFalse(run.out().contains("sparkdoc-history-"), "no temporary path in the report");
        assertEquals(List.of("null", "null"), authorizations, "no credentials sent when none are set");
    }

    @Test
    void anEntryClimbingOutIsRefused() throws IOException {
        archive = zip(Map.of("../../escaped-by-sparkdoc-test", "x".getBytes(StandardCharsets.UTF_8)));
        assertEquals("sparkdoc: " + logsUrl() + ": refused the archive: it entry '../../escaped-by-sparkdoc-test'"
                + " climbs out of the directory (..)\n", refused());
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        assertFalse(Files.exists(tmp.resolve("escaped-by-sparkdoc-test")));
        assertFalse(Files.exists(tmp.getParent() == null ? tmp : tmp.getParent().resolve("escaped-by-sparkdoc-test")));
    }

    @Test
    void anAbsoluteEntryIsRefused() throws IOException {
        archive = zip(Map.of("/tmp/absolute-by-sparkdoc-test", "x".getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused().endsWith("entry '/tmp/absolute-by-sparkdoc-test' has an absolute or unsafe name\n"));
        assertFalse(Files.exists(Path.of("/tmp/absolute-by-sparkdoc-test")));
    }

    @Test
    void aSymbolicLinkIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry link = new ZipArchiveEntry("healthy");
            link.setUnixMode(UnixStat.LINK_FLAG | 0777);
            zip.putArchiveEntry(link);
            zip.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        archive = bytes.toByteArray();
        assertEquals("sparkdoc: " + logsUrl() + ": refused the archive: it holds a symbolic link ('healthy')\n",
                refused());
    }

    @Test
    void twoEntriesOfOneNameAreRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (String content : List.of("first", "second")) {
                zip.putArchiveEntry(new ZipArchiveEntry("healthy"));
                zip.write(content.getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        archive = bytes.toByteArray();
        assertTrue(refused().endsWith("holds two entries named 'healthy'\n"));
    }

    @Test
    void aBombIsStoppedAtMaxLogBytes() throws IOException {
        // 64 MiB of zeros deflate to ~64 KiB: under the download bound, far over the unpacked one
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("healthy"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        archive = bytes.toByteArray();
        assertTrue(archive.length < 1 << 20, "the bomb is small: " + archive.length);
        assertEquals("sparkdoc: " + logsUrl() + ": refused the archive: it unpacks to more than 1m (--max-log-bytes);"
                + " raise --max-log-bytes if the log is that large\n", refused("--max-log-bytes", "1m"));
    }

    @Test
    void aDownloadLargerThanMaxLogBytesIsStopped() throws IOException {
        archive = zip(Map.of("healthy", Files.readAllBytes(HEALTHY)));
        String err = refused("--max-log-bytes", "1k");
        assertTrue(err.startsWith("sparkdoc: " + url() + ": /api/v1/applications/" + APP + "/logs is larger than 1k"),
                err);
    }

    @Test
    void notAZipIsOneLine() throws IOException {
        archive = "<html>login</html>".getBytes(StandardCharsets.UTF_8);
        assertTrue(refused().startsWith("sparkdoc: " + logsUrl() + ": not a readable zip archive ("));
    }

    @Test
    void aStalledDownloadEndsAtTheDownloadTimeout() throws IOException {
        Set<Path> before = SparkHistoryServerSourceTest.downloads();
        Run run = Run.of("analyze", "--history-server", url(), "stalled", "--download-timeout", "2s");
        assertEquals(3, run.exitCode(), run.err());
        assertEquals("sparkdoc: " + url() + ": downloading /api/v1/applications/stalled/logs took longer than 2s"
                + " (--download-timeout); raise it, or download the log and analyze the file\n", run.err());
        assertEquals(before, SparkHistoryServerSourceTest.downloads());
    }

    @Test
    void aRedirectIsNotFollowedAndItsSecretsAreNotShown() {
        Run run = Run.of("analyze", "--history-server", url(), "moved");
        assertEquals(3, run.exitCode(), run.err());
        assertEquals("sparkdoc: " + url() + ": /api/v1/applications/moved redirects (HTTP 302) to"
                + " https://login.example.com/sso; sparkdoc follows no redirects (credentials stay with the server"
                + " named): give that server's base URL as --history-server\n", run.err());
    }

    @Test
    void credentialsComeFromTheEnvironmentAndAreNeverPrinted() {
        HistoryServerClient bearer = HistoryServerClient.open(url(), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Map.of(HistoryServerClient.TOKEN, "right-token"));
        assertEquals(0, bearer.json("applications", null).size());
        assertEquals("Bearer right-token", authorizations.get(authorizations.size() - 1));

        HistoryServerClient basic = HistoryServerClient.open(url(), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Map.of(HistoryServerClient.USER, "ann", HistoryServerClient.PASSWORD, "pa55"));
        assertEquals(0, basic.json("applications", null).size());

        HistoryServerClient wrong = HistoryServerClient.open(url(), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Map.of(HistoryServerClient.TOKEN, "wrong-token-s3cr3t"));
        HistoryServerException refused = assertThrows(HistoryServerException.class,
                () -> wrong.json("applications", null));
        assertEquals(url() + ": access refused (HTTP 401) to /api/v1/applications; check the credentials in $"
                + HistoryServerClient.TOKEN, refused.getMessage());

        HistoryServerException both = assertThrows(HistoryServerException.class, () -> HistoryServerClient.open(
                url(), Duration.ofSeconds(1), Duration.ofSeconds(1), Map.of(HistoryServerClient.TOKEN, "t0k3n",
                        HistoryServerClient.USER, "ann", HistoryServerClient.PASSWORD, "pa55")));
        assertFalse(both.getMessage().contains("t0k3n") || both.getMessage().contains("pa55"), both.getMessage());
        HistoryServerException half = assertThrows(HistoryServerException.class, () -> HistoryServerClient.open(
                url(), Duration.ofSeconds(1), Duration.ofSeconds(1), Map.of(HistoryServerClient.USER, "ann")));
        assertEquals("$" + HistoryServerClient.USER + " is set but $" + HistoryServerClient.PASSWORD + " is not;"
                + " basic authentication needs both", half.getMessage());

        Run noCredentials = Run.of("apps", "--history-server", url());
        assertEquals(3, noCredentials.exitCode());
        assertEquals("sparkdoc: " + url() + ": access refused (HTTP 401) to /api/v1/applications; set $"
                + HistoryServerClient.TOKEN + ", or $" + HistoryServerClient.USER + " and $"
                + HistoryServerClient.PASSWORD + "\n", noCredentials.err());
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        Run run = Run.of("apps", "--history-server", "http://ann:pa55@127.0.0.1:1");
        assertEquals(3, run.exitCode());
        assertFalse(run.err().contains("pa55"), run.err());
        assertEquals("sparkdoc: --history-server: the URL holds credentials; remove them from it and set $"
                + HistoryServerClient.USER + " and $" + HistoryServerClient.PASSWORD + " (or $"
                + HistoryServerClient.TOKEN + ") instead\n", run.err());
    }

    @Test
    void downloadOptionsNeedTheHistoryServer() {
        Run run = Run.of("analyze", "--attempt", "1", HEALTHY.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("sparkdoc: --attempt needs --history-server\n"), run.err());
    }
}
