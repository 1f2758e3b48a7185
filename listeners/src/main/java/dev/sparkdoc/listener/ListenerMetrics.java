package dev.sparkdoc.listener;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.analyzer.FailureCauses;
import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.TaskEndReason;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.event.TaskMetrics;
import dev.sparkdoc.rules.Rule;
import dev.sparkdoc.rules.RuleCatalog;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.TaskFailureGroup;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * The listener's Prometheus metrics, in a registry of its own (never the default one, which the job may use). The
 * names, types and labels are a contract with the alert rules; docs/listener.md lists them. Every series carries
 * {@code application_id} and {@code application_name}, Spark's own label names. Updated from the listener's thread
 * only; scraped from the HTTP server's.
 */
final class ListenerMetrics {

    /** Per-stage series are kept for this many of the most recently completed stage attempts. */
    static final int STAGES_KEPT = 50;

    private static final double MILLIS_PER_SECOND = 1_000.0;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final String applicationId;
    private final String applicationName;

    private final Gauge applicationStart;
    private final Gauge jobDuration;
    private final CounterDataPoint jobsSucceeded;
    private final CounterDataPoint jobsFailed;
    private final SingleWriterCounter tasksSucceeded = new SingleWriterCounter();
    private final SingleWriterCounter tasksFailed = new SingleWriterCounter();
    private final SingleWriterCounter tasksKilled = new SingleWriterCounter();
    private final Counter tasksFailedByCause;
    private final Counter executorOom;
    private final Counter executorsRemoved;
    private final Counter fetchFailures;
    private final SingleWriterCounter runTimeMillis = new SingleWriterCounter();
    private final SingleWriterCounter gcTimeMillis = new SingleWriterCounter();
    private final SingleWriterCounter shuffleRead = new SingleWriterCounter();
    private final SingleWriterCounter memorySpill = new SingleWriterCounter();
    private final SingleWriterCounter diskSpill = new SingleWriterCounter();
    private final SingleWriterCounter resultBytes = new SingleWriterCounter();
    private final Gauge stageSkew;
    private final Gauge stageSkewMax;
    private final Gauge findings;
    private final Gauge runningOldestTask;
    private final Gauge runningMedianTask;
    private final Gauge runningFinishedTasks;
    private final RunningStages running = new RunningStages();
    private final List<StageAttemptId> runningPublished = new ArrayList<>();

    private final Map<Integer, Long> jobSubmissionTimes = new HashMap<>();
    private final LinkedHashMap<StageAttemptId, Boolean> stagesWithSkew = new LinkedHashMap<>();
    private final Map<String, Double> maxSkew = new HashMap<>();
    private final Map<String, Map<Severity, Integer>> lastFindingCounts = new HashMap<>();

