package dev.sparkdoc.listener;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.fold.Redactor;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.RuleSettingsException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerBlockManagerAdded;
import org.apache.spark.scheduler.SparkListenerBlockManagerRemoved;
import org.apache.spark.scheduler.SparkListenerEnvironmentUpdate;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerResourceProfileAdded;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * sparkdoc, live: {@code --jars sparkdoc-listener-VERSION.jar --conf
 * spark.extraListeners=dev.sparkdoc.listener.SparkDocListener}. Folds the application's events with the same folder
 * and analyzers as {@code sparkdoc analyze}, logs each finding once as stages complete, serves Prometheus metrics,
 * and writes the report when the application ends. Settings: {@code spark.sparkdoc.*} (docs/listener.md).
 *
 * <p>It never hurts the job: each callback only offers the event to a bounded queue (O(1), never blocking; a full
 * queue drops and counts), one daemon thread does the work, and every error is caught, counted and logged once. The
 * only wait is at application end, for the report to be written (at most {@value #END_TIMEOUT_MILLIS} ms).
 */
public class SparkDocListener extends SparkListener {

    static final long END_TIMEOUT_MILLIS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(SparkDocListener.class);

    private final ListenerHealth health = new ListenerHealth();
    private final AtomicBoolean errorLogged = new AtomicBoolean();
    /** Null while the listener is off; volatile because the plugin's thread can turn it off while Spark offers. */
    private volatile EventPump<SparkListenerEvent> pump;
    private SparkConf sparkConf;
    /** The application's settings, for the redaction patterns ({@code spark.redaction.*}). */
    private Map<String, String> sparkSettings = Map.of();
    private LiveAnalysis analysis;
    private MetricsPublisher publisher;
    private ListenerConfig config;

    /** The constructor Spark calls for {@code spark.extraListeners}. */
    public SparkDocListener(SparkConf conf) {
        this(conf, true);
    }

    /** For {@code sparkContext.addSparkListener(new SparkDocListener())}: reads the running driver's configuration. */
    public SparkDocListener() {
        this(SparkEnv.get() == null ? new SparkConf() : SparkEnv.get().conf());
    }

    /**
     * With {@code beginNow} false (the plugin, {@link SparkDocPlugin}), the listener takes events at once but handles
     * them only from {@link #begin}, when the application id its metrics are labelled with is known; until then they
     * wait in its queue.
     */
    SparkDocListener(SparkConf conf, boolean beginNow) {
        try {
            prepare(conf);
            if (beginNow) {
                begin(conf.get("spark.app.id", "unknown"));
            }
        } catch (Throwable error) {
            off(error);
        }
    }

    private void off(Throwable error) {
        health.countError();
        pump = null;
        LOG.error("sparkdoc: the listener could not start and is off; the job is not affected", error);
    }

    /** Reads the settings and opens the queue: from here on, the callbacks queue events. */
    private void prepare(SparkConf conf) {
        sparkConf = conf;
        Map<String, String> settings = new HashMap<>();
        for (Tuple2<String, String> entry : conf.getAll()) {
            settings.put(entry._1(), entry._2());
        }
        sparkSettings = Map.copyOf(settings);
        config = ListenerConfig.from(settings);
        for (String warning : config.warnings()) {
            LOG.warn("sparkdoc: " + warning);
        }
        if (!config.enabled()) {
            LOG.info("sparkdoc listener {} is off ({}=false)", ListenerVersion.get(), ListenerConfig.ENABLED);
            return;
        }
        pump = new EventPump<>(config.queueCapacity(), health, LOG);
    }

    /** Whether the listener is on: enabled, and nothing failed while it started. */
    boolean isOn() {
        return pump != null;
    }

    /**
     * Starts the metrics endpoint and the thread that handles the queued events and all later ones. Never throws:
     * a failure turns the listener off.
     */
    void begin(String applicationId) {
        EventPump<SparkListenerEvent> current = pump;
        if (current == null) {
            return;
        }
        try {
            begin(applicationId, current);
        } catch (Throwable error) {
            off(error);
        }
    }

    private void begin(String applicationId, EventPump<SparkListenerEvent> current) {
        SparkConf conf = sparkConf;
        LoadedRules loaded = rules(config.rulesFile());
        RuleSettings rules = loaded.settings();
        // A label on every series, scraped and pushed: redacted as the reports are.
        String applicationName = Redactor.forProperties(sparkSettings).redactText(conf.get("spark.app.name", ""));
        ListenerMetrics metrics = new ListenerMetrics(applicationId, applicationName, ListenerVersion.get(),
                rules.catalog(), health);
        publisher = new MetricsPublisher(metrics.registry(), LOG);
        registerSparkMetricsSource(metrics);
        Optional<String> endpoint = Optional.empty();
        if (config.prometheusPort().isPresent()) {
            endpoint = publisher.start(config.prometheusHost(), config.prometheusPort().getAsInt());
        }
        if (config.pushIntervalSeconds() > 0 && config.pushgatewayAddress().isPresent()) {
            publisher.pushEvery(config.pushIntervalSeconds(), config.pushgatewayAddress().get(),
                    config.pushgatewayJob(), applicationId);
        }
        Optional<ReportWriter> reports = config.reportDir()
                .map(dir -> new ReportWriter(dir, () -> SparkHadoopUtil.get().newConfiguration(conf)));
        reports.flatMap(ReportWriter::checkWritable).ifPresent(problem -> LOG.warn(
                "sparkdoc: {}: {}; the report at the application's end will fail unless this is fixed",
                ListenerConfig.REPORT_DIR, problem));
        ListenerConfig settingsInForce = config;
        Runnable onEnd = () -> {
            settingsInForce.pushgatewayAddress().ifPresent(address -> {
                if (settingsInForce.pushgatewayDeleteOnEnd()) {
                    publisher.delete(address, settingsInForce.pushgatewayJob(), applicationId);
                } else {
                    publisher.push(address, settingsInForce.pushgatewayJob(), applicationId);
                }
            });
            publisher.stop();
        };
        analysis = new LiveAnalysis(org.apache.spark.package$.MODULE$.SPARK_VERSION(), rules,
                config.retainedTaskRows(), config.stageTaskRows(), metrics, health, reports, onEnd, LOG);
        analysis.redactWith(sparkSettings);
        current.start(analysis);
        LOG.info("sparkdoc listener {} on Spark {}: reports {}, metrics {}, pushgateway {}, rules {}, queue {}",
                ListenerVersion.get(), org.apache.spark.package$.MODULE$.SPARK_VERSION(),
                config.reportDir().map(dir -> "to " + dir).orElse("off (" + ListenerConfig.REPORT_DIR + ")"),
                endpoint.orElse("off"),
                config.pushgatewayAddress().map(address -> address + (config.pushIntervalSeconds() > 0
                        ? " every " + config.pushIntervalSeconds() + " s and" : "")
                        + (config.pushgatewayDeleteOnEnd() ? " deleted" : "") + " at application end")
                        .orElse("off"),
                loaded.description(), config.queueCapacity());
    }

    /**
     * Adds the listener's series to Spark's metrics system (source {@value SparkMetricsSource#NAME}), so Spark's
     * sinks carry them too. Never fails the listener: without a metrics system the Prometheus series remain.
     */
    private static void registerSparkMetricsSource(ListenerMetrics metrics) {
        try {
            SparkEnv env = SparkEnv.get();
            if (env != null) {
                env.metricsSystem().registerSource(new SparkMetricsSource(metrics.registry()));
            }
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("sparkdoc: could not add the listener's metrics to Spark's metrics system ({}); its Prometheus"
                    + " endpoint and Pushgateway are not affected", e.toString());
        }
    }

    /** The thresholds in force, and how the start line names them: the file, or the built-in ones and why. */
    private record LoadedRules(RuleSettings settings, String description) {
    }

    private static LoadedRules rules(Optional<String> file) {
        if (file.isEmpty()) {
            return new LoadedRules(RuleSettings.defaults(), "built-in");
        }
        try {
            return new LoadedRules(RuleSettings.load(Path.of(file.get())), file.get());
        } catch (RuleSettingsException | RuntimeException e) {
            // The message is written for the command line ("--rules"); the listener's setting is the Spark key.
            String reason = String.valueOf(e.getMessage()).replace("the path given to --rules",
                    "the path in " + ListenerConfig.RULES);
            LOG.warn("sparkdoc: {}={}: {}; using the built-in rule thresholds", ListenerConfig.RULES, file.get(),
                    reason);
            return new LoadedRules(RuleSettings.defaults(), "built-in (" + file.get() + " could not be used)");
        }
    }

    // ---------------------------------------------------------------- Spark's callbacks: offer and return

    private void offer(SparkListenerEvent event) {
        try {
            EventPump<SparkListenerEvent> current = pump;
            if (current != null) {
                current.offer(event);
            }
        } catch (Throwable error) {
            failed(error);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        offer(event);
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart event) {
        offer(event);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        offer(event);
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
        offer(event);
    }

    @Override
    public void onJobStart(SparkListenerJobStart event) {
        offer(event);
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd event) {
        offer(event);
    }

    @Override
    public void onEnvironmentUpdate(SparkListenerEnvironmentUpdate event) {
        offer(event);
    }

    @Override
    public void onResourceProfileAdded(SparkListenerResourceProfileAdded event) {
        offer(event);
    }

    @Override
    public void onBlockManagerAdded(SparkListenerBlockManagerAdded event) {
        offer(event);
    }

    @Override
    public void onBlockManagerRemoved(SparkListenerBlockManagerRemoved event) {
        offer(event);
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded event) {
        offer(event);
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved event) {
        offer(event);
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate event) {
        try {
            if (!event.executorUpdates().isEmpty()) {
                offer(event);
            }
        } catch (Throwable error) {
            failed(error);
        }
    }

    @Override
    public void onApplicationStart(SparkListenerApplicationStart event) {
        offer(event);
    }

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
        try {
            if (SparkEventAdapter.OTHER_EVENTS.contains(event.getClass().getName())) {
                offer(event);
            }
        } catch (Throwable error) {
            failed(error);
        }
    }

    /** Waits (at most {@value #END_TIMEOUT_MILLIS} ms) for the final diagnosis and reports: the driver may exit next. */
    @Override
    public void onApplicationEnd(SparkListenerApplicationEnd event) {
        try {
            EventPump<SparkListenerEvent> current = pump;
            if (current != null && !current.offerLastAndAwait(event, END_TIMEOUT_MILLIS)) {
                LOG.warn("sparkdoc: the final report was not finished within {} s of the application's end",
                        END_TIMEOUT_MILLIS / 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable error) {
            failed(error);
        }
    }

    /** An error on Spark's bus thread: counted, the first one logged, never rethrown. */
    private void failed(Throwable error) {
        health.countError();
        if (errorLogged.compareAndSet(false, true)) {
            LOG.warn("sparkdoc: error in a listener callback (the job is not affected; this and later errors are"
                    + " counted in sparkdoc_listener_errors_total, only this one is logged)", error);
        }
    }

    // ---------------------------------------------------------------- for tests and benchmarks

    /** The latest diagnosis' findings. */
    List<Finding> findings() {
        return analysis == null ? List.of() : analysis.findings();
    }

    ListenerHealth health() {
        return health;
    }

    /** The metrics endpoint's port, or -1 without one. */
    int metricsPort() {
        return publisher == null ? -1 : publisher.port();
    }

    List<String> reportPaths() {
        return analysis == null ? List.of() : analysis.reportPaths();
    }
}
