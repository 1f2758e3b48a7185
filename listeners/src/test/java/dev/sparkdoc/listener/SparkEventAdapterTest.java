package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.event.TaskEndReason;
import dev.sparkdoc.eventlog.EventLineParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkFirehoseListener;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.JsonProtocol;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * The field-by-field conversion of the hot events (task starts and ends, executor metric updates) gives exactly what
 * the event-log reader gets from the JSON Spark writes for the same event objects: every real event of a real job,
 * successes and a failed task attempt among them, converted both ways.
 */
class SparkEventAdapterTest {

    @Test
    void directConversionEqualsParsingSparksOwnJsonOfTheSameEvent() throws Exception {
        List<SparkListenerEvent> events = new ArrayList<>();
        SparkConf conf = new SparkConf()
                .setMaster("local[2,2]")
                .setAppName("adapter test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.executor.heartbeatInterval", "200ms");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.sc().addSparkListener(new SparkFirehoseListener() {
                @Override
                public void onEvent(SparkListenerEvent event) {
                    synchronized (events) {
                        events.add(event);
                    }
                }
            });
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                numbers.add(i);
            }
            long keys = sc.parallelize(numbers, 6)
                    .map(i -> {
                        TaskContext task = TaskContext.get();
                        if (task.partitionId() == 1 && task.attemptNumber() == 0) {
                            throw new IllegalStateException("planted failure of the first attempt");
                        }
                        return i;
                    })
                    .mapToPair(i -> new Tuple2<>(i % 13, i))
                    .reduceByKey(Integer::sum, 4)
                    .count();
            assertEquals(13, keys);
            Thread.sleep(600);
        }

        EventLineParser parser = new EventLineParser();
        SparkEventAdapter adapter = new SparkEventAdapter();
        int taskEnds = 0;
        int failures = 0;
        int updates = 0;
        List<SparkListenerEvent> snapshot;
        synchronized (events) {
            snapshot = List.copyOf(events);
        }
        for (SparkListenerEvent event : snapshot) {
            if (!(event instanceof SparkListenerTaskEnd || event instanceof SparkListenerTaskStart
                    || event instanceof SparkListenerExecutorMetricsUpdate)) {
                continue;
            }
            byte[] line = JsonProtocol.sparkEventToJsonString(event).getBytes(StandardCharsets.UTF_8);
            EventLineParser.Result parsed = parser.parse(line, 0, line.length);
            List<SparkEvent> direct = new ArrayList<>();
            adapter.adapt(event, direct::add);
            if (event instanceof SparkListenerExecutorMetricsUpdate) {
                // Only the driver's updates are forwarded, as the event log keeps only those.
                if (parsed instanceof EventLineParser.Result.Parsed p
                        && ((SparkEvent.ExecutorMetricsUpdate) p.event()).executorId().equals("driver")) {
                    assertEquals(List.of(p.event()), direct);
                    updates++;
                }
                continue;
            }
            SparkEvent expected = ((EventLineParser.Result.Parsed) parsed).event();
            assertEquals(List.of(expected), direct, "for " + new String(line, StandardCharsets.UTF_8));
            if (expected instanceof SparkEvent.TaskEnd end) {
                taskEnds++;
                if (end.reason() instanceof TaskEndReason.ExceptionFailure) {
                    failures++;
                }
            }
        }
        assertEquals(6 + 1 + 4, taskEnds, "six map tasks, one retried, four reduce tasks");
        assertEquals(1, failures);
        assertTrue(updates > 0, "no executor metrics update from the driver was seen");
    }
}
