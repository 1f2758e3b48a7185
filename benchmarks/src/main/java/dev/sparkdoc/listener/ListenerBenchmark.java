package dev.sparkdoc.listener;

import dev.sparkdoc.rules.RuleSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerBlockManagerAdded;
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
import org.apache.spark.util.JsonProtocol;
import org.slf4j.LoggerFactory;

/**
 * The listener's cost, two ways (docs/performance.md, scripts/bench-listener.sh):
 *
 * <ol>
 *   <li>{@code --replay LOG}: the cost per task-end event on replayed events. Each line of a real-shaped event log
 *       becomes Spark's own event object ({@code JsonProtocol.sparkEventFromJson}, not timed), then is timed in
 *       batches of 1,000 (a) on Spark's bus thread: {@code SparkDocListener.onTaskEnd}, the hand-off, while the
 *       listener's thread works; (b) on the listener's thread: adapt + fold + metrics for the same event. The log is
 *       replayed {@code --passes} times, each into a fresh listener; the first passes warm the JIT up.</li>
 *   <li>{@code --job}: a local job of many tiny tasks run with and without the listener in forked JVMs, paired
 *       ({@link ListenerBenchmarkJob}), with wall time, retained driver heap, Spark's dropped-event counts, and the CPU of
 *       the listener's thread and of Spark's queue threads; the listener attached through
 *       {@code spark.extraListeners}, through the plugin ({@link SparkDocPlugin}), or each in turn.</li>
 * </ol>
 */
public final class ListenerBenchmark {

    /** Task ends per timed batch unless given: parsed just before, so as warm in the caches as on a live driver. */
    private static final int DEFAULT_BATCH = 100;

