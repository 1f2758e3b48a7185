package dev.sparkdoc.cli.history;

import dev.sparkdoc.cli.k8s.KubeOptions;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.eventlog.EventLogSource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sparkdoc analyze --history-server URL APP_ID...}: the logs named by application id, downloaded from a History
 * Server into private temporary directories, which {@link #close} deletes.
 */
public final class HistoryServerSource implements AutoCloseable {

    @Mixin
    HistoryServerOptions server;

    @Option(names = "--attempt", paramLabel = "ID",
            description = "With --history-server: the attempt to analyze (default: the last one).")
    String attempt;

    @Option(names = "--download-timeout", paramLabel = "DURATION", defaultValue = "30m",
            description = "With --history-server: the longest one log's download may take (default: ${DEFAULT-VALUE}).")
    String downloadTimeout;

    @Option(names = "--max-log-bytes", paramLabel = "SIZE", defaultValue = "10g",
            description = "With --history-server: the largest log to download, and to unpack (default:"
                    + " ${DEFAULT-VALUE}).")
    String maxLogBytes;

    private HistoryServerClient client;
    private final List<HistoryServerLog> downloaded = new ArrayList<>();

    /** Whether LOG arguments are application ids on a History Server. */
    public boolean given() {
        return server.url != null;
    }

    /** Refuses the download options without --history-server, and --attempt for several applications. */
    public void check(CommandLine commandLine, int applications) {
        if (!given()) {
            if (attempt != null) {
                throw new CommandLine.ParameterException(commandLine, "--attempt needs --history-server");
            }
            return;
        }
        if (attempt != null && applications > 1) {
            throw new CommandLine.ParameterException(commandLine, "--attempt names the attempt of one application;"
                    + " give one APP_ID with it");
        }
    }

    /** The log of application {@code appId}, downloaded; {@code err} hears which attempt when there are several. */
    public List<EventLogSource> fetch(String appId, PrintWriter err) {
        if (client == null) {
            client = server.connect();
        }
        OptionalLong max = SparkSettings.parseBytes(maxLogBytes, 1);
        if (max.isEmpty() || max.getAsLong() <= 0) {
            throw new HistoryServerException("--max-log-bytes '" + maxLogBytes + "' is not a size; write it like"
                    + " 512m, 10g or 1t");
        }
        HistoryServerLog log = HistoryServerLog.fetch(client, appId, Optional.ofNullable(attempt), max.getAsLong(),
                HistoryServerOptions.positive(KubeOptions.duration(downloadTimeout, "--download-timeout"),
                        "--download-timeout"), err);
        downloaded.add(log);
        return log.sources();
    }

    /** Deletes the downloaded logs. */
    @Override
    public void close() {
        downloaded.forEach(HistoryServerLog::close);
        downloaded.clear();
    }
}
