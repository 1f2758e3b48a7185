package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.event.ExecutorMetrics;
import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.StageInfo;
import dev.sparkdoc.event.TaskEndReason;
import dev.sparkdoc.event.TaskInfo;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.event.TaskMetrics;
import dev.sparkdoc.rules.RuleCatalog;
import dev.sparkdoc.rules.Severity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The metrics contract with the alert rules: every name, type and label of docs/listener.md's table, values in base
 * units, every series labelled with the application, per-stage series bounded; served over HTTP by the real endpoint
 * and accepted by the real {@code promtool check metrics}.
 */
class ListenerMetricsTest {

    private static final String APP = "application_id=\"app-1\",application_name=\"nightly etl\"";
    private static final StageAttemptId STAGE = new StageAttemptId(3, 0);

    private final ListenerHealth health = new ListenerHealth();
    private final ListenerMetrics metrics = new ListenerMetrics("app-1", "nightly etl", "9.9.9",
            RuleCatalog.builtIn(), health);
    private final MetricsPublisher publisher = new MetricsPublisher(metrics.registry(),
            LoggerFactory.getLogger(ListenerMetricsTest.class));

    @AfterEach
    void stop() {
        publisher.stop();
    }

    @Test
    void everyContractSeriesIsServedWithApplicationLabelsAndPassesPromtool() throws Exception {
        metrics.record(new SparkEvent.ApplicationStart("nightly etl", Optional.of("app-1"), 1_700_000_000_000L, "me",
                Optional.empty()));
        metrics.record(new SparkEvent.JobStart(0, OptionalLong.of(1_000), List.of(), List.of(), java.util.Map.of()));
        metrics.record(taskEnd(1, new TaskEndReason.Success(), 2_500, 500, 1_000_000, 4_096, 2_048, 300));
        metrics.record(taskEnd(2, new TaskEndReason.Success(), 1_500, 0, 0, 0, 0, 200));
        metrics.record(taskEnd(3, new TaskEndReason.ExceptionFailure("java.lang.OutOfMemoryError", "Java heap space"),
                100, 50, 0, 0, 0, 0));
        metrics.record(taskEnd(4, new TaskEndReason.FetchFailed(Optional.empty(), 0, 1, OptionalInt.of(1), 2, "gone"),
                0, 0, 0, 0, 0, 0));
        metrics.record(taskEnd(5, new TaskEndReason.ExecutorLostFailure("7", true,
                Optional.of("Container killed: exit code 137 (OOMKilled)")), 0, 0, 0, 0, 0, 0));
        metrics.record(taskEnd(6, new TaskEndReason.ExceptionFailure("java.io.IOException", "disk"), 0, 0, 0, 0, 0, 0));
        metrics.record(taskEnd(7, new TaskEndReason.TaskKilled("another attempt succeeded"), 0, 0, 0, 0, 0, 0));
        metrics.record(new SparkEvent.ExecutorRemoved(5_000, "7",
                "The executor with id 7 exited with exit code 137(SIGKILL, possible container OOM)."));
        metrics.record(new SparkEvent.ExecutorRemoved(5_000, "8", "Executor killed by driver."));
        metrics.record(new SparkEvent.JobEnd(0, OptionalLong.of(4_500), true, Optional.empty()));
        for (int stage = 0; stage < ListenerMetrics.STAGES_KEPT + 10; stage++) {
            metrics.stageSkew(new StageAttemptId(stage, 0), OptionalDouble.of(stage == 5 ? 42.0 : 2.0),
                    OptionalDouble.empty());
        }
        metrics.findings(List.of(finding("data-skew", Severity.CRITICAL), finding("data-skew", Severity.CRITICAL),
                finding("gc-pressure", Severity.WARNING)));
        metrics.findings(List.of(finding("data-skew", Severity.CRITICAL)));
        health.processed(1, 2_000_000_000L);
        health.countDropped();

        String page = scrape();

        assertSeries(page, "sparkdoc_build_info{" + APP + ",version=\"9.9.9\"} 1");
        assertSeries(page, "sparkdoc_application_start_timestamp_seconds{" + APP + "} 1.7E9");
        assertSeries(page, "sparkdoc_job_duration_seconds{" + APP + "} 3.5");
        assertSeries(page, "sparkdoc_jobs_total{" + APP + ",status=\"succeeded\"} 1.0");
        assertSeries(page, "sparkdoc_tasks_total{" + APP + ",status=\"success\"} 2.0");
        assertSeries(page, "sparkdoc_tasks_total{" + APP + ",status=\"failed\"} 4.0");
        assertSeries(page, "sparkdoc_tasks_total{" + APP + ",status=\"killed\"} 1.0");
        assertSeries(page, "sparkdoc_tasks_failed_total{" + APP + ",cause=\"oom\"} 1.0");
        assertSeries(page, "sparkdoc_tasks_failed_total{" + APP + ",cause=\"fetch_failed\"} 1.0");
        assertSeries(page, "sparkdoc_tasks_failed_total{" + APP + ",cause=\"container_killed\"} 1.0");
        assertSeries(page, "sparkdoc_tasks_failed_total{" + APP + ",cause=\"exception\"} 1.0");
        assertSeries(page, "sparkdoc_tasks_failed_total{" + APP + ",cause=\"other\"} 0.0");
        // The heap OOM in a task, and the executor removed with exit 137; the task lost with that executor is the
        // same incident as its removal and is not counted twice.
        assertSeries(page, "sparkdoc_executor_oom_total{" + APP + "} 2.0");
        assertSeries(page, "sparkdoc_executors_removed_total{" + APP + ",reason=\"oom_killed\"} 1.0");
        assertSeries(page, "sparkdoc_executors_removed_total{" + APP + ",reason=\"other\"} 1.0");
        assertSeries(page, "sparkdoc_fetch_failures_total{" + APP + "} 1.0");
        assertSeries(page, "sparkdoc_task_run_time_seconds_total{" + APP + "} 4.1");
        assertSeries(page, "sparkdoc_task_gc_time_seconds_total{" + APP + "} 0.55");
        assertSeries(page, "sparkdoc_shuffle_read_bytes_total{" + APP + "} 1000000.0");
        assertSeries(page, "sparkdoc_spill_bytes_total{" + APP + ",kind=\"memory\"} 4096.0");
        assertSeries(page, "sparkdoc_spill_bytes_total{" + APP + ",kind=\"disk\"} 2048.0");
        assertSeries(page, "sparkdoc_result_bytes_total{" + APP + "} 500.0");
        assertSeries(page, "sparkdoc_stage_skew_ratio{" + APP + ",metric=\"duration\",stage_attempt=\"0\",stage_id=\"59\"} 2.0");
        assertSeries(page, "sparkdoc_stage_skew_ratio_max{" + APP + ",metric=\"duration\"} 42.0");
        assertSeries(page, "sparkdoc_findings{" + APP + ",rule=\"data-skew\",severity=\"critical\"} 1.0");
        assertSeries(page, "sparkdoc_findings{" + APP + ",rule=\"gc-pressure\",severity=\"warning\"} 0.0");
        assertSeries(page, "sparkdoc_findings{" + APP + ",rule=\"tiny-tasks\",severity=\"info\"} 0.0");
        assertSeries(page, "sparkdoc_listener_events_total{" + APP + "} 1.0");
        assertSeries(page, "sparkdoc_listener_events_dropped_total{" + APP + "} 1.0");
        assertSeries(page, "sparkdoc_listener_errors_total{" + APP + "} 0.0");
        assertSeries(page, "sparkdoc_listener_processing_seconds_total{" + APP + "} 2.0");
        assertTrue(page.contains("sparkdoc_driver_heap_used_bytes{" + APP + "} "), page);
        assertTrue(page.contains("sparkdoc_driver_heap_max_bytes{" + APP + "} "), page);
        assertTrue(page.contains("# TYPE sparkdoc_tasks_total counter"), page);
        assertTrue(page.contains("# TYPE sparkdoc_stage_skew_ratio gauge"), page);
        assertTrue(page.contains("# TYPE sparkdoc_build_info gauge"), page);

        // Only the most recent 50 stage attempts keep their series.
        long stageSeries = page.lines().filter(line -> line.startsWith("sparkdoc_stage_skew_ratio{")).count();
        assertEquals(ListenerMetrics.STAGES_KEPT, stageSeries);
        assertFalse(page.contains("stage_id=\"9\""), "stage 9 is older than the last 50 and should be gone");

        // Every series carries the application's labels.
        List<String> unlabelled = new ArrayList<>();
        for (String line : page.lines().toList()) {
            if (!line.startsWith("#") && !line.isBlank() && !line.contains(APP)) {
                unlabelled.add(line);
            }
        }
        assertTrue(unlabelled.isEmpty(), "series without the application labels: " + unlabelled);

        Promtool.Result check = Promtool.checkMetrics(page);
        assertEquals(0, check.exitCode(), "promtool check metrics:\n" + check.output() + "\n" + page);
    }

