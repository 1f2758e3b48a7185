package dev.sparkdoc.listener;

import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of {@link SparkDocPlugin}: registers the listener at init, begins it once the application id is
 * known. {@link SparkDocPlugin} (compiled for Java 8) creates it by name, only on Java 17 or later, which this class and
 * the rest of the listener need.
 */
public final class SparkDocDriverPlugin implements DriverPlugin {

    /** The listener bus queue the plugin puts the listener on. */
    static final String QUEUE = "executorManagement";
    private static final Logger LOG = LoggerFactory.getLogger("dev.sparkdoc.listener.SparkDocPlugin");

    /** How the plugin puts the listener on its queue (Spark-internal; tests stand in a failing one). */
    @FunctionalInterface
    interface QueueAttach {
        void attach(SparkContext sc, SparkDocListener listener);
    }

    private SparkDocListener listener;

    public SparkDocDriverPlugin() {
    }

    @Override
    public Map<String, String> init(SparkContext sc, PluginContext pluginContext) {
        try {
            // getConf() copies the whole configuration: once.
            org.apache.spark.SparkConf conf = sc.getConf();
            String extraListeners = conf.get("spark.extraListeners", "");
            if (java.util.Arrays.stream(extraListeners.split(",")).map(String::trim)
                    .anyMatch(SparkDocListener.class.getName()::equals)) {
                LOG.info("sparkdoc: spark.extraListeners attaches the listener already; the plugin adds none");
                return Map.of();
            }
            SparkDocListener created = new SparkDocListener(conf, false);
            if (created.isOn()) {
                attach(sc, created, (context, l) -> context.listenerBus().addToQueue(l, QUEUE));
                listener = created;
            }
        } catch (Throwable error) {
            // Never fail the driver's start: without the plugin the job runs as it would have.
            LOG.error("sparkdoc: the plugin could not attach the listener; the job is not affected", error);
        }
        return Map.of();
    }

    /**
     * Puts the listener on the plugin's queue through {@code toQueue}, or, should that fail, where
     * {@code spark.extraListeners} would. Returns whether it is on the plugin's queue.
     */
    static boolean attach(SparkContext sc, SparkDocListener created, QueueAttach toQueue) {
        try {
            toQueue.attach(sc, created);
            return true;
        } catch (LinkageError | RuntimeException internalApiChanged) {
            // addToQueue is Spark-internal (public in bytecode, 3.5 to 4.x); should a later Spark change it, the
            // public API puts the listener where spark.extraListeners would.
            sc.addSparkListener(created);
            LOG.info("sparkdoc: the plugin attached the listener to Spark's shared queue ({})",
                    internalApiChanged.toString());
            return false;
        }
    }

    @Override
    public void registerMetrics(String appId, PluginContext pluginContext) {
        if (listener != null) {
            listener.begin(appId);
        }
    }
}
