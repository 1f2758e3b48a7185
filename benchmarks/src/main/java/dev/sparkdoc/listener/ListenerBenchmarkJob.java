package dev.sparkdoc.listener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * One run of the benchmark job in its own JVM: {@code TASKS} tiny tasks in {@code JOBS} jobs on {@code local[2]},
 * without the listener ({@code none}) or with it, attached through {@code extraListeners} or the {@code plugin}
 * (reports and metrics endpoint on, as in production). Prints one {@code BENCH} line:
 * the jobs' wall time, {@code SparkContext.stop()}'s (which includes the listener's final report), the heap retained
 * after the jobs (after full GCs, before stop), Spark's own dropped-event count over its queues, and the
 * listener's.
 *
 * <p>Tiny tasks are the listener's worst case: the most events per second of job time.
 */
public final class ListenerBenchmarkJob {

    private ListenerBenchmarkJob() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = Integer.parseInt(args[0]);
        int jobs = Integer.parseInt(args[1]);
        String attach = args[2];
        boolean listener = !attach.equals("none");
        Path reports = Files.createTempDirectory("sparkdoc-bench-reports-");
        jdk.jfr.Recording compilations = recordCompilations();
        SparkConf conf = new SparkConf()
                .setMaster("local[2]")
                .setAppName("sparkdoc listener benchmark")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        if (attach.equals("plugin")) {
            conf.set("spark.plugins", SparkDocPlugin.class.getName());
        } else if (attach.equals("extraListeners")) {
            conf.set("spark.extraListeners", SparkDocListener.class.getName());
        } else if (listener) {
            throw new IllegalArgumentException("attach: none, extraListeners or plugin, not " + attach);
        }
        if (listener) {
            conf.set(ListenerConfig.REPORT_DIR, reports.toString())
                    .set(ListenerConfig.PROMETHEUS_HOST, "127.0.0.1")
                    .set(ListenerConfig.PROMETHEUS_PORT, "0");
        }
        JavaSparkContext sc = new JavaSparkContext(conf);
        int perJob = tasks / jobs;
        List<Integer> partitions = new ArrayList<>(perJob);
        for (int i = 0; i < perJob; i++) {
            partitions.add(i);
        }
        // Warm-up job (not timed): class loading, JIT of Spark's scheduler.
        sc.parallelize(partitions.subList(0, Math.min(200, perJob)), Math.min(200, perJob)).map(x -> x + 1).count();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long compileStart = compileMillis();
        long gcStart = gcMillis();
        java.time.Instant jobsStart = java.time.Instant.now();
        long start = System.nanoTime();
        long total = 0;
        for (int job = 0; job < jobs; job++) {
            total += sc.parallelize(partitions, perJob).map(x -> x * 2L).reduce(Long::sum);
        }
        long jobMillis = (System.nanoTime() - start) / 1_000_000;
        java.time.Instant jobsEnd = java.time.Instant.now();
        // The whole JVM's CPU time over the same jobs: less sensitive than wall time to other tenants' load.
        long jobCpuMillis = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
        // Where process CPU goes besides the threads measured below: JIT compilation and garbage collection.
        long jobCompileMillis = compileMillis() - compileStart;
        long jobGcMillis = gcMillis() - gcStart;
        // Let the listener catch up with the last events, as its steady state, before measuring memory.
        Thread.sleep(2_000);
        long retained = ListenerBenchmark.usedHeapAfterGc();
        long sparkDropped = sparkDropped(sc.sc());
        long listenerDropped = -1;
        int findings = -1;
        long diagnoses = -1;
        long diagnosisMillis = -1;
        long processingMillis = -1;
        long processed = -1;
        long threadCpuMillis = threadCpuMillis("sparkdoc-listener");
        long sharedQueueCpuMillis = threadCpuMillis("spark-listener-group-shared");
        long appStatusQueueCpuMillis = threadCpuMillis("spark-listener-group-appStatus");
        long managementQueueCpuMillis = threadCpuMillis("spark-listener-group-" + SparkDocDriverPlugin.QUEUE);
        SparkDocListener attached = attached(sc.sc());
        if (attached != null) {
            listenerDropped = attached.health().dropped();
            findings = attached.findings().size();
            diagnoses = attached.health().diagnoses();
            diagnosisMillis = attached.health().diagnosisNanos() / 1_000_000;
            processingMillis = attached.health().processingNanos() / 1_000_000;
            processed = attached.health().processed();
        }
        long stopStart = System.nanoTime();
        sc.stop();
        long stopMillis = (System.nanoTime() - stopStart) / 1_000_000;
        long[] sparkdocCompileMillis = sparkdocCompileMillis(compilations, reports, jobsStart, jobsEnd);
        System.out.printf(Locale.ROOT, "BENCH attach=%s tasks=%d jobMillis=%d jobCpuMillis=%d jobCompileMillis=%d"
                + " jobGcMillis=%d stopMillis=%d retainedBytes=%d sparkDropped=%d listenerDropped=%d findings=%d"
                + " diagnoses=%d diagnosisMillis=%d processingMillis=%d listenerCpuMillis=%d sharedQueueCpuMillis=%d"
                + " appStatusQueueCpuMillis=%d managementQueueCpuMillis=%d processedEvents=%d sparkdocCompileMillis=%d"
                + " jobSparkdocCompileMillis=%d"
                + " checksum=%d%n", attach,
                perJob * jobs, jobMillis, jobCpuMillis, jobCompileMillis, jobGcMillis, stopMillis, retained,
                sparkDropped, listenerDropped, findings, diagnoses, diagnosisMillis, processingMillis, threadCpuMillis,
                sharedQueueCpuMillis, appStatusQueueCpuMillis, managementQueueCpuMillis, processed,
                sparkdocCompileMillis[0], sparkdocCompileMillis[1], total);
    }

    /**
     * CPU time so far (the warm-up job included) of the thread named {@code name}, or -1 without one: the listener's own
     * thread, or Spark's bus thread for the queue {@code spark.extraListeners} go to, which exists only with a listener
     * there and wakes up for the events it hands over. Unlike the listener's processing time it leaves out the time
     * the thread waited for a core.
     */
    private static long threadCpuMillis(String name) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals(name)) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                return nanos < 0 ? -1 : nanos / 1_000_000;
            }
        }
        return -1;
    }

    /** Records every JIT compilation from here on (JFR's jdk.Compilation events, whatever their duration). */
    private static jdk.jfr.Recording recordCompilations() {
        jdk.jfr.Recording recording = new jdk.jfr.Recording();
        recording.enable("jdk.Compilation").withThreshold(java.time.Duration.ZERO);
        recording.start();
        return recording;
    }

    /**
     * The JIT time spent compiling sparkdoc's own methods (shaded dependencies included), from the recording: a cost
     * of the listener outside its threads, on a 2-core machine taken from the job's tasks. Two figures: the whole run
     * (the final report included), and the compilations that started during the timed jobs.
     */
    private static long[] sparkdocCompileMillis(jdk.jfr.Recording recording, Path dir, java.time.Instant jobsStart,
            java.time.Instant jobsEnd) throws java.io.IOException {
        recording.stop();
        Path file = dir.resolve("compilations.jfr");
        recording.dump(file);
        recording.close();
        long nanos = 0;
        long jobsNanos = 0;
        Map<String, Long> byMethod = new java.util.HashMap<>();
        Map<String, Long> byOrigin = new java.util.TreeMap<>();
        for (jdk.jfr.consumer.RecordedEvent event : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
            jdk.jfr.consumer.RecordedMethod method = event.getValue("method");
            String type = method == null ? "" : method.getType().getName();
            String origin = origin(type);
            long took = event.getDuration().toNanos();
            boolean duringJobs = !event.getStartTime().isBefore(jobsStart) && event.getStartTime().isBefore(jobsEnd);
            if (duringJobs) {
                byOrigin.merge(origin, took, Long::sum);
            }
            if (origin.equals("sparkdoc")) {
                nanos += took;
                if (duringJobs) {
                    jobsNanos += took;
                    String tier = event.getInt("compileLevel") == 4 ? "C2" : "C1";
                    byMethod.merge(type.substring(type.lastIndexOf('.') + 1) + "." + method.getName() + " " + tier,
                            took, Long::sum);
                }
            }
        }
        Files.delete(file);
        // All JIT time during the timed jobs by where the code comes from: with the listener, code it drives (Spark's
        // JSON writer, the JDK's sorting and collections) is compiled too.
        StringBuilder origins = new StringBuilder("JIT during the timed jobs by origin:");
        byOrigin.forEach((origin, took) -> origins.append(String.format(Locale.ROOT, " %s %.0f ms;", origin,
                took / 1e6)));
        System.out.println(origins);
        if (jobsNanos > 0) {
            // Where the timed jobs' share went, the costliest methods first.
            StringBuilder top = new StringBuilder("JIT sparkdoc's costliest compilations during the timed jobs:");
            byMethod.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(entry -> top.append(String.format(Locale.ROOT, " %s %.0f ms;", entry.getKey(),
                            entry.getValue() / 1e6)));
            System.out.println(top);
        }
        return new long[] {nanos / 1_000_000, jobsNanos / 1_000_000};
    }

    /** Where a compiled method's class comes from; the benchmark's own classes run without the listener too. */
    private static String origin(String type) {
        if (type.startsWith(ListenerBenchmark.class.getName())) {
            return "benchmark";
        }
        for (String[] origin : new String[][] {{"dev.sparkdoc.", "sparkdoc"}, {"java.", "JDK"}, {"jdk.", "JDK"},
                {"sun.", "JDK"}, {"scala.", "Scala"}, {"org.apache.spark.", "Spark"},
                {"com.fasterxml.jackson.", "Jackson"}, {"io.netty.", "Netty"}, {"org.apache.hadoop.", "Hadoop"}}) {
            if (type.startsWith(origin[0])) {
                return origin[1];
            }
        }
        return "other";
    }

    /** The JIT compilers' total time so far (the JVM's accounting, wall time of compiler threads). */
    private static long compileMillis() {
        java.lang.management.CompilationMXBean compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime()
                : -1;
    }

    /** Time the collectors spent so far, all of them (pauses and concurrent cycles as each bean counts them). */
    private static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean gc
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /**
     * Spark's LiveListenerBus counters of dropped events, summed over all its queues: the one extra listeners go to
     * ("shared"), the plugin's ("executorManagement"), and those the listener shares with nobody.
     */
    private static long sparkDropped(SparkContext sc) {
        long dropped = 0;
        for (Map.Entry<String, com.codahale.metrics.Counter> counter
                : sc.listenerBus().metrics().metricRegistry().getCounters().entrySet()) {
            if (counter.getKey().startsWith("queue.") && counter.getKey().endsWith(".numDroppedEvents")) {
                dropped += counter.getValue().getCount();
            }
        }
        return dropped;
    }

    private static SparkDocListener attached(SparkContext sc) {
        Seq<SparkDocListener> found = sc.listenerBus().findListenersByClass(ClassTag$.MODULE$.apply(
                SparkDocListener.class));
        List<SparkDocListener> listeners = CollectionConverters.asJava(found);
        return listeners.isEmpty() ? null : listeners.get(0);
    }
}