    ListenerMetrics(String applicationId, String applicationName, String version, RuleCatalog catalog,
            ListenerHealth health) {
        this.applicationId = applicationId;
        this.applicationName = applicationName;
        Labels app = Labels.of("application_id", applicationId, "application_name", applicationName);

        // An info metric: exposed as the gauge sparkdoc_build_info{version="..."} 1 in Prometheus' text format.
        Info buildInfo = register(Info.builder().name("sparkdoc_build_info")
                .help("The sparkdoc listener's version; always 1.").constLabels(app).labelNames("version").build());
        buildInfo.setLabelValues(version);
        applicationStart = register(Gauge.builder().name("sparkdoc_application_start_timestamp_seconds")
                .help("When the application started, in seconds since the epoch.").constLabels(app).build());
        jobDuration = register(Gauge.builder().name("sparkdoc_job_duration_seconds")
                .help("Duration of the most recently completed job.").constLabels(app).build());
        Counter jobs = register(Counter.builder().name("sparkdoc_jobs_total")
                .help("Jobs ended, by status.").constLabels(app).labelNames("status").build());
        jobsSucceeded = jobs.labelValues("succeeded");
        jobsFailed = jobs.labelValues("failed");
        register(CounterWithCallback.builder().name("sparkdoc_tasks_total")
                .help("Task ends, by status.").constLabels(app).labelNames("status")
                .callback(callback -> {
                    callback.call(tasksSucceeded.get(), "success");
                    callback.call(tasksFailed.get(), "failed");
                    callback.call(tasksKilled.get(), "killed");
                }).build());
        tasksFailedByCause = register(Counter.builder().name("sparkdoc_tasks_failed_total")
                .help("Failed task ends, by cause.").constLabels(app).labelNames("cause").build());
        for (String cause : List.of("oom", "container_killed", "container_terminated", "executor_lost",
                "fetch_failed", "exception", "other")) {
            tasksFailedByCause.initLabelValues(cause);
        }
        executorOom = register(Counter.builder().name("sparkdoc_executor_oom_total")
                .help("Tasks and executors lost to out-of-memory: heap OOM in a task, executors removed after a JVM"
                        + " OOM (exit 52) or a container OOM kill (exit 137, OOMKilled).")
                .constLabels(app).build());
        executorsRemoved = register(Counter.builder().name("sparkdoc_executors_removed_total")
                .help("Executors removed, by reason.").constLabels(app).labelNames("reason").build());
        for (String reason : List.of("oom_killed", "jvm_oom", "lost", "decommissioned", "other")) {
            executorsRemoved.initLabelValues(reason);
        }
        fetchFailures = register(Counter.builder().name("sparkdoc_fetch_failures_total")
                .help("Task ends with FetchFailed.").constLabels(app).build());
        register(CounterWithCallback.builder().name("sparkdoc_task_run_time_seconds_total")
                .help("Executor run time of ended tasks.").constLabels(app)
                .callback(callback -> callback.call(runTimeMillis.get() / MILLIS_PER_SECOND)).build());
        register(CounterWithCallback.builder().name("sparkdoc_task_gc_time_seconds_total")
                .help("JVM garbage-collection time of ended tasks.").constLabels(app)
                .callback(callback -> callback.call(gcTimeMillis.get() / MILLIS_PER_SECOND)).build());
        counter(app, "sparkdoc_shuffle_read_bytes_total", "Shuffle bytes read by ended tasks.", shuffleRead::get);
        register(CounterWithCallback.builder().name("sparkdoc_spill_bytes_total")
                .help("Bytes spilled by ended tasks: memory (deserialized size) or disk (serialized size).")
                .constLabels(app).labelNames("kind")
                .callback(callback -> {
                    callback.call(memorySpill.get(), "memory");
                    callback.call(diskSpill.get(), "disk");
                }).build());
        counter(app, "sparkdoc_result_bytes_total", "Task result bytes returned to the driver.", resultBytes::get);
        stageSkew = register(Gauge.builder().name("sparkdoc_stage_skew_ratio")
                .help("Max over median of a completed stage attempt's successful tasks (the last " + STAGES_KEPT
                        + " stage attempts).")
                .constLabels(app).labelNames("stage_id", "stage_attempt", "metric").build());
        stageSkewMax = register(Gauge.builder().name("sparkdoc_stage_skew_ratio_max")
                .help("The largest stage skew ratio of the application so far.").constLabels(app)
                .labelNames("metric").build());
        runningOldestTask = register(Gauge.builder().name("sparkdoc_running_stage_oldest_task_seconds")
                .help("How long the oldest running task of a running stage attempt has run (stage attempts with a"
                        + " running task only, at most " + RunningStages.MAX_STAGES + ").")
                .constLabels(app).labelNames("stage_id", "stage_attempt").build());
        runningMedianTask = register(Gauge.builder().name("sparkdoc_running_stage_median_task_seconds")
                .help("Median duration of the tasks of a running stage attempt that finished successfully so far.")
                .constLabels(app).labelNames("stage_id", "stage_attempt").build());
        runningFinishedTasks = register(Gauge.builder().name("sparkdoc_running_stage_finished_tasks")
                .help("Tasks of a running stage attempt that finished successfully so far.")
                .constLabels(app).labelNames("stage_id", "stage_attempt").build());
        findings = register(Gauge.builder().name("sparkdoc_findings")
                .help("Active findings by rule and severity, from the same analyzers as 'sparkdoc analyze'.")
                .constLabels(app).labelNames("rule", "severity").build());
        for (Rule rule : catalog.rules()) {
            for (Severity severity : Severity.values()) {
                findings.labelValues(rule.id(), severity.label()).set(0);
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        register(GaugeWithCallback.builder().name("sparkdoc_driver_heap_used_bytes")
                .help("Heap in use in the driver JVM, sampled at scrape.").constLabels(app)
                .callback(callback -> callback.call(memory.getHeapMemoryUsage().getUsed())).build());
        register(GaugeWithCallback.builder().name("sparkdoc_driver_heap_max_bytes")
                .help("The driver JVM's maximum heap.").constLabels(app)
                .callback(callback -> {
                    MemoryUsage heap = memory.getHeapMemoryUsage();
                    if (heap.getMax() >= 0) {
                        callback.call(heap.getMax());
                    }
                }).build());
        counter(app, "sparkdoc_listener_events_total", "Events the listener processed.", health::processed);
        counter(app, "sparkdoc_listener_events_dropped_total", "Events the listener dropped because its own bounded"
                + " queue was full (Spark's dropped-event count for its listener queue is separate).", health::dropped);
        counter(app, "sparkdoc_listener_errors_total", "Errors caught inside the listener.", health::errors);
        register(CounterWithCallback.builder().name("sparkdoc_listener_processing_seconds_total")
                .help("Time the listener spent processing events.").constLabels(app)
                .callback(callback -> callback.call(health.processingNanos() / 1e9)).build());
    }

    PrometheusRegistry registry() {
        return registry;
    }

    String applicationId() {
        return applicationId;
    }

    String applicationName() {
        return applicationName;
    }

    private <M extends io.prometheus.metrics.model.registry.Collector> M register(M metric) {
        registry.register(metric);
        return metric;
    }

    private void counter(Labels app, String name, String help, LongSupplier value) {
        register(CounterWithCallback.builder().name(name).help(help).constLabels(app)
                .callback(callback -> callback.call(value.getAsLong())).build());
    }

    /** Counts one folded event. */
    void record(SparkEvent event) {
        if (event instanceof SparkEvent.TaskEnd e) {
            taskEnd(e);
            running.taskEnded(e.stage(), e.task().taskId(),
                    e.reason().isSuccess() ? e.task().durationMillis() : OptionalLong.empty());
        } else if (event instanceof SparkEvent.TaskStart e) {
            running.taskStarted(e.stage(), e.task().taskId(), e.task().launchTime());
        } else if (event instanceof SparkEvent.StageCompleted e) {
            running.stageEnded(e.stage().id());
        } else if (event instanceof SparkEvent.JobStart e) {
            if (e.submissionTime().isPresent()) {
                jobSubmissionTimes.put(e.jobId(), e.submissionTime().getAsLong());
            }
        } else if (event instanceof SparkEvent.JobEnd e) {
            (e.succeeded() ? jobsSucceeded : jobsFailed).inc();
            Long submitted = jobSubmissionTimes.remove(e.jobId());
            if (submitted != null && e.completionTime().isPresent()) {
                jobDuration.set(Math.max(0, e.completionTime().getAsLong() - submitted) / MILLIS_PER_SECOND);
            }
        } else if (event instanceof SparkEvent.ExecutorRemoved e) {
            executorRemoved(e.reason());
        } else if (event instanceof SparkEvent.ApplicationStart e) {
            applicationStart.set(e.timestamp() / MILLIS_PER_SECOND);
        }
    }

    private void taskEnd(SparkEvent.TaskEnd e) {
        TaskEndReason reason = e.reason();
        if (reason.isSuccess()) {
            tasksSucceeded.add(1);
        } else if (reason.countsAsKilled()) {
            tasksKilled.add(1);
        } else {
            tasksFailed.add(1);
            String cause = failureCause(reason);
            tasksFailedByCause.labelValues(cause).inc();
            if (cause.equals("oom")) {
                executorOom.inc();
            }
            if (reason instanceof TaskEndReason.FetchFailed) {
                fetchFailures.inc();
            }
        }
        if (e.metrics().isEmpty() || reason instanceof TaskEndReason.Resubmitted) {
            return;
        }
        TaskMetrics m = e.metrics().get();
        runTimeMillis.add(m.get(TaskMetric.EXECUTOR_RUN_TIME));
        gcTimeMillis.add(m.get(TaskMetric.JVM_GC_TIME));
        shuffleRead.add(m.get(TaskMetric.SHUFFLE_READ_BYTES));
        memorySpill.add(m.get(TaskMetric.MEMORY_BYTES_SPILLED));
        diskSpill.add(m.get(TaskMetric.DISK_BYTES_SPILLED));
        resultBytes.add(m.get(TaskMetric.RESULT_SIZE));
    }

    /** The {@code cause} label of a failed task end; the same classification the task-failures rule uses. */
    static String failureCause(TaskEndReason reason) {
        if (reason instanceof TaskEndReason.FetchFailed) {
            return "fetch_failed";
        }
        if (reason instanceof TaskEndReason.Resubmitted) {
            // A finished map task whose output was lost with its executor.
            return "executor_lost";
        }
        FailureCauses cause;
        if (reason instanceof TaskEndReason.ExceptionFailure f) {
            cause = FailureCauses.of(new TaskFailureGroup(f.name(), f.className(), 1, f.description(), List.of()));
        } else if (reason instanceof TaskEndReason.ExecutorLostFailure f) {
            cause = FailureCauses.of(new TaskFailureGroup(f.name(), "", 1, f.lossReason().orElse(""), List.of()));
        } else {
            return "other";
        }
        return switch (cause) {
            case HEAP_OOM, GPU_OOM, METASPACE_OOM, DIRECT_MEMORY_OOM -> "oom";
            case CONTAINER_MEMORY_KILLED -> "container_killed";
            case CONTAINER_TERMINATED -> "container_terminated";
            case DECOMMISSIONED, EXECUTOR_LOST -> "executor_lost";
            case EXCEPTION -> "exception";
            case OTHER -> "other";
        };
    }

    /** The {@code reason} label of an executor removal. */
    static String removalReason(String reason) {
        String lower = reason.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("killed by driver") || lower.contains("stopping") || lower.contains("idle")) {
            // Removed on purpose: dynamic allocation, or the application shutting down.
            return "other";
        }
        return switch (FailureCauses.ofLossReason(reason)) {
            case CONTAINER_MEMORY_KILLED -> "oom_killed";
            case HEAP_OOM, GPU_OOM, METASPACE_OOM, DIRECT_MEMORY_OOM -> "jvm_oom";
            case DECOMMISSIONED -> "decommissioned";
            case EXECUTOR_LOST -> "lost";
            default -> "other";
        };
    }

    private void executorRemoved(String reason) {
        String label = removalReason(reason);
        executorsRemoved.labelValues(label).inc();
        if (label.equals("oom_killed") || label.equals("jvm_oom")) {
            executorOom.inc();
        }
    }

    /**
     * Publishes the running stage attempts' signals as of {@code nowMillis}; the series of stage attempts that
     * stopped running go. Called from the listener's thread when it is idle and at most every second while busy.
     */
    void refreshRunning(long nowMillis) {
        List<StageAttemptId> published = new ArrayList<>();
        for (RunningStages.Signal signal : running.signals(nowMillis)) {
            String stageId = Integer.toString(signal.stage().stageId());
            String attempt = Integer.toString(signal.stage().attemptId());
            runningOldestTask.labelValues(stageId, attempt).set(signal.oldestRunningMillis() / MILLIS_PER_SECOND);
            runningFinishedTasks.labelValues(stageId, attempt).set(signal.finishedTasks());
            if (signal.medianFinishedMillis().isPresent()) {
                runningMedianTask.labelValues(stageId, attempt)
                        .set(signal.medianFinishedMillis().getAsLong() / MILLIS_PER_SECOND);
            }
            published.add(signal.stage());
        }
        for (StageAttemptId gone : runningPublished) {
            if (!published.contains(gone)) {
                String stageId = Integer.toString(gone.stageId());
                String attempt = Integer.toString(gone.attemptId());
                runningOldestTask.remove(stageId, attempt);
                runningMedianTask.remove(stageId, attempt);
                runningFinishedTasks.remove(stageId, attempt);
            }
        }
        runningPublished.clear();
        runningPublished.addAll(published);
    }

    /** Publishes a completed stage attempt's skew ratios; the oldest stage's series go beyond {@link #STAGES_KEPT}. */
    void stageSkew(StageAttemptId stage, OptionalDouble durationRatio, OptionalDouble shuffleReadRatio) {
        if (durationRatio.isEmpty() && shuffleReadRatio.isEmpty()) {
            return;
        }
        String stageId = Integer.toString(stage.stageId());
        String attempt = Integer.toString(stage.attemptId());
        skew(stageId, attempt, "duration", durationRatio);
        skew(stageId, attempt, "shuffle_read", shuffleReadRatio);
        stagesWithSkew.put(stage, Boolean.TRUE);
        while (stagesWithSkew.size() > STAGES_KEPT) {
            StageAttemptId oldest = stagesWithSkew.keySet().iterator().next();
            stagesWithSkew.remove(oldest);
            for (String metric : List.of("duration", "shuffle_read")) {
                stageSkew.remove(Integer.toString(oldest.stageId()), Integer.toString(oldest.attemptId()), metric);
            }
        }
    }

    private void skew(String stageId, String attempt, String metric, OptionalDouble ratio) {
        if (ratio.isEmpty()) {
            return;
        }
        stageSkew.labelValues(stageId, attempt, metric).set(ratio.getAsDouble());
        double max = Math.max(maxSkew.getOrDefault(metric, 0.0), ratio.getAsDouble());
        maxSkew.put(metric, max);
        stageSkewMax.labelValues(metric).set(max);
    }

    /** Sets the active findings by rule and severity; pairs no longer active go back to 0. */
    void findings(List<Finding> active) {
        Map<String, Map<Severity, Integer>> counts = new HashMap<>();
        for (Finding finding : active) {
            counts.computeIfAbsent(finding.ruleId(), rule -> new EnumMap<>(Severity.class))
                    .merge(finding.severity(), 1, Integer::sum);
        }
        for (Map.Entry<String, Map<Severity, Integer>> previous : lastFindingCounts.entrySet()) {
            for (Severity severity : previous.getValue().keySet()) {
                if (!counts.getOrDefault(previous.getKey(), Map.of()).containsKey(severity)) {
                    findings.labelValues(previous.getKey(), severity.label()).set(0);
                }
            }
        }
        for (Map.Entry<String, Map<Severity, Integer>> rule : counts.entrySet()) {
            for (Map.Entry<Severity, Integer> severity : rule.getValue().entrySet()) {
                findings.labelValues(rule.getKey(), severity.getKey().label()).set(severity.getValue());
            }
        }
        lastFindingCounts.clear();
        lastFindingCounts.putAll(counts);
    }
}
