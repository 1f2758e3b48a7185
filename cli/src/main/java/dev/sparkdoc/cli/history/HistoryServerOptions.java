package dev.sparkdoc.cli.history;

import dev.sparkdoc.cli.k8s.KubeOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How to reach a Spark History Server: its URL and the timeouts; credentials come from the environment. */
public final class HistoryServerOptions {

    @Option(names = "--history-server", paramLabel = "URL",
            description = "A Spark History Server (http://host:18080, or https://.../a/proxy/path). Credentials from"
                    + " the environment: $" + HistoryServerClient.TOKEN + " (bearer token) or $"
                    + HistoryServerClient.USER + " and $" + HistoryServerClient.PASSWORD + " (basic).")
    public String url;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long to wait for the History Server to accept a connection (default:"
                    + " ${DEFAULT-VALUE}).")
    String connectTimeout;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long to wait for the History Server to answer one REST request (default:"
                    + " ${DEFAULT-VALUE}); a download has --download-timeout.")
    String requestTimeout;

    /** Connects to {@link #url} with these options and the credentials in {@code System.getenv()}. */
    public HistoryServerClient connect() {
        return HistoryServerClient.open(url, KubeOptions.duration(connectTimeout, "--connect-timeout"),
                KubeOptions.duration(requestTimeout, "--request-timeout"), System.getenv());
    }

    static Duration positive(Duration duration, String option) {
        if (duration.isZero() || duration.isNegative()) {
            throw new HistoryServerException(option + " must be longer than 0");
        }
        return duration;
    }
}
