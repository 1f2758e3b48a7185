package dev.sparkdoc.cli.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdoc.cli.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The REST API of a Spark History Server ({@code /api/v1}) over {@link HttpClient}: bounded connect and request
 * times, no redirects followed (credentials never travel to another host), credentials from the environment and never
 * printed, every failure one {@link HistoryServerException} line.
 */
public final class HistoryServerClient {

    /** A bearer token, sent as {@code Authorization: Bearer ...}. */
    public static final String TOKEN = "SPARKDOC_HISTORY_SERVER_TOKEN";
    /** With {@link #PASSWORD}: basic authentication. */
    public static final String USER = "SPARKDOC_HISTORY_SERVER_USER";
    public static final String PASSWORD = "SPARKDOC_HISTORY_SERVER_PASSWORD";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGE_BYTES = 4096;

    private final URI base;
    private final String shown;
    private final HttpClient http;
    private final Optional<String> authorization;
    private final String credentialsFrom;
    private final Duration requestTimeout;

    private HistoryServerClient(URI base, HttpClient http, Optional<String> authorization, String credentialsFrom,
            Duration requestTimeout) {
        this.base = base;
        this.shown = base.toString().replaceAll("/+$", "");
        this.http = http;
        this.authorization = authorization;
        this.credentialsFrom = credentialsFrom;
        this.requestTimeout = requestTimeout;
    }