    @Test
    void failureCausesUseTheAnalyzersClassification() {
        assertEquals("oom", ListenerMetrics.failureCause(new TaskEndReason.ExceptionFailure(
                "org.apache.spark.memory.SparkOutOfMemoryError", "Unable to acquire 64 MiB of memory")));
        assertEquals("container_killed", ListenerMetrics.failureCause(new TaskEndReason.ExecutorLostFailure("1", true,
                Optional.of("Container killed by YARN for exceeding memory limits"))));
        assertEquals("container_terminated", ListenerMetrics.failureCause(new TaskEndReason.ExecutorLostFailure("1",
                true, Optional.of("exited with exit code 143 (SIGTERM)"))));
        assertEquals("executor_lost", ListenerMetrics.failureCause(new TaskEndReason.ExecutorLostFailure("1", false,
                Optional.of("Remote RPC client disassociated"))));
        assertEquals("executor_lost", ListenerMetrics.failureCause(new TaskEndReason.Resubmitted()));
        assertEquals("other", ListenerMetrics.failureCause(new TaskEndReason.OtherFailure("TaskResultLost")));
        assertEquals("jvm_oom", ListenerMetrics.removalReason("Executor exited with exit code 52 (OutOfMemoryError)"));
        assertEquals("decommissioned", ListenerMetrics.removalReason("Executor decommission."));
        assertEquals("lost", ListenerMetrics.removalReason("Remote RPC client disassociated."));
    }

