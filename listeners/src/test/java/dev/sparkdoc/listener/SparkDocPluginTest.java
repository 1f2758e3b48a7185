package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * The plugin's fallback, on a real local driver: when Spark's internal method that picks the listener's queue fails
 * (as it would on a Spark that changed it), the listener goes where {@code spark.extraListeners} puts it, Spark's
 * shared queue, and still works: it sees the job's tasks and writes its report when the application ends.
 */
class SparkDocPluginTest {

    /** On a driver older than Java 17 the plugin gives Spark no driver plugin (allowed) rather than failing it. */
    @Test
    void onJavaBefore17TheListenerStaysOffAndOn17ItStarts() {
        assertEquals(null, SparkDocPlugin.driverPlugin("1.8"));
        assertEquals(null, SparkDocPlugin.driverPlugin("11"));
        assertEquals(null, SparkDocPlugin.driverPlugin("unknown"));
        assertTrue(SparkDocPlugin.driverPlugin("17") instanceof SparkDocDriverPlugin);
        assertTrue(SparkDocPlugin.driverPlugin("21") instanceof SparkDocDriverPlugin);
        assertEquals(8, SparkDocPlugin.feature("1.8"));
        assertEquals(25, SparkDocPlugin.feature("25-ea"));
    }


    @TempDir
    Path work;

    @Test
    void aFailingQueueAttachFallsBackToTheSharedQueue() throws Exception {
        Path reports = work.resolve("reports");
        SparkConf conf = new SparkConf()
                .setMaster("local[2]")
                .setAppName("plugin fallback test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set(ListenerConfig.REPORT_DIR, reports.toString());
        String applicationId;
        SparkDocListener listener;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            applicationId = sc.sc().applicationId();
            assertFalse(sc.sc().listenerBus().activeQueues().contains("shared"), "no listener on the shared queue yet");
            listener = new SparkDocListener(sc.getConf(), false);
            boolean onPluginQueue = SparkDocDriverPlugin.attach(sc.sc(), listener, (context, l) -> {
                throw new NoSuchMethodError("'void org.apache.spark.scheduler.LiveListenerBus.addToQueue'");
            });
            listener.begin(applicationId);

            assertFalse(onPluginQueue);
            assertTrue(sc.sc().listenerBus().activeQueues().contains("shared"),
                    "Spark's queues: " + sc.sc().listenerBus().activeQueues());
            assertEquals(1, sc.sc().listenerBus().findListenersByClass(scala.reflect.ClassTag$.MODULE$.apply(
                    SparkDocListener.class)).size());
            long keys = sc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 4)
                    .mapToPair(i -> new Tuple2<>(i % 3, i)).reduceByKey(Integer::sum).count();
            assertEquals(3, keys);
        }

        // stop() waited for the listener's last event, the application end, and its report.
        assertTrue(listener.health().processed() > 0, "the listener processed no events");
        assertEquals(0, listener.health().errors());
        assertTrue(Files.exists(reports.resolve(applicationId + ".sparkdoc.json")), "no JSON report in " + reports);
    }
}
