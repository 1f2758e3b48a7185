package dev.sparkdoc.listener;

import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener attached as a Spark plugin: {@code --conf spark.plugins=dev.sparkdoc.listener.SparkDocPlugin}. The
 * same {@link SparkDocListener}, registered on one of the listener bus queues Spark runs anyway rather than through
 * {@code spark.extraListeners}, whose listeners share a queue of their own: a thread of Spark's that wakes for every
 * event only to hand it to them. That thread took twice the listener's own CPU in the job benchmark
 * (docs/performance.md).
 *
 * <p>The queue is Spark's executor-management queue ({@value #QUEUE}), which Spark always creates (its heartbeat
 * receiver listens there; so does dynamic allocation). The listener's callbacks only queue the event (0.11-0.27 µs
 * on Spark's bus thread in the replay benchmark, docs/performance.md), and the application-status queue behind the
 * UI is left alone. Spark counts events it drops on that queue as {@code queue.executorManagement.numDroppedEvents}.
 *
 * <p>Spark initializes plugins before it starts the listener bus, so the listener sees every event from the first;
 * the application id its metrics are labelled with comes later ({@link DriverPlugin#registerMetrics}), and until then
 * events wait in its queue. If {@code spark.extraListeners} names the listener too, the plugin leaves it there: one
 * listener, one report. Executors get no plugin. Should a later Spark lack the internal method that picks the queue,
 * the plugin falls back to {@code SparkContext.addSparkListener}, which is what {@code spark.extraListeners} does.
 */
public final class SparkDocPlugin implements SparkPlugin {

    /** The listener bus queue the plugin puts the listener on. */
    static final String QUEUE = "executorManagement";
    private static final Logger LOG = LoggerFactory.getLogger(SparkDocPlugin.class);

    @Override
    public DriverPlugin driverPlugin() {
        return new Driver();
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return null;
    }

    /** How the plugin puts the listener on its queue (Spark-internal; tests stand in a failing one). */
    @FunctionalInterface
    interface QueueAttach {
        void attach(SparkContext sc, SparkDocListener listener);
    }

    /** On the driver: registers the listener at init, begins it once the application id is known. */
    static final class Driver implements DriverPlugin {

        private SparkDocListener listener;

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
}