    /** A client of the History Server at {@code url}, with the credentials {@code environment} holds. */
    public static HistoryServerClient open(String url, Duration connectTimeout, Duration requestTimeout,
            Map<String, String> environment) {
        URI base = base(url);
        String token = environment.getOrDefault(TOKEN, "");
        String user = environment.getOrDefault(USER, "");
        String password = environment.getOrDefault(PASSWORD, "");
        Optional<String> authorization = Optional.empty();
        String from = "";
        if (!token.isEmpty() && (!user.isEmpty() || !password.isEmpty())) {
            throw new HistoryServerException("both $" + TOKEN + " and $" + (user.isEmpty() ? PASSWORD : USER)
                    + " are set; unset one, so that it is clear which credentials the History Server gets");
        }
        if (!token.isEmpty()) {
            authorization = Optional.of("Bearer " + token);
            from = "$" + TOKEN;
        } else if (!user.isEmpty() || !password.isEmpty()) {
            if (user.isEmpty() || password.isEmpty()) {
                throw new HistoryServerException("$" + (user.isEmpty() ? PASSWORD : USER) + " is set but $"
                        + (user.isEmpty() ? USER : PASSWORD) + " is not; basic authentication needs both");
            }
            authorization = Optional.of("Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            from = "$" + USER + " and $" + PASSWORD;
        }
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(HistoryServerOptions.positive(connectTimeout, "--connect-timeout"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new HistoryServerClient(base, http, authorization, from,
                HistoryServerOptions.positive(requestTimeout, "--request-timeout"));
    }

    /**
     * The server's base URL, always ending in '/'. Credentials in the URL are refused without echoing them: they
     * belong in the environment, where they are neither logged in shell history nor printed in reports.
     */
    static URI base(String url) {
        if (url == null || url.isBlank()) {
            throw new HistoryServerException("--history-server needs a URL, like http://host:18080");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new HistoryServerException("--history-server: not a URL (" + e.getReason()
                    + "); write it like http://host:18080");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new HistoryServerException("--history-server " + Messages.printable(url) + ": not an http or"
                    + " https URL; write it like http://host:18080");
        }
        if (uri.getRawUserInfo() != null) {
            throw new HistoryServerException("--history-server: the URL holds credentials; remove them from it and"
                    + " set $" + USER + " and $" + PASSWORD + " (or $" + TOKEN + ") instead");
        }
        if (uri.getHost() == null) {
            throw new HistoryServerException("--history-server " + Messages.printable(url) + ": no host in the URL;"
                    + " write it like http://host:18080");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new HistoryServerException("--history-server " + Messages.printable(url) + ": a query or fragment"
                    + " in the URL; give the server's base URL, like http://host:18080");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** The server's URL as messages and reports name it. */
    public String url() {
        return shown;
    }

    /** The URL of a REST path ({@code applications/ID}); each segment is already encoded. */
    URI resolve(String restPath) {
        return base.resolve("api/v1/" + restPath);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((key, value) -> query.add(segment(key) + "=" + segment(value)));
        return query.toString();
    }

    /** A JSON answer of {@code restPath}; {@code notFound} words a 404 (the REST API's answer for no such id). */
    public JsonNode json(String restPath, String notFound) {
        URI uri = resolve(restPath);
        HttpResponse<InputStream> response = send(uri, requestTimeout);
        try (InputStream body = response.body()) {
            requireOk(response, uri, notFound);
            byte[] bytes = body.readAllBytes();
            try {
                return JSON.readTree(bytes);
            } catch (JsonProcessingException e) {
                throw new HistoryServerException(shown + ": " + uri.getRawPath() + " answered with something other"
                        + " than JSON; check that --history-server names a Spark History Server");
            }
        } catch (IOException e) {
            throw new HistoryServerException(shown + ": reading " + uri.getRawPath() + " failed (" + reason(e)
                    + "); try again, or raise --request-timeout", e);
        }
    }

    /**
     * Downloads {@code restPath} into {@code target}: at most {@code maxBytes} (more is refused and the download
     * stopped), within {@code timeout} from the request on (also when the server stalls mid-body).
     */
    public void download(String restPath, Path target, long maxBytes, Duration timeout, String notFound) {
        URI uri = resolve(restPath);
        String limit = dev.sparkdoc.diagnosis.SparkSettings.formatBytes(maxBytes);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sparkdoc-download-deadline");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        Thread reader = Thread.currentThread();
        try {
            long started = System.nanoTime();
            HttpResponse<InputStream> response;
            try {
                response = send(uri, timeout.compareTo(requestTimeout) < 0 ? timeout : requestTimeout);
            } catch (HistoryServerException e) {
                if (e.getCause() instanceof HttpTimeoutException && !(e.getCause()
                        instanceof HttpConnectTimeoutException) && timeout.compareTo(requestTimeout) < 0) {
                    throw timedOut(uri, timeout);
                }
                throw e;
            }
            try (InputStream body = response.body()) {
                requireOk(response, uri, notFound);
                long left = timeout.toNanos() - (System.nanoTime() - started);
                watchdog.schedule(() -> {
                    if (finished.compareAndSet(false, true)) {
                        timedOut.set(true);
                        closeQuietly(body);
                        reader.interrupt();
                    }
                }, Math.max(left, 0), TimeUnit.NANOSECONDS);
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw tooLarge(uri, declared, limit);
                }
                long copied = 0;
                byte[] buffer = new byte[1 << 16];
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                        copied += read;
                        if (copied > maxBytes) {
                            throw tooLarge(uri, -1, limit);
                        }
                        out.write(buffer, 0, read);
                    }
                }
                if (timedOut.get()) {
                    throw timedOut(uri, timeout);
                }
            }
        } catch (IOException e) {
            if (timedOut.get()) {
                throw timedOut(uri, timeout);
            }
            throw new HistoryServerException(shown + ": downloading " + uri.getRawPath() + " failed (" + reason(e)
                    + "); try again, or check the disk of the temporary directory", e);
        } finally {
            boolean fired = !finished.compareAndSet(false, true);
            watchdog.shutdown();
            if (fired) {
                // the deadline struck: let it finish, then clear the interrupt it sent this thread
                try {
                    watchdog.awaitTermination(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    // cleared below
                }
                Thread.interrupted();
            }
        }
    }

    private HistoryServerException timedOut(URI uri, Duration timeout) {
        return new HistoryServerException(shown + ": downloading " + uri.getRawPath() + " took longer than "
                + human(timeout) + " (--download-timeout); raise it, or download the log and analyze the file");
    }

    private HistoryServerException tooLarge(URI uri, long declared, String limit) {
        return new HistoryServerException(shown + ": " + uri.getRawPath() + " is larger than " + limit
                + (declared > 0 ? " (" + declared + " bytes)" : "") + " (--max-log-bytes); raise --max-log-bytes if"
                + " the log is that large");
    }

    private HttpResponse<InputStream> send(URI uri, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json, application/octet-stream, */*");
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new HistoryServerException(shown + ": unreachable (no connection within the --connect-timeout);"
                    + " check --history-server and that the server runs", e);
        } catch (HttpTimeoutException e) {
            throw new HistoryServerException(shown + ": " + uri.getRawPath() + " did not answer within "
                    + human(timeout) + "; raise --request-timeout, or check the server", e);
        } catch (ConnectException e) {
            throw new HistoryServerException(shown + ": unreachable (" + reason(e) + "); check --history-server and"
                    + " that the server runs", e);
        } catch (IOException e) {
            throw new HistoryServerException(shown + ": " + uri.getRawPath() + " failed (" + reason(e)
                    + "); check --history-server and the network", e);
        } catch (IllegalArgumentException e) {
            throw new HistoryServerException(shown + ": unreachable (cannot resolve or use the address); check"
                    + " --history-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryServerException(shown + ": interrupted while waiting for " + uri.getRawPath(), e);
        }
    }

    private void requireOk(HttpResponse<InputStream> response, URI uri, String notFound) throws IOException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        if (status == 404 && notFound != null) {
            throw new HistoryServerException(notFound);
        }
        if (status == 401 || status == 403) {
            throw new HistoryServerException(shown + ": access refused (HTTP " + status + ") to " + uri.getRawPath()
                    + (credentialsFrom.isEmpty() ? "; set $" + TOKEN + ", or $" + USER + " and $" + PASSWORD
                            : "; check the credentials in " + credentialsFrom));
        }
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").map(HistoryServerClient::withoutSecrets)
                    .orElse("no Location");
            throw new HistoryServerException(shown + ": " + uri.getRawPath() + " redirects (HTTP " + status + ") to "
                    + Messages.printable(location) + "; sparkdoc follows no redirects (credentials stay with the"
                    + " server named): give that server's base URL as --history-server");
        }
        byte[] start = response.body().readNBytes(MESSAGE_BYTES);
        String message = new String(start, StandardCharsets.UTF_8).strip();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.contains("html") || message.startsWith("<")) {
            message = "";
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline).strip();
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        throw new HistoryServerException(shown + ": " + uri.getRawPath() + " answered HTTP " + status
                + (message.isEmpty() ? "" : " (" + Messages.printable(message) + ")")
                + (status == 404 ? "; check --history-server (a proxy path?)" : status == 400
                        ? "; check the options given" : "; check the server's log, or try again later"));
    }

    /** A redirect target as it can be shown: scheme, host, port and path; no user info, query or fragment. */
    private static String withoutSecrets(String location) {
        try {
            URI uri = new URI(location);
            if (uri.getHost() == null) {
                return uri.getRawPath() == null ? "?" : uri.getRawPath();
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (URISyntaxException e) {
            return "an invalid URL";
        }
    }

    static String human(Duration duration) {
        return duration.toMillis() % 1000 != 0 ? duration.toMillis() + "ms" : duration.toSeconds() + "s";
    }

    private static String reason(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return Messages.printable(cause.getMessage());
            }
        }
        return error instanceof ConnectException ? "connection refused" : error.getClass().getSimpleName();
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            // the reader sees the stream closed and reports the timeout
        }
    }
}
