package dev.sparkdoc.cli.k8s;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** kubectl's connection and scope flags, shared by every Kubernetes command. */
public final class KubeOptions {

    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)?");

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config, else the pod's "
                    + "service account).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context to use.")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "The namespace (default: the context's, else 'default').")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Look in every namespace.")
    boolean allNamespaces;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long to wait for one API request: 500ms, 10s, 1m (default: ${DEFAULT-VALUE}).")
    String requestTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "3s",
            description = "How long to wait for the API server to accept a connection (default: ${DEFAULT-VALUE}).")
    String connectTimeout;

    Duration connectTimeout() {
        return duration(connectTimeout, "--connect-timeout");
    }

    Duration requestTimeout() {
        return duration(requestTimeout, "--request-timeout");
    }

    /** A duration option (500ms, 30s, 5m, 1h; seconds when bare); refused with one line naming the option. */
    public static Duration duration(String text, String option) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new KubernetesException(option + " '" + text + "' is not a duration; write it like 500ms, 30s, 5m "
                    + "or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }
}
