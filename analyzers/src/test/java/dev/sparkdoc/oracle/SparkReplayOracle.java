package dev.sparkdoc.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.history.EventLogFileReader;
import org.apache.spark.scheduler.ReplayListenerBus;
import org.apache.spark.status.AppStatusListener;
import org.apache.spark.status.AppStatusStore;
import org.apache.spark.status.ElementTrackingStore;
import org.apache.spark.status.api.v1.StageData;
import org.apache.spark.status.api.v1.TaskMetricDistributions;
import org.apache.spark.util.kvstore.InMemoryStore;
import scala.Option;
import scala.collection.immutable.IndexedSeq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's own answer for an event log: the log is opened with Spark's {@code EventLogFileReader} (its codec and
 * rolling rules), replayed through {@code ReplayListenerBus} into an {@code AppStatusListener}, as the History
 * Server does in {@code FsHistoryProvider}, and read back through {@code AppStatusStore}, the class behind the
 * REST API. Nothing of sparkdoc is on this path.
 *
 * <p>The classes are Scala {@code private[spark]}, which is public in bytecode.
 */
public final class SparkReplayOracle {

    /** The quantiles compared: Spark computes these exactly (no sampling) for an in-memory store. */
    public static final double[] QUANTILES = {0.0, 0.25, 0.5, 0.75, 1.0};

    private SparkReplayOracle() {
    }

    /** What Spark made of one log. */
    public record Result(boolean replayedToEnd, Optional<String> replayError, boolean completed, List<Stage> stages) {
        public Optional<Stage> stage(int stageId, int attemptId) {
            return stages.stream().filter(s -> s.stageId() == stageId && s.attemptId() == attemptId).findFirst();
        }
    }

    /**
     * One stage attempt as {@code /stages} reports it.
     *
     * @param totals StageData's long fields by name
     * @param quantiles TaskMetricDistributions values by dotted path; empty when Spark has no summary (no
     *     successful task)
     */
    public record Stage(int stageId, int attemptId, String status, int numTasks, int numActiveTasks,
            int numCompleteTasks, int numFailedTasks, int numKilledTasks, int numCompletedIndices,
            Map<String, Long> totals, Map<String, double[]> quantiles) {
    }

    /** Replays the log at {@code path}: a single file or a rolling {@code eventlog_v2_*} directory. */
    public static Result replay(Path path, List<String> totalNames, List<String> distributionPaths)
            throws IOException {
        SparkConf conf = new SparkConf(false)
                // Keep everything: the defaults drop old stages and tasks from the store.
                .set("spark.ui.retainedJobs", "1000000")
                .set("spark.ui.retainedStages", "1000000")
                .set("spark.ui.retainedTasks", "10000000")
                .set("spark.ui.dagGraph.retainedRootRDDs", "1000000")
                .set("spark.sql.ui.retainedExecutions", "1000000")
                // Clean-up triggers on the caller's thread, so the result does not depend on timing.
                .set("spark.appStateStore.asyncTracking.enable", "false");
        InMemoryStore kvStore = new InMemoryStore();
        ElementTrackingStore store = new ElementTrackingStore(kvStore, conf);
        AppStatusListener listener = new AppStatusListener(store, conf, false, Option.empty(), Option.empty());
        ReplayListenerBus bus = new ReplayListenerBus();
        bus.addListener(listener);

        FileSystem fs = FileSystem.getLocal(new Configuration());
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(path.toAbsolutePath().toUri());
        Option<EventLogFileReader> maybeReader = EventLogFileReader.apply(fs, root);
        if (maybeReader.isEmpty()) {
            throw new IllegalArgumentException("Spark does not recognise an event log at " + path);
        }
        EventLogFileReader reader = maybeReader.get();
        boolean completed = reader.completed();
        boolean replayedToEnd = true;
        Optional<String> replayError = Optional.empty();
        for (FileStatus file : CollectionConverters.asJava(reader.listEventLogFiles())) {
            try (InputStream in = EventLogFileReader.openEventLog(file.getPath(), fs)) {
                // FsHistoryProvider.parseAppEventLogs: maybeTruncated = !completed.
                if (!bus.replay(in, file.getPath().toString(), !completed, ReplayListenerBus.SELECT_ALL_FILTER())) {
                    replayedToEnd = false;
                    break;
                }
            } catch (IOException | RuntimeException e) {
                // Spark rejects a malformed line in the middle of a log (the History Server shows no app).
                replayedToEnd = false;
                replayError = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
                break;
            }
        }
        // Writes stages and tasks still live (running at the end of the log), as the History Server does.
        store.close(false);

        AppStatusStore status = new AppStatusStore(kvStore, Option.empty(), Option.empty());
        List<Stage> stages = new ArrayList<>();
        List<StageData> stageData = new ArrayList<>(CollectionConverters.asJava(
                status.stageList(List.of(), false, false, QUANTILES, List.of())));
        for (StageData data : stageData) {
            Map<String, Long> totals = new LinkedHashMap<>();
            for (String name : totalNames) {
                totals.put(name, (Long) invoke(data, name));
            }
            Map<String, double[]> quantiles = new LinkedHashMap<>();
            Option<TaskMetricDistributions> summary = status.taskSummary(data.stageId(), data.attemptId(), QUANTILES);
            if (summary.isDefined()) {
                for (String distributionPath : distributionPaths) {
                    quantiles.put(distributionPath, values(summary.get(), distributionPath));
                }
            }
            stages.add(new Stage(data.stageId(), data.attemptId(), data.status().name(), data.numTasks(),
                    data.numActiveTasks(), data.numCompleteTasks(), data.numFailedTasks(), data.numKilledTasks(),
                    data.numCompletedIndices(), totals, quantiles));
        }
        status.close();
        return new Result(replayedToEnd, replayError, completed, stages);
    }

    /** Follows a dotted path such as {@code shuffleReadMetrics.readBytes} through the distributions. */
    private static double[] values(TaskMetricDistributions distributions, String dottedPath) {
        Object current = distributions;
        for (String segment : dottedPath.split("\\.")) {
            current = invoke(current, segment);
        }
        IndexedSeq<?> seq = (IndexedSeq<?>) current;
        double[] values = new double[seq.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) seq.apply(i)).doubleValue();
        }
        return values;
    }

    private static Object invoke(Object target, String accessor) {
        try {
            Method method = target.getClass().getMethod(accessor);
            return method.invoke(target);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException(target.getClass().getSimpleName() + " has no " + accessor, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(accessor + " failed", e.getCause());
        }
    }
}
