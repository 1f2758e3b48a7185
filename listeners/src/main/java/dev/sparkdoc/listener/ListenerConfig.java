package dev.sparkdoc.listener;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.snapshot.TaskTable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The listener's {@code spark.sparkdoc.*} settings. An invalid value never stops the job: it is reported in one
 * warning line naming the key, the value, and what is used instead (the default, or the feature off), because a
 * monitoring tool must not be the reason a production job fails to start. docs/listener.md lists every key.
 *
 * @param reportDir where the JSON and text reports go at application end: a local path, or any Hadoop file system URI
 * @param prometheusPort the driver's metrics endpoint port; empty: no endpoint; 0: any free port
 * @param prometheusHost the address the endpoint binds to
 * @param pushgatewayAddress host:port (or an http/https URL) of a Pushgateway pushed to at application end
 * @param pushIntervalSeconds seconds between pushes while the application runs, besides the final one; 0: only the
 *     final push
 * @param pushgatewayDeleteOnEnd at application end, delete the application's group from the Pushgateway instead of
 *     pushing the final values (for periodic pushes whose alerts should end with the application)
 * @param rulesFile a rules YAML (the same format as {@code sparkdoc analyze --rules}), read on the driver
 * @param queueCapacity events held while the listener's thread catches up; beyond it events are dropped and counted
 * @param retainedTaskRows per-task rows the finished stages keep in full, all together; the stages that finished
 *     first are summarized beyond it (exact quantiles and top tasks, no row per task), so memory grows per stage
 * @param stageTaskRows per-task rows one running stage keeps; past them it keeps a running summary whose quantiles are
 *     within 1%, so even a stage of millions of tasks holds a bounded amount
 * @param warnings the problems found in the settings, one line each
 */
