package dev.sparkdoc.listener;

import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
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
 *
 * <p>This class alone is compiled for Java 8 (the listeners module's pom): Spark 3.5 drivers may run on Java 8 or 11,
 * where a Java 17 class named in {@code spark.plugins} would fail the driver's start. Here it logs one line and stays
 * off; on Java 17 or later it hands over to {@link SparkDocDriverPlugin}, created by name so that nothing compiled for
 * Java 17 is loaded before the check. Keep it free of Java 9+ API.
 */
public final class SparkDocPlugin implements SparkPlugin {

    /** The Java release the listener is compiled for. */
    static final int REQUIRED_JAVA = 17;
    private static final Logger LOG = LoggerFactory.getLogger(SparkDocPlugin.class);

    @Override
    public DriverPlugin driverPlugin() {
        return driverPlugin(System.getProperty("java.specification.version", ""));
    }

    /** The driver plugin on a JVM of {@code javaSpecificationVersion} ("1.8", "11", "17"), or none: Spark allows null. */
    static DriverPlugin driverPlugin(String javaSpecificationVersion) {
        int feature = feature(javaSpecificationVersion);
        if (feature < REQUIRED_JAVA) {
            LOG.warn("sparkdoc: the listener is off: it needs Java " + REQUIRED_JAVA + " or later and this driver runs"
                    + " Java " + javaSpecificationVersion + "; the job is not affected (run the driver on Java 17+, or"
                    + " analyze the event log with 'sparkdoc analyze')");
            return null;
        }
        try {
            return (DriverPlugin) Class.forName(SparkDocPlugin.class.getPackage().getName() + ".SparkDocDriverPlugin")
                    .getDeclaredConstructor().newInstance();
        } catch (Throwable error) {
            // Never fail the driver's start: without the plugin the job runs as it would have.
            LOG.error("sparkdoc: the plugin could not start the listener; the job is not affected", error);
            return null;
        }
    }

    /** "1.8" -> 8, "11" -> 11; 0 when unreadable (then the listener stays off). */
    static int feature(String javaSpecificationVersion) {
        String version = javaSpecificationVersion.startsWith("1.") ? javaSpecificationVersion.substring(2)
                : javaSpecificationVersion;
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return null;
    }
}
