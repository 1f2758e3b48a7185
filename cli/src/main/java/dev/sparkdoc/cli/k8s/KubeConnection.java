package dev.sparkdoc.cli.k8s;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.File;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client for the user's cluster, through their kubeconfig, context and RBAC, with short timeouts and no retries so
 * an unreachable API server is reported in seconds. Turns the client's failures into one-line
 * {@link KubernetesException}s that say what to do.
 */
final class KubeConnection implements AutoCloseable {

    /** A kubeconfig is a few kilobytes; bounded so /dev/zero or a log given by mistake fails at once. */
    private static final int MAX_KUBECONFIG_BYTES = 4 << 20;
    private static final Pattern FORBIDDEN = Pattern.compile(
            "(User \"[^\"]*\") cannot (\\w+) resource \"([^\"]+)\"(?: in API group \"([^\"]*)\")?"
                    + "(?: in the namespace \"([^\"]*)\")?");

    private final KubernetesClient client;
    private final String namespace;
    private final boolean allNamespaces;
    private final String where;

    private KubeConnection(KubernetesClient client, String namespace, boolean allNamespaces, String where) {
        this.client = requireNonNull(client, "client is null");
        this.namespace = requireNonNull(namespace, "namespace is null");
        this.allNamespaces = allNamespaces;
        this.where = requireNonNull(where, "where is null");
    }

    static KubeConnection open(KubeOptions options) {
        Config config = config(options);
        int requestMillis = millis(options.requestTimeout());
        config.setConnectionTimeout(Math.min(millis(options.connectTimeout()), requestMillis));
        config.setRequestTimeout(requestMillis);
        config.setRequestRetryBackoffLimit(0);
        String namespace = options.namespace() != null ? options.namespace()
                : config.getNamespace() != null ? config.getNamespace() : "default";
        String context = config.getCurrentContext() == null ? ""
                : " (context " + config.getCurrentContext().getName() + ")";
        String where = "the Kubernetes API server at " + config.getMasterUrl() + context;
        // The JDK's HTTP client, named rather than found on the classpath: no event loop to warn about a busy
        // machine, and a refused connection fails at once.
        KubernetesClient client = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
                .withConfig(config).build();
        return new KubeConnection(client, namespace, options.allNamespaces(), where);
    }