public record ListenerConfig(
        boolean enabled,
        Optional<String> reportDir,
        OptionalInt prometheusPort,
        String prometheusHost,
        Optional<String> pushgatewayAddress,
        String pushgatewayJob,
        long pushIntervalSeconds,
        boolean pushgatewayDeleteOnEnd,
        Optional<String> rulesFile,
        int queueCapacity,
        long retainedTaskRows,
        int stageTaskRows,
        List<String> warnings) {

    public static final String PREFIX = "spark.sparkdoc.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String REPORT_DIR = PREFIX + "report.dir";
    public static final String PROMETHEUS_PORT = PREFIX + "prometheus.port";
    public static final String PROMETHEUS_HOST = PREFIX + "prometheus.host";
    public static final String PUSHGATEWAY_ADDRESS = PREFIX + "pushgateway.address";
    public static final String PUSHGATEWAY_JOB = PREFIX + "pushgateway.job";
    public static final String PUSHGATEWAY_INTERVAL = PREFIX + "pushgateway.interval";
    public static final String PUSHGATEWAY_DELETE_ON_END = PREFIX + "pushgateway.deleteOnEnd";
    public static final String RULES = PREFIX + "rules";
    public static final String QUEUE_CAPACITY = PREFIX + "queue.capacity";
    public static final String RETAINED_TASK_ROWS = PREFIX + "retainedTaskRows";
    public static final String STAGE_TASK_ROWS = PREFIX + "stageTaskRows";

    public static final List<String> KEYS = List.of(ENABLED, REPORT_DIR, PROMETHEUS_PORT, PROMETHEUS_HOST,
            PUSHGATEWAY_ADDRESS, PUSHGATEWAY_JOB, PUSHGATEWAY_INTERVAL,
            PUSHGATEWAY_DELETE_ON_END, RULES, QUEUE_CAPACITY, RETAINED_TASK_ROWS, STAGE_TASK_ROWS);

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final String DEFAULT_JOB = "sparkdoc";
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int MAX_QUEUE_CAPACITY = 10_000_000;
    /** As many as Spark's live UI keeps per stage ({@code spark.ui.retainedTasks}): about 4 MB of compact rows. */
    public static final long DEFAULT_RETAINED_TASK_ROWS = 100_000;
    /** Spark's live UI keeps as many per stage too; beyond, its quantiles also stop covering every task. */
    public static final int DEFAULT_STAGE_TASK_ROWS = 100_000;

    public ListenerConfig {
        requireNonNull(reportDir, "reportDir is null");
        requireNonNull(prometheusPort, "prometheusPort is null");
        requireNonNull(prometheusHost, "prometheusHost is null");
        requireNonNull(pushgatewayAddress, "pushgatewayAddress is null");
        requireNonNull(pushgatewayJob, "pushgatewayJob is null");
        requireNonNull(rulesFile, "rulesFile is null");
        if (pushIntervalSeconds < 0) {
            throw new IllegalArgumentException("pushIntervalSeconds is negative: " + pushIntervalSeconds);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, not " + queueCapacity);
        }
        if (retainedTaskRows < 0) {
            throw new IllegalArgumentException("retainedTaskRows is negative: " + retainedTaskRows);
        }
        if (stageTaskRows < TaskTable.TOP_VALUES_KEPT) {
            throw new IllegalArgumentException("stageTaskRows below " + TaskTable.TOP_VALUES_KEPT + ": " + stageTaskRows);
        }
        warnings = List.copyOf(warnings);
    }

    /** Reads the settings from Spark's configuration entries (all of them, or only the {@code spark.sparkdoc.*} ones). */
    public static ListenerConfig from(Map<String, String> sparkConf) {
        Map<String, String> conf = new TreeMap<>();
        for (Map.Entry<String, String> entry : sparkConf.entrySet()) {
            if (entry.getKey().startsWith(PREFIX)) {
                conf.put(entry.getKey(), entry.getValue() == null ? "" : entry.getValue().trim());
            }
        }
        List<String> warnings = new ArrayList<>();
        for (String key : conf.keySet()) {
            if (!KEYS.contains(key)) {
                warnings.add(key + " is not a sparkdoc setting and is ignored; the settings are " + String.join(", ", KEYS)
                        + " (docs/listener.md)");
            }
        }
        boolean enabled = bool(conf, ENABLED, true, warnings, "the listener stays enabled");
        Optional<String> reportDir = nonBlank(conf, REPORT_DIR, warnings, "no report is written");
        OptionalInt port = port(conf, warnings);
        String host = nonBlank(conf, PROMETHEUS_HOST, warnings, "binding to " + DEFAULT_HOST).orElse(DEFAULT_HOST);
        Optional<String> pushgateway = pushgateway(conf, warnings);
        String job = nonBlank(conf, PUSHGATEWAY_JOB, warnings, "using job " + DEFAULT_JOB).orElse(DEFAULT_JOB);
        // Seconds, from 5: the Pushgateway is no time series database, and a push re-sends every series.
        long pushInterval = wholeNumber(conf, PUSHGATEWAY_INTERVAL, 0, 86_400, 0, warnings);
        if (pushInterval > 0 && pushInterval < 5) {
            warnings.add(PUSHGATEWAY_INTERVAL + "=" + pushInterval + " is under 5 seconds; using 5");
            pushInterval = 5;
        }
        boolean deleteOnEnd = bool(conf, PUSHGATEWAY_DELETE_ON_END, false, warnings, "the final values are pushed");
        Optional<String> rules = nonBlank(conf, RULES, warnings, "using the built-in rule thresholds");
        int capacity = (int) wholeNumber(conf, QUEUE_CAPACITY, 1, MAX_QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY, warnings);
        long retainedTaskRows = wholeNumber(conf, RETAINED_TASK_ROWS, 0, Long.MAX_VALUE, DEFAULT_RETAINED_TASK_ROWS,
                warnings);
        int stageTaskRows = (int) wholeNumber(conf, STAGE_TASK_ROWS, TaskTable.TOP_VALUES_KEPT, Integer.MAX_VALUE,
                DEFAULT_STAGE_TASK_ROWS, warnings);
        return new ListenerConfig(enabled, reportDir, port, host, pushgateway, job, pushInterval, deleteOnEnd, rules, capacity,
                retainedTaskRows,
                stageTaskRows, warnings);
    }

    private static boolean bool(Map<String, String> conf, String key, boolean fallback, List<String> warnings,
            String instead) {
        String value = conf.get(key);
        if (value == null) {
            return fallback;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return lower.equals("true");
        }
        warnings.add(key + "=" + value + " is not true or false; " + instead);
        return fallback;
    }

    private static Optional<String> nonBlank(Map<String, String> conf, String key, List<String> warnings,
            String instead) {
        String value = conf.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            warnings.add(key + " is empty; " + instead);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static OptionalInt port(Map<String, String> conf, List<String> warnings) {
        String value = conf.get(PROMETHEUS_PORT);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return OptionalInt.of(port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        warnings.add(PROMETHEUS_PORT + "=" + value + " is not a port number from 0 to 65535 (0: any free port);"
                + " the metrics endpoint is off");
        return OptionalInt.empty();
    }

    private static Optional<String> pushgateway(Map<String, String> conf, List<String> warnings) {
        String value = conf.get(PUSHGATEWAY_ADDRESS);
        if (value == null) {
            return Optional.empty();
        }
        if (validPushgateway(value)) {
            return Optional.of(value);
        }
        warnings.add(PUSHGATEWAY_ADDRESS + "=" + value + " is not host:port or an http(s):// URL;"
                + " nothing is pushed");
        return Optional.empty();
    }

    static boolean validPushgateway(String value) {
        String url = value.contains("://") ? value : "http://" + value;
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && (value.contains("://") || uri.getPort() > 0);
        } catch (URISyntaxException | RuntimeException e) {
            return false;
        }
    }

    /** A whole number from {@code min} to {@code max}; otherwise one warning naming the key, and the fallback. */
    private static long wholeNumber(Map<String, String> conf, String key, long min, long max, long fallback,
            List<String> warnings) {
        String value = conf.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        warnings.add(key + "=" + value + " is not a whole number "
                + (max == Long.MAX_VALUE ? "of " + min + " or more" : "from " + min + " to " + max) + "; using "
                + fallback);
        return fallback;
    }
}
