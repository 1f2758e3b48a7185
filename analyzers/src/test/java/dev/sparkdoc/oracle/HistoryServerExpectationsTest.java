package dev.sparkdoc.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdoc.event.ExecutorMetric;
import dev.sparkdoc.event.ExecutorMetrics;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.Quantiles;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageExecutorSummary;
import dev.sparkdoc.snapshot.StageStatus;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The History Server is the oracle: for every golden REST file of Spark 4.2.0's {@code HistoryServerSuite} that
 * describes stages, read the event log it was made from with sparkdoc's locator, reader and folder, and compare
 * every stage number the file holds with ours. The case table mirrors {@code HistoryServerSuite.cases}.
 *
 * <p>Quirks of the History Server reproduced here, not in the model:
 * <ul>
 *   <li>{@code duration} quantiles index the durations of all ended tasks (failed and killed too) with the count of
 *       successful tasks, because the SHS duration index is not filtered by status;</li>
 *   <li>logs written before Spark 3.0 report {@code peakExecutionMemory} 0 in REST: the field did not exist in
 *       {@code Task Metrics} yet, so the SHS reads 0 (sparkdoc reads 0 too, but a fallback to the accumulable
 *       would be a deliberate difference);</li>
 *   <li>tasks still running when the log ends are left out: their SHS duration depends on the wall clock, so
 *       {@code duration} quantiles are not compared for stages that have any.</li>
 * </ul>
 */
class HistoryServerExpectationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'GMT'");
    private static final double[] DEFAULT_QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};

    private enum Kind {
        /** A JSON array of StageData; {@code complete} when it lists every stage attempt of the app. */
        STAGE_LIST,
        /** One StageData object. */
        STAGE,
        /** A TaskMetricDistributions object for {@link Case#stage}. */
        TASK_SUMMARY
    }

    private record Case(String file, String log, Kind kind, Optional<StageStatus> statusFilter, boolean complete,
            StageAttemptId stage) {
    }

    private static Case list(String file, String log) {
        return new Case(file, log, Kind.STAGE_LIST, Optional.empty(), true, null);
    }

    private static Case list(String file, String log, StageStatus status) {
        return new Case(file, log, Kind.STAGE_LIST, Optional.of(status), true, null);
    }

    /** A list that holds the attempts of one stage (REST {@code stages/N}). */
    private static Case attempts(String file, String log) {
        return new Case(file, log, Kind.STAGE_LIST, Optional.empty(), false, null);
    }

    private static Case stage(String file, String log) {
        return new Case(file, log, Kind.STAGE, Optional.empty(), false, null);
    }

    private static Case summary(String file, String log, int stageId, int attemptId) {
        return new Case(file, log, Kind.TASK_SUMMARY, Optional.empty(), false, new StageAttemptId(stageId, attemptId));
    }

    /** Every stage-describing case of HistoryServerSuite (Spark 4.2.0), with the log each was made from. */
    private static final List<Case> CASES = List.of(
            list("stage_list_json_expectation.json", "local-1422981780767"),
            list("complete_stage_list_json_expectation.json", "local-1422981780767", StageStatus.COMPLETE),
            list("failed_stage_list_json_expectation.json", "local-1422981780767", StageStatus.FAILED),
            attempts("one_stage_json_expectation.json", "local-1422981780767"),
            attempts("one_stage_json_with_details_expectation.json", "local-1422981780767"),
            stage("one_stage_attempt_json_expectation.json", "local-1422981780767"),
            stage("one_stage_attempt_json_details_with_failed_task_expectation.json", "local-1422981780767"),
            attempts("one_stage_json_with_partitionId_expectation.json", "local-1642039451826"),
            summary("stage_task_summary_w_shuffle_write_expectation.json", "local-1430917381534", 0, 0),
            summary("stage_task_summary_w_shuffle_read_expectation.json", "local-1430917381534", 1, 0),
            summary("stage_task_summary_w__custom_quantiles_expectation.json", "local-1430917381534", 0, 0),
            // applications/local-1426533911241/1/...: attempt 1 of that app is the log local-1426533911241.
            list("stage_list_with_accumulable_json_expectation.json", "local-1426533911241"),
            stage("stage_with_accumulable_json_expectation.json", "local-1426533911241"),
            stage("excludeOnFailure_for_stage_expectation.json", "app-20180109111548-0000"),
            stage("excludeOnFailure_node_for_stage_expectation.json", "application_1516285256255_0012"),
            list("stage_list_with_peak_metrics_expectation.json", "app-20200706201101-0003"),
            stage("stage_with_peak_metrics_expectation.json", "app-20200706201101-0003"),
            stage("stage_with_summaries_expectation.json", "app-20200706201101-0003"),
            stage("stage_with_speculation_summary_expectation.json", "application_1628109047826_1317105"));

    @AfterAll
    static void report() {
        System.out.println("HistoryServerExpectationsTest: " + ValueChecker.COMPARED.get() + " values compared, "
                + ValueChecker.MATCHED.get() + " matched");
    }

    @TestFactory
    Stream<DynamicNode> historyServerExpectations() {
        return CASES.stream().map(HistoryServerExpectationsTest::container);
    }

    private static DynamicContainer container(Case c) {
        JsonNode expected = readJson(c.file());
        List<DynamicNode> tests = new ArrayList<>();
        if (c.kind() == Kind.TASK_SUMMARY) {
            String name = "stage " + c.stage() + " taskSummary";
            tests.add(DynamicTest.dynamicTest(name, () -> {
                ApplicationSnapshot app = snapshot(c);
                StageAttempt stage = app.stage(c.stage()).orElseThrow(
                        () -> new AssertionError(c.file() + ": no stage " + c.stage() + " in " + c.log()));
                ValueChecker checker = new ValueChecker(c.file() + " " + name);
                checkDistributions(checker, "", expected, app, stage);
                checker.assertNoMismatch();
            }));
        } else {
            List<JsonNode> stages = new ArrayList<>();
            if (expected.isArray()) {
                expected.forEach(stages::add);
            } else {
                stages.add(expected);
            }
            if (c.kind() == Kind.STAGE_LIST && c.complete()) {
                tests.add(DynamicTest.dynamicTest("stage attempts listed", () -> checkStageSet(c, stages)));
            }
            for (JsonNode stageJson : stages) {
                StageAttemptId id = new StageAttemptId(stageJson.get("stageId").asInt(),
                        stageJson.get("attemptId").asInt());
                String name = "stage " + id;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    ApplicationSnapshot app = snapshot(c);
                    StageAttempt stage = app.stage(id).orElseThrow(
                            () -> new AssertionError(c.file() + ": no stage " + id + " in " + c.log()));
                    ValueChecker checker = new ValueChecker(c.file() + " " + name);
                    checkStage(checker, stageJson, app, stage);
                    checker.assertNoMismatch();
                }));
            }
        }
        return DynamicContainer.dynamicContainer(c.file() + " (" + c.log() + ")", tests);
    }

    private static ApplicationSnapshot snapshot(Case c) {
        return SparkTestResources.load(SparkTestResources.sparkEvents().resolve(c.log())).snapshot();
    }

    private static JsonNode readJson(String file) {
        try {
            return JSON.readTree(SparkTestResources.expectation(file).toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    // ---------------------------------------------------------------- stage sets

    private static void checkStageSet(Case c, List<JsonNode> stages) {
        TreeSet<String> expected = new TreeSet<>();
        for (JsonNode stage : stages) {
            expected.add(stage.get("stageId").asInt() + "." + stage.get("attemptId").asInt());
        }
        TreeSet<String> ours = new TreeSet<>();
        for (StageAttempt stage : snapshot(c).stages()) {
            if (c.statusFilter().isEmpty() || c.statusFilter().get() == stage.status()) {
                ours.add(stage.id().toString());
            }
        }
        ValueChecker checker = new ValueChecker(c.file() + " stage attempts");
        checker.check("stage attempts", expected, ours);
        checker.assertNoMismatch();
    }

    // ---------------------------------------------------------------- one stage attempt

    private static void checkStage(ValueChecker checker, JsonNode json, ApplicationSnapshot app, StageAttempt stage) {
        checker.check("status", json.get("status").asText(), stage.status().name());
        checker.check("name", json.get("name").asText(), stage.name());
        checkLong(checker, json, "numTasks", stage.numTasks());
        checkLong(checker, json, "numActiveTasks", stage.runningTasks());
        checkLong(checker, json, "numCompleteTasks", stage.numCompleteTasks());
        checkLong(checker, json, "numFailedTasks", stage.numFailedTasks());
        checkLong(checker, json, "numKilledTasks", stage.numKilledTasks());
        checkLong(checker, json, "numCompletedIndices", stage.numCompletedIndices());
        if (json.has("resourceProfileId")) {
            checker.check("resourceProfileId", json.get("resourceProfileId").asLong(),
                    (long) stage.resourceProfileId().orElse(0));
        }
        for (TaskMetric metric : TaskMetric.stageTotals()) {
            String field = metric.restName().orElseThrow();
            if (json.has(field)) {
                checker.check(field, json.get(field).asLong(), restTotal(app, metric, stage.total(metric)));
            }
        }
        checkTime(checker, json, "submissionTime", stage.submissionTime());
        checkTime(checker, json, "firstTaskLaunchedTime", stage.firstTaskLaunchedTime());
        checkTime(checker, json, "completionTime", stage.completionTime());
        checker.check("failureReason", json.has("failureReason") ? json.get("failureReason").asText() : null,
                stage.failureReason().orElse(null));
        boolean stageHadTaskEnds = stage.numCompleteTasks() + stage.numFailedTasks() + stage.numKilledTasks() > 0;
        checkPeaks(checker, "peakExecutorMetrics", json.get("peakExecutorMetrics"), stage.peakExecutorMetrics(),
                preSpark3(app) && stageHadTaskEnds);
        if (json.has("executorSummary")) {
            checkExecutorSummaries(checker, json.get("executorSummary"), app, stage);
        }
        if (json.has("executorMetricsDistributions")) {
            checkExecutorDistributions(checker, json.get("executorMetricsDistributions"), stage);
        }
        if (json.has("taskMetricsDistributions")) {
            checkDistributions(checker, "taskMetricsDistributions.", json.get("taskMetricsDistributions"), app, stage);
        }
    }

    private static void checkExecutorSummaries(ValueChecker checker, JsonNode json, ApplicationSnapshot app,
            StageAttempt stage) {
        Map<String, StageExecutorSummary> ours = new TreeMap<>();
        for (StageExecutorSummary summary : stage.executorSummaries()) {
            ours.put(summary.executorId(), summary);
        }
        TreeSet<String> expectedIds = new TreeSet<>();
        json.fieldNames().forEachRemaining(expectedIds::add);
        checker.check("executorSummary executors", expectedIds, new TreeSet<>(ours.keySet()));
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            StageExecutorSummary summary = ours.get(entry.getKey());
            if (summary == null) {
                continue;
            }
            String prefix = "executorSummary[" + entry.getKey() + "].";
            JsonNode e = entry.getValue();
            checkLong(checker, e, prefix, "taskTime", summary.taskTimeMillis());
            checkLong(checker, e, prefix, "succeededTasks", summary.succeededTasks());
            checkLong(checker, e, prefix, "failedTasks", summary.failedTasks());
            checkLong(checker, e, prefix, "killedTasks", summary.killedTasks());
            checkLong(checker, e, prefix, "inputBytes", summary.metrics().get(TaskMetric.INPUT_BYTES));
            checkLong(checker, e, prefix, "inputRecords", summary.metrics().get(TaskMetric.INPUT_RECORDS));
            checkLong(checker, e, prefix, "outputBytes", summary.metrics().get(TaskMetric.OUTPUT_BYTES));
            checkLong(checker, e, prefix, "outputRecords", summary.metrics().get(TaskMetric.OUTPUT_RECORDS));
            checkLong(checker, e, prefix, "shuffleRead", summary.metrics().get(TaskMetric.SHUFFLE_READ_BYTES));
            checkLong(checker, e, prefix, "shuffleReadRecords", summary.metrics().get(TaskMetric.SHUFFLE_READ_RECORDS));
            checkLong(checker, e, prefix, "shuffleWrite", summary.metrics().get(TaskMetric.SHUFFLE_WRITE_BYTES));
            checkLong(checker, e, prefix, "shuffleWriteRecords",
                    summary.metrics().get(TaskMetric.SHUFFLE_WRITE_RECORDS));
            checkLong(checker, e, prefix, "memoryBytesSpilled", summary.metrics().get(TaskMetric.MEMORY_BYTES_SPILLED));
            checkLong(checker, e, prefix, "diskBytesSpilled", summary.metrics().get(TaskMetric.DISK_BYTES_SPILLED));
            boolean hadTaskEnds = summary.succeededTasks() + summary.failedTasks() + summary.killedTasks() > 0;
            checkPeaks(checker, prefix + "peakMemoryMetrics", e.get("peakMemoryMetrics"), summary.peakMemoryMetrics(),
                    preSpark3(app) && hadTaskEnds);
        }
    }

    /**
     * Spark's peak metrics are "set" once {@code JVMHeapMemory} is 0 or more ({@code ExecutorMetrics.isSet}); REST
     * then shows every metric, unmeasured ones as 0.
     *
     * <p>SHS quirk not copied into the model: a task end written before Spark 3.0 has no {@code Task Executor
     * Metrics}, and Spark's reader fills in 0 for every metric, which counts as "set"; so REST shows all-zero peaks
     * for every stage and executor that ended a task in an old log. sparkdoc keeps them absent (never measured),
     * because a measured-looking 0 heap peak would mislead every memory diagnosis. {@code zeroFilledByShs} says the
     * SHS would show those zeros here.
     */
    private static void checkPeaks(ValueChecker checker, String field, JsonNode expected, ExecutorMetrics ours,
            boolean zeroFilledByShs) {
        boolean oursSet = ours.get(ExecutorMetric.JVM_HEAP_MEMORY).isPresent() || zeroFilledByShs;
        checker.check(field + " present", expected != null, oursSet);
        if (expected == null || !oursSet) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            Optional<ExecutorMetric> metric = ExecutorMetric.fromJsonName(entry.getKey());
            checker.check(field + "." + entry.getKey(), entry.getValue().asLong(),
                    metric.isPresent() ? ours.get(metric.get()).orElse(0) : "<unknown metric>");
        }
    }

    // ---------------------------------------------------------------- quantiles

    private static void checkDistributions(ValueChecker checker, String prefix, JsonNode json, ApplicationSnapshot app,
            StageAttempt stage) {
        double[] quantiles = DEFAULT_QUANTILES;
        if (json.has("quantiles")) {
            JsonNode q = json.get("quantiles");
            quantiles = new double[q.size()];
            for (int i = 0; i < q.size(); i++) {
                quantiles[i] = q.get(i).asDouble();
            }
        }
        int count = stage.successfulTasks().size();
        for (TaskMetric metric : TaskMetric.values()) {
            if (metric.distributionPath().isEmpty()) {
                continue;
            }
            String path = metric.distributionPath().get();
            JsonNode expected = at(json, path);
            if (expected == null) {
                continue;
            }
            double[] ours;
            if (metric == TaskMetric.DURATION) {
                if (stage.runningTasks() > 0) {
                    // The SHS duration of a still-running task depends on the wall clock: not comparable.
                    continue;
                }
                // SHS quirk: all ended tasks' durations, indexed with the count of successful tasks.
                ours = Quantiles.of(stage.endedTaskDurations().orElseThrow().sorted(), count, quantiles);
            } else {
                ours = Quantiles.of(stage.successfulTasks().sorted(metric), count, quantiles);
                if (metric == TaskMetric.PEAK_EXECUTION_MEMORY && preSpark3(app)) {
                    java.util.Arrays.fill(ours, 0);
                }
            }
            for (int i = 0; i < quantiles.length; i++) {
                checker.checkDouble(prefix + path + "[q=" + quantiles[i] + "]", expected.get(i).asDouble(), ours[i]);
            }
        }
    }

    /**
     * SHS {@code executorMetricsDistributions}: quantiles over the stage's executor summaries, indexed
     * {@code min(floor(q * n), n - 1)}; peak metrics only over executors whose peaks are set.
     */
    private static void checkExecutorDistributions(ValueChecker checker, JsonNode json, StageAttempt stage) {
        double[] quantiles = doubles(json.get("quantiles"));
        List<StageExecutorSummary> summaries = stage.executorSummaries();
        Map<String, java.util.function.ToLongFunction<StageExecutorSummary>> fields = new TreeMap<>();
        fields.put("taskTime", StageExecutorSummary::taskTimeMillis);
        fields.put("failedTasks", StageExecutorSummary::failedTasks);
        fields.put("succeededTasks", StageExecutorSummary::succeededTasks);
        fields.put("killedTasks", StageExecutorSummary::killedTasks);
        fields.put("inputBytes", e -> e.metrics().get(TaskMetric.INPUT_BYTES));
        fields.put("inputRecords", e -> e.metrics().get(TaskMetric.INPUT_RECORDS));
        fields.put("outputBytes", e -> e.metrics().get(TaskMetric.OUTPUT_BYTES));
        fields.put("outputRecords", e -> e.metrics().get(TaskMetric.OUTPUT_RECORDS));
        fields.put("shuffleRead", e -> e.metrics().get(TaskMetric.SHUFFLE_READ_BYTES));
        fields.put("shuffleReadRecords", e -> e.metrics().get(TaskMetric.SHUFFLE_READ_RECORDS));
        fields.put("shuffleWrite", e -> e.metrics().get(TaskMetric.SHUFFLE_WRITE_BYTES));
        fields.put("shuffleWriteRecords", e -> e.metrics().get(TaskMetric.SHUFFLE_WRITE_RECORDS));
        fields.put("memoryBytesSpilled", e -> e.metrics().get(TaskMetric.MEMORY_BYTES_SPILLED));
        fields.put("diskBytesSpilled", e -> e.metrics().get(TaskMetric.DISK_BYTES_SPILLED));
        for (Map.Entry<String, java.util.function.ToLongFunction<StageExecutorSummary>> field : fields.entrySet()) {
            long[] values = summaries.stream().mapToLong(field.getValue()).sorted().toArray();
            compareQuantiles(checker, "executorMetricsDistributions." + field.getKey(), json.get(field.getKey()),
                    Quantiles.of(values, values.length, quantiles), quantiles);
        }
        JsonNode peaks = json.get("peakMemoryMetrics");
        if (peaks != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = peaks.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                Optional<ExecutorMetric> metric = ExecutorMetric.fromJsonName(entry.getKey());
                String field = "executorMetricsDistributions.peakMemoryMetrics." + entry.getKey();
                if (metric.isEmpty()) {
                    checker.check(field, entry.getKey(), "<unknown metric>");
                    continue;
                }
                long[] values = summaries.stream().map(StageExecutorSummary::peakMemoryMetrics)
                        .filter(p -> p.get(ExecutorMetric.JVM_HEAP_MEMORY).isPresent())
                        .mapToLong(p -> p.get(metric.get()).orElse(0)).sorted().toArray();
                compareQuantiles(checker, field, entry.getValue(), Quantiles.of(values, values.length, quantiles),
                        quantiles);
            }
        }
    }

    /** SHS reports 0 for every quantile of an empty set ({@code AppStatusUtils.getQuantilesValue}). */
    private static void compareQuantiles(ValueChecker checker, String field, JsonNode expected, double[] ours,
            double[] quantiles) {
        for (int i = 0; i < quantiles.length; i++) {
            double value = Double.isNaN(ours[i]) ? 0 : ours[i];
            checker.checkDouble(field + "[q=" + quantiles[i] + "]", expected.get(i).asDouble(), value);
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static JsonNode at(JsonNode json, String dottedPath) {
        JsonNode node = json;
        for (String part : dottedPath.split("\\.")) {
            if (node == null) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    // ---------------------------------------------------------------- helpers

    /** Stage totals as REST shows them; before Spark 3.0 the SHS has no per-task peak execution memory. */
    private static long restTotal(ApplicationSnapshot app, TaskMetric metric, long ours) {
        return metric == TaskMetric.PEAK_EXECUTION_MEMORY && preSpark3(app) ? 0 : ours;
    }

    private static boolean preSpark3(ApplicationSnapshot app) {
        Optional<String> version = app.application().sparkVersion();
        if (version.isEmpty()) {
            return true;
        }
        String major = version.get().split("\\.")[0];
        try {
            return Integer.parseInt(major) < 3;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void checkLong(ValueChecker checker, JsonNode json, String field, long ours) {
        checkLong(checker, json, "", field, ours);
    }

    private static void checkLong(ValueChecker checker, JsonNode json, String prefix, String field, long ours) {
        JsonNode value = json.get(field);
        if (value != null) {
            checker.check(prefix + field, value.asLong(), ours);
        }
    }

    private static void checkTime(ValueChecker checker, JsonNode json, String field, OptionalLong ours) {
        Long expected = json.has(field) ? restTime(json.get(field).asText()) : null;
        checker.check(field, expected, ours.isPresent() ? ours.getAsLong() : null);
    }

    /** REST times look like {@code 2015-02-03T16:43:08.731GMT}. */
    static long restTime(String text) {
        return LocalDateTime.parse(text, REST_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @TestFactory
    Stream<DynamicTest> restTimesParse() {
        return Stream.of(DynamicTest.dynamicTest("2015-02-03T16:43:08.731GMT",
                () -> assertTrue(restTime("2015-02-03T16:43:08.731GMT") == 1422981788731L)));
    }
}