    /** At least 1 ms (0 means "no timeout" to the client), at most what an int holds. */
    private static int millis(java.time.Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    private static Config config(KubeOptions options) {
        String context = options.context();
        if (options.kubeconfig() != null) {
            Path file = options.kubeconfig();
            if (!Files.exists(file)) {
                throw new KubernetesException("--kubeconfig " + file + ": no such file; point it at a kubeconfig "
                        + "(kubectl config view --raw > FILE)");
            }
            if (!Files.isRegularFile(file)) {
                throw new KubernetesException("--kubeconfig " + file + ": not a regular file; point it at a "
                        + "kubeconfig (kubectl config view --raw > FILE)");
            }
            checkText(file, "--kubeconfig " + file);
            return checkedContext(load(() -> Config.fromKubeconfig(context, file.toFile()),
                    "--kubeconfig " + file), context, file.toString());
        }
        boolean anyKubeconfig = Config.getKubeconfigFilenames().stream().anyMatch(name -> new File(name).isFile());
        boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null
                && new File(Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH).isFile();
        if (!anyKubeconfig && !inCluster) {
            String looked = System.getenv("KUBECONFIG") != null ? "$KUBECONFIG (" + System.getenv("KUBECONFIG") + ")"
                    : "~/.kube/config";
            throw new KubernetesException("no kubeconfig: " + looked + " does not exist and sparkdoc is not running "
                    + "in a pod; pass --kubeconfig FILE or set KUBECONFIG");
        }
        for (String name : Config.getKubeconfigFilenames()) {
            if (new File(name).isFile()) {
                checkText(Path.of(name), "kubeconfig " + name);
            }
        }
        Config config = load(() -> Config.autoConfigure(context), "kubeconfig "
                + String.join(":", Config.getKubeconfigFilenames()));
        return anyKubeconfig ? checkedContext(config, context, String.join(":",
                Config.getKubeconfigFilenames())) : config;
    }

    /** A kubeconfig is YAML text of bounded size: say so for a binary or endless file, before YAML parsing. */
    private static void checkText(Path file, String what) {
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_KUBECONFIG_BYTES + 1);
        } catch (java.io.IOException e) {
            throw new KubernetesException(what + ": cannot be read (" + firstLine(e.getMessage())
                    + "); check the file's permissions");
        }
        if (bytes.length > MAX_KUBECONFIG_BYTES) {
            throw new KubernetesException(what + ": larger than 4 MiB, so not a kubeconfig; point it at one "
                    + "(kubectl config view --raw > FILE)");
        }
        boolean text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes))
                    .chars().noneMatch(c -> c == 0);
        } catch (java.nio.charset.CharacterCodingException e) {
            text = false;
        }
        if (!text) {
            throw new KubernetesException(what + ": not a text file, so not a kubeconfig; point it at one "
                    + "(kubectl config view --raw > FILE)");
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new KubernetesException(what + ": empty, so not a kubeconfig; point it at one "
                    + "(kubectl config view --raw > FILE)");
        }
    }

    /**
     * Runs the client's kubeconfig parsing; whatever it throws (bad YAML, a wrong type, a missing key) becomes one
     * line naming the file, with the parser's first line, cut short.
     */
    private static Config load(java.util.function.Supplier<Config> loader, String what) {
        try {
            return loader.get();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = root instanceof NullPointerException ? "a key it needs is missing"
                    : firstLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
            if (reason.length() > 120) {
                reason = reason.substring(0, 117) + "...";
            }
            throw new KubernetesException(what + ": not a valid kubeconfig (" + reason
                    + "); check it with 'kubectl config view'", e);
        }
    }

    private static Config checkedContext(Config config, String wanted, String file) {
        List<String> names = new ArrayList<>();
        for (NamedContext context : config.getContexts()) {
            names.add(context.getName());
        }
        if (wanted != null && !names.contains(wanted)) {
            throw new KubernetesException("context '" + wanted + "' is not in " + file + "; use one of: "
                    + (names.isEmpty() ? "<none>" : String.join(", ", names)));
        }
        if (config.getCurrentContext() == null && !names.isEmpty()) {
            throw new KubernetesException(file + " has no current context; pass --context (one of: "
                    + String.join(", ", names) + ")");
        }
        return config;
    }

    KubernetesClient client() {
        return client;
    }

    /** The namespace asked for (or the context's); meaningless when {@link #allNamespaces()}. */
    String namespace() {
        return namespace;
    }

    boolean allNamespaces() {
        return allNamespaces;
    }

    /** "namespace spark" or "all namespaces", for messages. */
    String scope() {
        return allNamespaces ? "any namespace" : "namespace " + namespace;
    }

    /**
     * Runs one read against the API server; failures become one line naming {@code verb} and {@code resource}.
     */
    <T> T call(String verb, String resource, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw translate(e, verb, resource);
        }
    }

    KubernetesException translate(KubernetesClientException e, String verb, String resource) {
        KubernetesException translated = translated(e, verb, resource);
        translated.initCause(e);
        return translated;
    }

    private KubernetesException translated(KubernetesClientException e, String verb, String resource) {
        String inScope = allNamespaces ? " in all namespaces" : " in namespace " + namespace;
        if (e.getCode() == 403) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : e.getMessage();
            Matcher matcher = FORBIDDEN.matcher(message == null ? "" : message);
            if (matcher.find()) {
                String group = matcher.group(4) == null || matcher.group(4).isEmpty() ? ""
                        : " (API group " + matcher.group(4) + ")";
                String namespaced = matcher.group(5) == null ? " at cluster scope" : " in namespace "
                        + matcher.group(5);
                return new KubernetesException("forbidden: " + matcher.group(1) + " may not " + matcher.group(2) + " "
                        + matcher.group(3) + group + namespaced + "; ask for a Role granting '" + matcher.group(2)
                        + "' on " + matcher.group(3) + " (docs/kubernetes.md lists the read-only Role sparkdoc needs)");
            }
            return new KubernetesException("forbidden: may not " + verb + " " + resource + inScope
                    + "; ask for a Role granting '" + verb + "' on " + resource
                    + " (docs/kubernetes.md lists the read-only Role sparkdoc needs)");
        }
        if (e.getCode() == 401) {
            return new KubernetesException("unauthorized: " + where + " rejected the credentials; log in again "
                    + "(they may have expired) or pick another --context");
        }
        Optional<Throwable> network = networkCause(e);
        if (network.isPresent() || e.getCode() == 0) {
            String why = network.map(KubeConnection::describe).orElse(firstLine(e.getMessage()));
            return new KubernetesException("cannot reach " + where + ": " + why
                    + "; check the cluster is up and the context is right (--context, --kubeconfig)");
        }
        return new KubernetesException(where + " refused to " + verb + " " + resource + inScope + " (HTTP "
                + e.getCode() + ": " + firstLine(e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage() : e.getMessage()) + ")");
    }

    /** The most telling network failure in the chain: a specific one (refused, unknown host) before any I/O error. */
    private static Optional<Throwable> networkCause(Throwable error) {
        Optional<Throwable> anyIo = Optional.empty();
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof SocketTimeoutException || cause instanceof NoRouteToHostException
                    || cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
                return Optional.of(cause);
            }
            if (anyIo.isEmpty() && cause instanceof java.io.IOException && cause.getMessage() != null) {
                anyIo = Optional.of(cause);
            } else if (anyIo.isEmpty() && cause instanceof java.io.IOException && cause.getCause() == null) {
                anyIo = Optional.of(cause);
            }
        }
        return anyIo;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                || cause instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        if (cause instanceof ConnectException && cause.getMessage() == null) {
            return "connection refused";
        }
        String message = cause.getMessage();
        if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("connection refused")) {
            return "connection refused";
        }
        return message == null ? cause.getClass().getSimpleName() : firstLine(message);
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text.trim() : text.substring(0, newline).trim();
    }

    @Override
    public void close() {
        client.close();
    }
}