    /** A running stage's straggler is served while the stage runs, and its series go when the stage ends. */
    @Test
    void runningStagesAreServedWhileTheyRunAndGoWhenTheyEnd() throws Exception {
        for (long task = 1; task <= 6; task++) {
            TaskInfo running = new TaskInfo(task, (int) task, 0, OptionalInt.of((int) task), 1_000, "1", "host",
                    "PROCESS_LOCAL", false, OptionalLong.empty(), OptionalLong.empty(), false, false);
            metrics.record(new SparkEvent.TaskStart(STAGE, running));
        }
        // Tasks 2..6 finish after 1 s (launch 1,000, finish 2,000); task 1 still runs at 31 s.
        for (long task = 2; task <= 6; task++) {
            metrics.record(taskEnd(task, new TaskEndReason.Success(), 1_000, 0, 0, 0, 0, 0));
        }
        metrics.refreshRunning(31_000);
        String page = scrape();
        String stage = APP + ",stage_attempt=\"0\",stage_id=\"3\"}";
        assertSeries(page, "sparkdoc_running_stage_oldest_task_seconds{" + stage + " 30.0");
        assertSeries(page, "sparkdoc_running_stage_median_task_seconds{" + stage + " 1.0");
        assertSeries(page, "sparkdoc_running_stage_finished_tasks{" + stage + " 5.0");

        metrics.record(new SparkEvent.StageCompleted(new StageInfo(STAGE, "stage", 6, List.of(), "",
                OptionalLong.of(0), OptionalLong.of(32_000), Optional.empty(), OptionalInt.empty(), List.of())));
        metrics.refreshRunning(32_000);
        HttpResponse<String> after = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + publisher.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertFalse(after.body().contains("stage_id=\"3\""), after.body());
    }

    private String scrape() throws Exception {
        assertTrue(publisher.start("127.0.0.1", 0).isPresent());
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + publisher.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static void assertSeries(String page, String series) {
        assertTrue(page.lines().anyMatch(series::equals), "missing: " + series + "\n" + page);
    }

    private static SparkEvent.TaskEnd taskEnd(long taskId, TaskEndReason reason, long runMillis, long gcMillis,
            long shuffleRead, long memorySpill, long diskSpill, long resultBytes) {
        TaskMetrics metrics = TaskMetrics.builder()
                .set(TaskMetric.EXECUTOR_RUN_TIME, runMillis)
                .set(TaskMetric.JVM_GC_TIME, gcMillis)
                .set(TaskMetric.SHUFFLE_LOCAL_BYTES_READ, shuffleRead)
                .set(TaskMetric.MEMORY_BYTES_SPILLED, memorySpill)
                .set(TaskMetric.DISK_BYTES_SPILLED, diskSpill)
                .set(TaskMetric.RESULT_SIZE, resultBytes)
                .build();
        TaskInfo info = new TaskInfo(taskId, (int) taskId, 0, OptionalInt.of((int) taskId), 1_000, "1", "host",
                "PROCESS_LOCAL", false, OptionalLong.empty(), OptionalLong.of(2_000), !reason.isSuccess(), false);
        boolean hasMetrics = reason instanceof TaskEndReason.Success || reason instanceof TaskEndReason.ExceptionFailure;
        return new SparkEvent.TaskEnd(STAGE, "ResultTask", reason, info,
                hasMetrics ? Optional.of(metrics) : Optional.empty(), ExecutorMetrics.empty());
    }

    private static Finding finding(String rule, Severity severity) {
        return new Finding(rule, rule, severity, new Scope.Application(), "summary", List.of(), List.of(),
                "explanation", List.of(), OptionalLong.empty());
    }
}
