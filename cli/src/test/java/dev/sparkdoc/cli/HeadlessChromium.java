package dev.sparkdoc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven through the DevTools protocol over the JDK's own WebSocket client: no browser
 * download, no driver, no extra library. It records every console message, uncaught exception, log entry (CSP
 * violations land there), network request and JavaScript dialog of the page it opens.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper mapper = new ObjectMapper();
    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    private HeadlessChromium(Process process, String pageSocketUrl) throws Exception {
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create(pageSocketUrl), new Listener()).get(30, TimeUnit.SECONDS);
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
        call("Log.enable", Map.of());
        call("Network.enable", Map.of());
    }

    /** Starts Chromium on a loopback DevTools port chosen by the browser, with a fresh profile in {@code profile}. */
    static HeadlessChromium start(Path chromium, Path profile) throws Exception {
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("Chromium did not open its DevTools port; its output: "
                        + (Files.exists(log) ? Files.readString(log) : "none"));
            }
            Thread.sleep(50);
        }
        String port = Files.readAllLines(portFile).get(0).trim();
        HttpResponse<String> targets = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : new ObjectMapper().readTree(targets.body())) {
            if ("page".equals(target.path("type").asText())) {
                return new HeadlessChromium(process, target.path("webSocketDebuggerUrl").asText());
            }
        }
        process.destroyForcibly();
        throw new IOException("Chromium has no page target: " + targets.body());
    }

    /** Sets the viewport, opens {@code page} and waits for its load event. */
    void open(Path page, int width, int height) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
        loaded = new CompletableFuture<>();
        call("Page.navigate", Map.of("url", page.toUri().toString()));
        loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Evaluates {@code expression} in the page and returns its value as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("evaluating " + expression + " threw: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /**
     * Polls {@code condition} (a JavaScript expression) until it is true, or fails after the harness's generous
     * timeout: for waiting on the page, never a fixed sleep.
     */
    void waitFor(String condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!evaluate("!!(" + condition + ")").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page never met: " + condition);
            }
            Thread.sleep(50);
        }
    }

    /**
     * A real input event through DevTools (Input.dispatchMouseEvent) at viewport coordinates: the browser hit-tests
     * it and delivers it as a user's mouse would. {@code type}: mousePressed, mouseReleased, mouseMoved, mouseWheel.
     */
    void mouse(String type, double x, double y, String button, int clickCount, double deltaY) throws Exception {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("type", type, "x", x, "y", y, "button", button,
                "clickCount", clickCount));
        if (type.equals("mouseWheel")) {
            params.put("deltaX", 0);
            params.put("deltaY", deltaY);
        }
        if (!button.equals("none")) {
            params.put("buttons", type.equals("mouseReleased") ? 0 : 1);
        }
        call("Input.dispatchMouseEvent", params);
    }

    /** Writes a PNG of the whole page, up to {@code maxHeight} pixels tall. */
    void screenshot(Path png, int maxHeight) throws Exception {
        screenshot(png, 0, maxHeight);
    }

    /** Writes a PNG of the page from {@code top}, {@code height} pixels tall (less where the page ends). */
    void screenshot(Path png, double top, double height) throws Exception {
        JsonNode metrics = call("Page.getLayoutMetrics", Map.of());
        JsonNode size = metrics.has("cssContentSize") ? metrics.path("cssContentSize") : metrics.path("contentSize");
        double width = size.path("width").asDouble();
        double shown = Math.min(height, size.path("height").asDouble() - top);
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", top, "width", width, "height", shown, "scale", 1)));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /**
     * Errors the page raised: uncaught exceptions, console.error/assert calls, error-level log entries (CSP
     * violations, failed loads) and JavaScript dialogs (alert, confirm, prompt).
     */
    List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (JsonNode event : events) {
            String method = event.path("method").asText();
            JsonNode params = event.path("params");
            if (method.equals("Runtime.exceptionThrown")) {
                errors.add("exception: " + params.path("exceptionDetails"));
            } else if (method.equals("Runtime.consoleAPICalled")
                    && List.of("error", "assert").contains(params.path("type").asText())) {
                errors.add("console." + params.path("type").asText() + ": " + params.path("args"));
            } else if (method.equals("Log.entryAdded") && params.path("entry").path("level").asText().equals("error")) {
                errors.add("log: " + params.path("entry").path("text").asText());
            } else if (method.equals("Page.javascriptDialogOpening")) {
                errors.add("dialog: " + params.path("message").asText());
            }
        }
        return errors;
    }

    /** The URL of every request the page made. */
    List<String> requests() {
        List<String> urls = new ArrayList<>();
        for (JsonNode event : events) {
            if (event.path("method").asText().equals("Network.requestWillBeSent")) {
                urls.add(event.path("params").path("request").path("url").asText());
            }
        }
        return urls;
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = mapper.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", mapper.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(mapper.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        JsonNode response = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (response.has("error")) {
            throw new IOException(method + " failed: " + response.path("error"));
        }
        return response.path("result");
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser goes away below in any case
        }
        // The whole tree: Chromium's renderer, utility and crash-handler processes can outlive the browser process for
        // a moment and still write into the profile, which the test's temporary directory then fails to delete (seen
        // once in CI: "Failed to delete temp directory ... profile/Default").
        java.util.List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle member : tree) {
            try {
                member.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                member.destroyForcibly();
                member.onExit().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    JsonNode message = mapper.readTree(text);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    } else {
                        events.add(message);
                        if ("Page.loadEventFired".equals(message.path("method").asText())) {
                            loaded.complete(null);
                        }
                    }
                } catch (IOException e) {
                    events.add(mapper.createObjectNode().put("method", "unparsable").put("text", text));
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