    private ListenerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        if (mode.equals("--replay")) {
            replay(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 3,
                    args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_BATCH);
        } else if (mode.equals("--replay-parts")) {
            replayParts(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 3,
                    args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_BATCH,
                    args.length > 4 ? parts(args[4]) : List.of(Part.values()));
        } else if (mode.equals("--job")) {
            String attach = args.length > 5 ? args[5] : "both";
            jobs(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? args[4] : "2g",
                    attach.equals("both") ? List.of("extraListeners", "plugin") : List.of(attach));
        } else {
            System.err.println("usage: ListenerBenchmark --replay LOG [PASSES [BATCH]]"
                    + " | --replay-parts LOG [PASSES [BATCH [PART,...]]]"
                    + " | --job TASKS JOBS RUNS [XMX [extraListeners|plugin|both]]");
            System.exit(2);
        }
    }

    // ---------------------------------------------------------------- per event, on replayed events

    private static void replay(Path log, int passes, int batchSize) throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "== replay %s, %d passes (RESULT: the last one, and medians of all but the"
                + " first), task ends timed in batches of %d, each batch just parsed%n", log, passes, batchSize);
        double[] threadWall = new double[passes];
        double[] threadCpu = new double[passes];
        for (int pass = 1; pass <= passes; pass++) {
            Batches bus = replayOnBus(log, batchSize);
            Batches thread = replayOnListenerThread(log, batchSize);
            threadWall[pass - 1] = thread.wallPerEvent() * 1000;
            threadCpu[pass - 1] = thread.cpuPerEvent() * 1000;
            System.out.printf(Locale.ROOT, "pass %d: %,d task ends; bus thread (onTaskEnd) %.3f us/event;"
                    + " listener thread (adapt + fold + metrics) %.3f us/event wall, of which GC pauses %.3f us"
                    + " (%d ms in all, mostly for the replay's own JSON parsing), %.3f us/event thread CPU,"
                    + " %.0f bytes/event allocated; diagnoses inside the timed batches (excluded) %d taking %.1f ms;"
                    + " dropped %d; Spark's JSON parsing allocated %.1f MB per batch%n", pass, bus.taskEnds,
                    bus.wallPerEvent(), thread.wallPerEvent(), thread.gcPerEvent(), thread.gcMillis,
                    thread.cpuPerEvent(), (double) thread.allocatedBytes / thread.taskEnds, thread.diagnoses,
                    thread.diagnosisNanos / 1e6, bus.dropped, thread.parseBytes / 1e6 / thread.batchCount);
            if (pass == passes) {
                System.out.printf(Locale.ROOT, "RESULT replay batch=%d taskEnds=%d busNanosPerTaskEnd=%.1f"
                        + " listenerThreadNanosPerTaskEnd=%.1f listenerThreadGcPauseNanosPerTaskEnd=%.1f"
                        + " listenerThreadCpuNanosPerTaskEnd=%.1f listenerThreadBytesPerTaskEnd=%.0f"
                        + " diagnosesInBatches=%d diagnosisMillisInBatches=%.1f dropped=%d"
                        + " medianListenerThreadNanosPerTaskEnd=%.1f medianListenerThreadCpuNanosPerTaskEnd=%.1f%n",
                        batchSize, bus.taskEnds, bus.wallPerEvent() * 1000, thread.wallPerEvent() * 1000,
                        thread.gcPerEvent() * 1000, thread.cpuPerEvent() * 1000,
                        (double) thread.allocatedBytes / thread.taskEnds, thread.diagnoses,
                        thread.diagnosisNanos / 1e6, bus.dropped, medianAfterFirst(threadWall),
                        medianAfterFirst(threadCpu));
            }
        }
    }

    /**
     * What the timed batches of task ends cost, summed. {@code wallNanos} is the per-event work only: a diagnosis of
     * the whole application that happens to run inside a timed batch (the listener diagnoses two seconds after a stage
     * completes when its queue never runs empty, as here) is subtracted and counted in {@code diagnoses} and
     * {@code diagnosisNanos}; on a live driver it runs when the queue is momentarily empty. GC pauses that fall inside a
     * batch stay in {@code wallNanos} and are also counted in {@code gcMillis}: most of the garbage they collect is the
     * replay's own (Spark's JSON parsing of the next batch), so {@code cpuNanos}, the thread's CPU time, is the
     * listener's work without them and {@code allocatedBytes} is what it adds to the driver's GC.
     */
    private static final class Batches {
        static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long taskEnds;
        long wallNanos;
        long cpuNanos;
        long allocatedBytes;
        long gcMillis;
        long diagnoses;
        long diagnosisNanos;
        long dropped;
        /** What Spark's JSON parsing of the replayed lines allocated (untimed): what evicts a batch from the caches. */
        long parseBytes;
        long batchCount;

        /**
         * Runs one batch of {@code events} through {@code handler}, timed. {@code health} is that of a listener whose
         * work runs inside {@code handler}, to leave its diagnoses out; null when the work runs on another thread.
         */
        void time(List<SparkListenerEvent> events, java.util.function.Consumer<SparkListenerEvent> handler,
                ListenerHealth health) {
            long diagnosesBefore = health == null ? 0 : health.diagnoses();
            long diagnosisNanosBefore = health == null ? 0 : health.diagnosisNanos();
            long gcBefore = gcMillis();
            long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (SparkListenerEvent event : events) {
                handler.accept(event);
            }
            long wall = System.nanoTime() - start;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
            allocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
            gcMillis += gcMillis() - gcBefore;
            long diagnosed = health == null ? 0 : health.diagnosisNanos() - diagnosisNanosBefore;
            diagnoses += health == null ? 0 : health.diagnoses() - diagnosesBefore;
            diagnosisNanos += diagnosed;
            wallNanos += wall - diagnosed;
            cpuNanos += cpu - diagnosed;
            taskEnds += events.size();
            batchCount++;
        }

        double wallPerEvent() {
            return wallNanos / 1000.0 / taskEnds;
        }

        double cpuPerEvent() {
            return cpuNanos / 1000.0 / taskEnds;
        }

        double gcPerEvent() {
            return gcMillis * 1000.0 / taskEnds;
        }

        private static final List<java.lang.management.GarbageCollectorMXBean> COLLECTORS =
                ManagementFactory.getGarbageCollectorMXBeans();

        private static long gcMillis() {
            long total = 0;
            for (java.lang.management.GarbageCollectorMXBean gc : COLLECTORS) {
                total += Math.max(0, gc.getCollectionTime());
            }
            return total;
        }
    }

    /** (a) Spark's side: what {@code onTaskEnd} costs the bus thread, with the listener's thread running. */
    private static Batches replayOnBus(Path log, int batchSize) throws IOException, InterruptedException {
        SparkDocListener listener = new SparkDocListener(new SparkConf()
                .set("spark.app.id", "bench").set("spark.app.name", "bench")
                .set(ListenerConfig.QUEUE_CAPACITY, "100000"));
        Batches batches = new Batches();
        replay(log, batchSize, batches, event -> deliver(listener, event),
                batch -> batches.time(batch, event -> listener.onTaskEnd((SparkListenerTaskEnd) event), null));
        listener.onApplicationEnd(new SparkListenerApplicationEnd(0L, scala.Option.empty()));
        batches.dropped = listener.health().dropped();
        return batches;
    }

    /**
     * Replays every event of {@code log}: task ends in batches of {@code batchSize} through {@code timeBatch}, everything
     * else untimed through {@code untimed}. Each batch is timed right after Spark's JSON parsing created its events: the
     * larger the batch, the more of its events that parsing has pushed out of the CPU caches by then.
     */
    private static void replay(Path log, int batchSize, Batches batches,
            java.util.function.Consumer<SparkListenerEvent> untimed,
            java.util.function.Consumer<List<SparkListenerEvent>> timeBatch) throws IOException {
        List<SparkListenerEvent> batch = new ArrayList<>(batchSize);
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                long allocated = Batches.THREADS.getCurrentThreadAllocatedBytes();
                SparkListenerEvent event = parse(line);
                batches.parseBytes += Batches.THREADS.getCurrentThreadAllocatedBytes() - allocated;
                if (event == null) {
                    continue;
                }
                if (!(event instanceof SparkListenerTaskEnd)) {
                    untimed.accept(event);
                    continue;
                }
                batch.add(event);
                if (batch.size() == batchSize) {
                    timeBatch.accept(batch);
                    batch.clear();
                }
            }
        }
        timeBatch.accept(batch);
    }

    /** (b) The listener's side: the work its thread does per task end, run synchronously here. */
    private static Batches replayOnListenerThread(Path log, int batchSize) throws IOException {
        ListenerHealth health = new ListenerHealth();
        RuleSettings rules = RuleSettings.defaults();
        ListenerMetrics metrics = new ListenerMetrics("bench", "bench", "bench", rules.catalog(), health);
        LiveAnalysis analysis = new LiveAnalysis("4.2.0", rules, ListenerConfig.DEFAULT_RETAINED_TASK_ROWS,
                ListenerConfig.DEFAULT_STAGE_TASK_ROWS, metrics, health, Optional.empty(), () -> {
                }, LoggerFactory.getLogger(ListenerBenchmark.class));
        Batches batches = new Batches();
        replay(log, batchSize, batches, event -> handle(analysis, event),
                batch -> batches.time(batch, event -> handle(analysis, event), health));
        return batches;
    }

    private static void handle(LiveAnalysis analysis, SparkListenerEvent event) {
        try {
            analysis.handle(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- where a task end's time goes

    /**
     * The listener thread's work per task end taken apart: each part replays the log into fresh state, the same
     * batches as {@link #replay}, and times one more step than the one before, so the differences are each step's cost.
     */
    enum Part {
        /** Reads every field of Spark's event the adapter reads, building nothing: the floor set by Spark's objects. */
        READ,
        /** + builds the neutral {@code SparkEvent.TaskEnd} ({@code SparkEventAdapter}). */
        ADAPT,
        /** + folds it ({@code ApplicationFolder}). */
        FOLD,
        /** + the metrics and the rest of {@code LiveAnalysis.handle}: what {@code --replay} times. */
        ALL
    }

    private static List<Part> parts(String names) {
        List<Part> parts = new ArrayList<>();
        for (String name : names.split(",")) {
            parts.add(Part.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
        return parts;
    }

    private static void replayParts(Path log, int passes, int batchSize, List<Part> parts) throws IOException {
        System.out.printf(Locale.ROOT, "== replay by part %s, %d passes per part (the first warms up; medians of the"
                + " rest), batches of %d%n", log, passes, batchSize);
        StringBuilder result = new StringBuilder("RESULT replay-parts batch=" + batchSize);
        double previous = 0;
        for (Part part : parts) {
            double[] cpu = new double[passes];
            double[] wall = new double[passes];
            double bytes = 0;
            for (int pass = 0; pass < passes; pass++) {
                Batches batches = replayPart(log, batchSize, part);
                cpu[pass] = batches.cpuPerEvent() * 1000;
                wall[pass] = batches.wallPerEvent() * 1000;
                bytes = (double) batches.allocatedBytes / batches.taskEnds;
            }
            double nanos = medianAfterFirst(cpu);
            StringBuilder each = new StringBuilder();
            for (double value : cpu) {
                each.append(String.format(Locale.ROOT, " %.0f", value));
            }
            System.out.printf(Locale.ROOT, "%-6s %7.1f ns/task end thread CPU (%+7.1f over the part before), %7.1f ns"
                    + " wall, %5.0f bytes/task end allocated; each pass:%s%n", part, nanos, nanos - previous,
                    medianAfterFirst(wall), bytes, each);
            result.append(' ').append(part.name().toLowerCase(Locale.ROOT)).append("CpuNanos=")
                    .append(String.format(Locale.ROOT, "%.1f", nanos));
            previous = nanos;
        }
        System.out.println(result);
    }

    /** The median of every value but the first (the pass that warmed the JIT up), or the only one. */
    private static double medianAfterFirst(double[] values) {
        double[] rest = values.length > 1 ? Arrays.copyOfRange(values, 1, values.length) : values.clone();
        Arrays.sort(rest);
        int middle = rest.length / 2;
        return rest.length % 2 == 1 ? rest[middle] : (rest[middle - 1] + rest[middle]) / 2;
    }

    /** Sink for what a part computes, so that the JIT cannot drop the work. */
    static volatile long blackhole;

    private static Batches replayPart(Path log, int batchSize, Part part) throws IOException {
        if (part == Part.ALL) {
            return replayOnListenerThread(log, batchSize);
        }
        Batches batches = new Batches();
        SparkEventAdapter adapter = new SparkEventAdapter();
        dev.sparkdoc.fold.ApplicationFolder folder = new dev.sparkdoc.fold.ApplicationFolder(
                ListenerConfig.DEFAULT_RETAINED_TASK_ROWS, ListenerConfig.DEFAULT_STAGE_TASK_ROWS);
        folder.deferSummaries();
        folder.accept(new dev.sparkdoc.event.SparkEvent.LogStart("4.2.0"));
        java.util.function.Consumer<dev.sparkdoc.event.SparkEvent> sink = part == Part.FOLD ? folder::accept : e -> { };
        java.util.function.Consumer<SparkListenerEvent> untimed = event -> {
            try {
                adapter.adapt(event, sink);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        java.util.function.Consumer<SparkListenerEvent> timed = switch (part) {
            case READ -> event -> blackhole += read((SparkListenerTaskEnd) event);
            case ADAPT -> event -> blackhole += adapter.taskEnd((SparkListenerTaskEnd) event).task().taskId();
            default -> event -> folder.accept(adapter.taskEnd((SparkListenerTaskEnd) event));
        };
        replay(log, batchSize, batches, untimed, batch -> batches.time(batch, timed, null));
        return batches;
    }

    /** Every value {@code SparkEventAdapter.taskEnd} reads from Spark's objects, summed. */
    private static long read(SparkListenerTaskEnd e) {
        org.apache.spark.scheduler.TaskInfo i = e.taskInfo();
        long sum = e.stageId() + e.stageAttemptId() + e.taskType().length() + e.reason().hashCode() + i.taskId()
                + i.index() + i.attemptNumber() + i.partitionId() + i.launchTime() + i.executorId().length()
                + i.host().length() + i.taskLocality().id() + (i.speculative() ? 1 : 0) + i.gettingResultTime()
                + i.finishTime() + (i.failed() ? 1 : 0) + (i.killed() ? 1 : 0);
        org.apache.spark.executor.TaskMetrics m = e.taskMetrics();
        if (m != null) {
            sum += m.executorDeserializeTime() + m.executorDeserializeCpuTime() + m.executorRunTime()
                    + m.executorCpuTime() + m.resultSize() + m.jvmGCTime() + m.resultSerializationTime()
                    + m.peakExecutionMemory() + m.memoryBytesSpilled() + m.diskBytesSpilled()
                    + m.inputMetrics().bytesRead() + m.inputMetrics().recordsRead()
                    + m.outputMetrics().bytesWritten() + m.outputMetrics().recordsWritten();
            org.apache.spark.executor.ShuffleReadMetrics r = m.shuffleReadMetrics();
            sum += r.recordsRead() + r.remoteBlocksFetched() + r.localBlocksFetched() + r.fetchWaitTime()
                    + r.remoteBytesRead() + r.remoteBytesReadToDisk() + r.localBytesRead() + r.remoteReqsDuration()
                    + r.corruptMergedBlockChunks() + r.mergedFetchFallbackCount() + r.remoteMergedBlocksFetched()
                    + r.localMergedBlocksFetched() + r.remoteMergedChunksFetched() + r.localMergedChunksFetched()
                    + r.remoteMergedBytesRead() + r.localMergedBytesRead() + r.remoteMergedReqsDuration();
            org.apache.spark.executor.ShuffleWriteMetrics w = m.shuffleWriteMetrics();
            sum += w.bytesWritten() + w.writeTime() + w.recordsWritten();
        }
        org.apache.spark.executor.ExecutorMetrics x = e.taskExecutorMetrics();
        long[] peaks = x == null ? null : SparkEventAdapter.rawValues(x);
        if (peaks != null) {
            for (long peak : peaks) {
                sum += peak;
            }
        }
        return sum;
    }

    /** Through the callback Spark's bus would call for the event. */
    private static void deliver(SparkDocListener listener, SparkListenerEvent event) {
        if (event instanceof SparkListenerTaskStart e) {
            listener.onTaskStart(e);
        } else if (event instanceof SparkListenerStageSubmitted e) {
            listener.onStageSubmitted(e);
        } else if (event instanceof SparkListenerStageCompleted e) {
            listener.onStageCompleted(e);
        } else if (event instanceof SparkListenerJobStart e) {
            listener.onJobStart(e);
        } else if (event instanceof SparkListenerJobEnd e) {
            listener.onJobEnd(e);
        } else if (event instanceof SparkListenerEnvironmentUpdate e) {
            listener.onEnvironmentUpdate(e);
        } else if (event instanceof SparkListenerApplicationStart e) {
            listener.onApplicationStart(e);
        } else if (event instanceof SparkListenerExecutorAdded e) {
            listener.onExecutorAdded(e);
        } else if (event instanceof SparkListenerExecutorRemoved e) {
            listener.onExecutorRemoved(e);
        } else if (event instanceof SparkListenerBlockManagerAdded e) {
            listener.onBlockManagerAdded(e);
        } else if (event instanceof SparkListenerExecutorMetricsUpdate e) {
            listener.onExecutorMetricsUpdate(e);
        } else if (event instanceof SparkListenerResourceProfileAdded e) {
            listener.onResourceProfileAdded(e);
        } else if (!(event instanceof SparkListenerApplicationEnd)) {
            listener.onOtherEvent(event);
        }
    }

    /** Spark's own JsonProtocol.sparkEventFromJson(String), called reflectively: its JsonNode overload is Spark's. */
    private static final java.lang.reflect.Method FROM_JSON = fromJson();

    private static java.lang.reflect.Method fromJson() {
        try {
            return JsonProtocol.class.getMethod("sparkEventFromJson", String.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SparkListenerEvent parse(String line) {
        try {
            return (SparkListenerEvent) FROM_JSON.invoke(null, line);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // SQL events need spark-sql on the class path; the benchmark is about task ends.
            return null;
        }
    }

    // ---------------------------------------------------------------- a real job, with and without

    /**
     * Each run forks one JVM without the listener and one per attach mode ({@code extraListeners}, {@code plugin}), in
     * an order that rotates from run to run, and compares each mode's wall time with the same run's JVM without.
     */
    private static void jobs(int tasks, int jobs, int runs, String xmx, List<String> modes)
            throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "== local[2] job: %,d tasks in %d jobs, %d runs of %d JVMs each (without the"
                + " listener, then attached by %s; the order rotates), -Xmx%s%n", tasks, jobs, runs, modes.size() + 1,
                String.join(", ", modes), xmx);
        List<String> all = new ArrayList<>();
        all.add("none");
        all.addAll(modes);
        List<List<Properties>> results = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            results.add(new ArrayList<>());
        }
        for (int run = 1; run <= runs; run++) {
            Properties[] forked = new Properties[all.size()];
            for (int k = 0; k < all.size(); k++) {
                int index = (k + run) % all.size();
                forked[index] = fork(tasks, jobs, all.get(index), xmx);
            }
            Properties plain = forked[0];
            results.get(0).add(plain);
            System.out.printf(Locale.ROOT, "run %d: without %s ms (process CPU %s ms, JIT %s ms, GC %s ms), retained"
                    + " heap %.1f MiB; Spark's queue threads' CPU: appStatus %s ms, executorManagement %s ms%n", run,
                    plain.getProperty("jobMillis"), plain.getProperty("jobCpuMillis"),
                    plain.getProperty("jobCompileMillis"), plain.getProperty("jobGcMillis"),
                    num(plain, "retainedBytes") / 1048576.0, plain.getProperty("appStatusQueueCpuMillis"),
                    plain.getProperty("managementQueueCpuMillis"));
            for (int m = 1; m < all.size(); m++) {
                Properties listened = forked[m];
                results.get(m).add(listened);
                System.out.printf(Locale.ROOT, "  %-14s %s ms (%+.2f%%), process CPU %s ms (%+.2f%%), JIT %s ms (of"
                        + " which compiling sparkdoc's own code %s ms; whole run: %s ms), GC %s ms; retained heap"
                        + " %.1f MiB; Spark dropped %s, listener dropped %s, findings %s; listener thread busy %s ms, of which %s diagnoses %s ms;"
                        + " its CPU %s ms for %s events; Spark's queue threads' CPU: shared %s ms, appStatus %s ms,"
                        + " executorManagement %s ms%n", all.get(m),
                        listened.getProperty("jobMillis"),
                        100.0 * (num(listened, "jobMillis") / num(plain, "jobMillis") - 1),
                        listened.getProperty("jobCpuMillis"),
                        100.0 * (num(listened, "jobCpuMillis") / num(plain, "jobCpuMillis") - 1),
                        listened.getProperty("jobCompileMillis"), listened.getProperty("jobSparkdocCompileMillis"),
                        listened.getProperty("sparkdocCompileMillis"),
                        listened.getProperty("jobGcMillis"), num(listened, "retainedBytes") / 1048576.0,
                        listened.getProperty("sparkDropped"), listened.getProperty("listenerDropped"),
                        listened.getProperty("findings"), listened.getProperty("processingMillis"),
                        listened.getProperty("diagnoses"), listened.getProperty("diagnosisMillis"),
                        listened.getProperty("listenerCpuMillis"), listened.getProperty("processedEvents"),
                        listened.getProperty("sharedQueueCpuMillis"), listened.getProperty("appStatusQueueCpuMillis"),
                        listened.getProperty("managementQueueCpuMillis"));
            }
        }
        List<Properties> without = results.get(0);
        for (int m = 1; m < all.size(); m++) {
            List<Properties> with = results.get(m);
            double[] overheads = new double[runs];
            double[] cpuOverheads = new double[runs];
            for (int i = 0; i < runs; i++) {
                overheads[i] = num(with.get(i), "jobMillis") / num(without.get(i), "jobMillis") - 1;
                cpuOverheads[i] = num(with.get(i), "jobCpuMillis") / num(without.get(i), "jobCpuMillis") - 1;
            }
            double heapWithout = median(without, "retainedBytes") / 1048576.0;
            double heapWith = median(with, "retainedBytes") / 1048576.0;
            long sparkDropped = with.stream().mapToLong(p -> (long) num(p, "sparkDropped")).max().orElse(0);
            long listenerDropped = with.stream().mapToLong(p -> (long) num(p, "listenerDropped")).max().orElse(0);
            System.out.printf(Locale.ROOT, "RESULT job attach=%s tasks=%d runs=%d medianJobMillisWithout=%.0f"
                    + " medianJobMillisWith=%.0f medianPairedOverheadPercent=%.2f"
                    + " medianPairedProcessCpuOverheadPercent=%.2f medianStopMillisWithout=%.0f"
                    + " medianStopMillisWith=%.0f medianRetainedMiBWithout=%.1f medianRetainedMiBWith=%.1f"
                    + " extraHeapMiB=%.1f maxSparkDroppedEvents=%d maxListenerDroppedEvents=%d"
                    + " medianListenerThreadCpuMillis=%.0f medianSharedQueueThreadCpuMillis=%.0f"
                    + " medianManagementQueueThreadCpuMillis=%.0f (without: %.0f) medianSparkdocCompileMillis=%.0f"
                    + " medianJobSparkdocCompileMillis=%.0f%n",
                    all.get(m), tasks, runs,
                    median(without, "jobMillis"), median(with, "jobMillis"), 100 * median(overheads),
                    100 * median(cpuOverheads),
                    median(without, "stopMillis"), median(with, "stopMillis"), heapWithout, heapWith,
                    heapWith - heapWithout, sparkDropped, listenerDropped, median(with, "listenerCpuMillis"),
                    median(with, "sharedQueueCpuMillis"), median(with, "managementQueueCpuMillis"),
                    median(without, "managementQueueCpuMillis"), median(with, "sparkdocCompileMillis"),
                    median(with, "jobSparkdocCompileMillis"));
        }
    }

    private static Properties fork(int tasks, int jobs, String attach, String xmx)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + xmx);
        command.add("-XX:+UseG1GC");
        command.addAll(opens());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ListenerBenchmarkJob.class.getName());
        command.add(Integer.toString(tasks));
        command.add(Integer.toString(jobs));
        command.add(attach);
        Path output = Files.createTempFile("sparkdoc-bench-job-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        int exit = process.waitFor();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IOException("the benchmark job failed (exit " + exit + "), output in " + output + ":\n" + text);
        }
        Files.delete(output);
        Properties result = new Properties();
        for (String line : text.lines().toList()) {
            if (line.startsWith("JIT ")) {
                System.out.println("  " + attach + ": " + line.substring(4));
            }
            if (line.startsWith("BENCH ")) {
                for (String pair : line.substring(6).split(" ")) {
                    int equals = pair.indexOf('=');
                    result.setProperty(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return result;
    }

    static List<String> opens() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ListenerBenchmark.class.getResourceAsStream("/sparkdoc-bench.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        String opens = properties.getProperty("spark.java.opens", "").trim();
        return opens.isEmpty() ? List.of() : Arrays.asList(opens.split("\\s+"));
    }

    private static double num(Properties properties, String key) {
        return Double.parseDouble(properties.getProperty(key, "0"));
    }

    private static double median(List<Properties> runs, String key) {
        return median(runs.stream().mapToDouble(p -> num(p, key)).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
