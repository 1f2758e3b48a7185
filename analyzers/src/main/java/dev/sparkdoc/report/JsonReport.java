package dev.sparkdoc.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sparkdoc.diagnosis.analyzer.TaskAttemptCounts;
import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.SkippedFile;
import dev.sparkdoc.event.ExecutorMetric;
import dev.sparkdoc.event.ExecutorMetrics;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.ReadSummary;
import dev.sparkdoc.snapshot.ApplicationInfo;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.ExecutorSummary;
import dev.sparkdoc.snapshot.FetchFailure;
import dev.sparkdoc.snapshot.Job;
import dev.sparkdoc.snapshot.MetricTotals;
import dev.sparkdoc.snapshot.SqlExecution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageExecutorSummary;
import dev.sparkdoc.snapshot.TaskFailureGroup;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.TaskTable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The versioned JSON document ({@value #SCHEMA}); docs/json-format.md describes every field. Stage fields carry the
 * names and meanings of Spark's REST API ({@code StageData}), so numbers can be compared with the History Server.
 * Times are epoch milliseconds; CPU and shuffle-write times are nanoseconds, as in Spark.
 */
public final class JsonReport {

    public static final String SCHEMA = "sparkdoc.analysis/v3";
    /**
     * Executors per stage attempt written in full in {@code executorSummary} by default, one from each ranking of
     * {@link #keptExecutors} when each has one; the others are summed up in {@code executorSummaryRest}. Without a
     * bound the document grows with stages x executors (159 MB at 2,000 stages of 50 executors, 92% of it these
     * summaries); with 3, and deep objects on one line ({@link #prettyPrinter}), it is about 18 MB.
     */
    public static final int DEFAULT_EXECUTOR_DETAIL = 3;
    /** {@code executorDetail} for every executor of every stage in full. */
    public static final int ALL_EXECUTORS = Integer.MAX_VALUE;
    static final double[] QUANTILES = {0.0, 0.25, 0.5, 0.75, 1.0};

    private JsonReport() {
    }

    public static void render(List<DiagnosedLog> logs, String sparkdocVersion, Writer out) throws IOException {
        render(logs, List.of(), sparkdocVersion, out);
    }

    /** The document, with the files of the directories read that were skipped as no event log. */
    public static void render(List<DiagnosedLog> logs, List<SkippedFile> skipped, String sparkdocVersion, Writer out)
            throws IOException {
        render(logs, skipped, DEFAULT_EXECUTOR_DETAIL, sparkdocVersion, out);
    }

    /**
     * The document, with at most {@code executorDetail} executors per stage attempt in full ({@link #ALL_EXECUTORS}:
     * all); see {@link #keptExecutors}.
     */
    public static void render(List<DiagnosedLog> logs, List<SkippedFile> skipped, int executorDetail,
            String sparkdocVersion, Writer out) throws IOException {
        if (executorDetail < 1) {
            throw new IllegalArgumentException("executorDetail " + executorDetail + " < 1");
        }
        JsonFactory factory = new JsonFactory();
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.setPrettyPrinter(prettyPrinter());
            json.writeStartObject();
            json.writeStringField("schema", SCHEMA);
            json.writeStringField("sparkdocVersion", sparkdocVersion);
            json.writeArrayFieldStart("applications");
            for (DiagnosedLog log : logs) {
                application(json, log, executorDetail);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("skipped");
            for (SkippedFile file : skipped) {
                json.writeStartObject();
                json.writeStringField("path", file.path());
                json.writeStringField("reason", file.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    /**
     * Objects nested up to {@value #LINE_LEVELS} deep (the document, an application, a stage, finding, job or
     * executor) have one field per line; deeper ones (a stage's executorSummary, taskMetricsDistributions and peak
     * metrics, a finding's scope and evidence) are written on one line. The fields and separators are the same; the
     * indentation of thousands of small objects was most of the document's size.
     */
    private static com.fasterxml.jackson.core.util.DefaultPrettyPrinter prettyPrinter() {
        return new ShallowPrinter();
    }

    /** Jackson's pretty printer, with objects deeper than {@link #LINE_LEVELS} on one line. */
    private static final class ShallowPrinter extends com.fasterxml.jackson.core.util.DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        ShallowPrinter() {
            com.fasterxml.jackson.core.util.DefaultIndenter lines =
                    com.fasterxml.jackson.core.util.DefaultIndenter.SYSTEM_LINEFEED_INSTANCE;
            _objectIndenter = new Indenter() {
                @Override
                public void writeIndentation(JsonGenerator json, int level) throws IOException {
                    if (level <= LINE_LEVELS) {
                        lines.writeIndentation(json, level);
                    } else {
                        json.writeRaw(' ');
                    }
                }

                @Override
                public boolean isInline() {
                    return false;
                }
            };
        }

        @Override
        public void writeEndObject(JsonGenerator json, int entries) throws IOException {
            if (_nesting > LINE_LEVELS) {
                // An object on one line closes on it too.
                --_nesting;
                json.writeRaw(" }");
            } else {
                super.writeEndObject(json, entries);
            }
        }

        @Override
        public ShallowPrinter createInstance() {
            return new ShallowPrinter();
        }
    }

    /** How deep objects have one field per line ({@link #prettyPrinter}). */
    private static final int LINE_LEVELS = 3;

    private static void application(JsonGenerator json, DiagnosedLog diagnosed, int executorDetail)
            throws IOException {
        AnalyzedLog log = diagnosed.log();
        ApplicationSnapshot app = log.application();
        json.writeStartObject();
        source(json, log.source(), log.read());
        info(json, app.application());
        taskAttempts(json, TaskAttemptCounts.of(app));
        FindingsJson.write(json, diagnosed.diagnosis());
        stringMap(json, "sparkProperties", app.sparkProperties());
        json.writeObjectFieldStart("resourceProfiles");
        for (Map.Entry<Integer, Map<String, Long>> profile : app.resourceProfiles().entrySet()) {
            json.writeObjectFieldStart(String.valueOf(profile.getKey()));
            for (Map.Entry<String, Long> resource : new java.util.TreeMap<>(profile.getValue()).entrySet()) {
                json.writeNumberField(resource.getKey(), resource.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeArrayFieldStart("executors");
        for (ExecutorSummary executor : app.executors()) {
            executor(json, executor);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("jobs");
        for (Job job : app.jobs()) {
            job(json, job);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("stages");
        for (StageAttempt stage : app.stages()) {
            stage(json, stage, app.origin(stage), executorDetail);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("sqlExecutions");
        for (SqlExecution sql : app.sqlExecutions()) {
            sql(json, sql);
        }
        json.writeEndArray();
        json.writeNumberField("fetchFailureCount", app.fetchFailureCount());
        json.writeArrayFieldStart("fetchFailures");
        for (FetchFailure failure : app.fetchFailures()) {
            fetchFailure(json, failure);
        }
        json.writeEndArray();
        executorMetrics(json, "driverPeakMetrics", app.driverPeakMetrics());
        json.writeEndObject();
    }

    private static void source(JsonGenerator json, EventLogSource source, ReadSummary read) throws IOException {
        json.writeObjectFieldStart("source");
        json.writeStringField("path", source.displayName());
        json.writeStringField("layout", source.layout().name().toLowerCase(Locale.ROOT));
        json.writeArrayFieldStart("parts");
        for (EventLogSource.Part part : source.parts()) {
            json.writeString(part.displayName());
        }
        json.writeEndArray();
        json.writeNumberField("rawBytes", read.rawBytes());
        json.writeNumberField("uncompressedBytes", read.uncompressedBytes());
        json.writeNumberField("lines", read.lines());
        json.writeNumberField("events", read.events());
        json.writeObjectFieldStart("skippedEvents");
        for (Map.Entry<String, Long> skipped : new java.util.TreeMap<>(read.skippedEvents()).entrySet()) {
            json.writeNumberField(skipped.getKey(), skipped.getValue());
        }
        json.writeEndObject();
        json.writeNumberField("malformedLineCount", read.malformedLineCount());
        json.writeArrayFieldStart("malformedLines");
        for (ReadSummary.LineProblem problem : read.malformedLines()) {
            json.writeStartObject();
            json.writeStringField("file", problem.part());
            json.writeNumberField("line", problem.lineNumber());
            json.writeStringField("problem", problem.problem());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeBooleanField("truncatedLastLine", read.truncatedLastLine());
        optionalString(json, "streamError", read.streamError());
        json.writeArrayFieldStart("warnings");
        for (String warning : read.warnings()) {
            json.writeString(warning);
        }
        json.writeEndArray();
        json.writeBooleanField("compacted", source.compacted());
        json.writeEndObject();
    }

    /** The counts the text header and the task-failures finding state, in the same words. */
    private static void taskAttempts(JsonGenerator json, TaskAttemptCounts counts) throws IOException {
        json.writeObjectFieldStart("taskAttempts");
        json.writeNumberField("attempts", counts.attempts());
        json.writeNumberField("failed", counts.failed());
        json.writeNumberField("taskErrors", counts.taskErrors());
        json.writeNumberField("fetchFailed", counts.fetchFailed());
        json.writeNumberField("resubmitted", counts.resubmitted());
        json.writeNumberField("killed", counts.killed());
        json.writeObjectFieldStart("taskErrorsByCause");
        for (Map.Entry<dev.sparkdoc.diagnosis.analyzer.FailureCauses, Long> cause
                : counts.taskErrorsByCause().entrySet()) {
            json.writeNumberField(cause.getKey().name().toLowerCase(java.util.Locale.ROOT), cause.getValue());
        }
        json.writeEndObject();
        json.writeStringField("summary", counts.describe());
        json.writeEndObject();
    }

    private static void info(JsonGenerator json, ApplicationInfo info) throws IOException {
        json.writeObjectFieldStart("application");
        json.writeStringField("name", info.name());
        optionalString(json, "id", info.id());
        optionalString(json, "attemptId", info.attemptId());
        optionalString(json, "sparkVersion", info.sparkVersion());
        json.writeStringField("user", info.user());
        optionalLong(json, "startTime", info.startTime());
        optionalLong(json, "endTime", info.endTime());
        optionalLong(json, "duration", info.durationMillis());
        optionalInt(json, "exitCode", info.exitCode());
        json.writeBooleanField("complete", info.complete());
        json.writeArrayFieldStart("incompleteReasons");
        for (String reason : info.incompleteReasons()) {
            json.writeString(reason);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void executor(JsonGenerator json, ExecutorSummary executor) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", executor.id());
        json.writeStringField("host", executor.host());
        json.writeBooleanField("isDriver", executor.isDriver());
        json.writeNumberField("totalCores", executor.totalCores());
        optionalInt(json, "resourceProfileId", executor.resourceProfileId());
        optionalLong(json, "addTime", executor.addTime());
        optionalLong(json, "removeTime", executor.removeTime());
        optionalString(json, "removeReason", executor.removeReason());
        optionalLong(json, "maxMemory", executor.maxMemoryBytes());
        json.writeNumberField("totalDuration", executor.totalDurationMillis());
        json.writeNumberField("totalGCTime", executor.totalGcTimeMillis());
        json.writeNumberField("totalInputBytes", executor.totalInputBytes());
        json.writeNumberField("totalShuffleRead", executor.totalShuffleReadBytes());
        json.writeNumberField("totalShuffleWrite", executor.totalShuffleWriteBytes());
        json.writeNumberField("memoryBytesSpilled", executor.memoryBytesSpilled());
        json.writeNumberField("diskBytesSpilled", executor.diskBytesSpilled());
        json.writeNumberField("completedTasks", executor.completedTasks());
        json.writeNumberField("failedTasks", executor.failedTasks());
        json.writeNumberField("killedTasks", executor.killedTasks());
        executorMetrics(json, "peakMemoryMetrics", executor.peakMetrics());
        json.writeEndObject();
    }

    private static void job(JsonGenerator json, Job job) throws IOException {
        json.writeStartObject();
        json.writeNumberField("jobId", job.id());
        json.writeStringField("status", job.status().name());
        optionalLong(json, "submissionTime", job.submissionTime());
        optionalLong(json, "completionTime", job.completionTime());
        optionalLong(json, "duration", job.durationMillis());
        intArray(json, "stageIds", job.stageIds());
        optionalString(json, "description", job.description());
        optionalString(json, "jobGroup", job.jobGroup());
        optionalLong(json, "sqlExecutionId", job.sqlExecutionId());
        optionalString(json, "failureMessage", job.failureMessage());
        json.writeEndObject();
    }

    private static void stage(JsonGenerator json, StageAttempt stage, dev.sparkdoc.snapshot.StageOrigin origin,
            int executorDetail) throws IOException {
        json.writeStartObject();
        json.writeNumberField("stageId", stage.id().stageId());
        json.writeNumberField("attemptId", stage.id().attemptId());
        json.writeStringField("name", stage.name());
        json.writeStringField("origin", origin.kind().label());
        json.writeStringField("originReason", origin.reason());
        json.writeStringField("status", stage.status().name());
        json.writeNumberField("numTasks", stage.numTasks());
        json.writeNumberField("numActiveTasks", stage.runningTasks());
        json.writeNumberField("numCompleteTasks", stage.numCompleteTasks());
        json.writeNumberField("numFailedTasks", stage.numFailedTasks());
        json.writeNumberField("numKilledTasks", stage.numKilledTasks());
        json.writeNumberField("numCompletedIndices", stage.numCompletedIndices());
        optionalLong(json, "submissionTime", stage.submissionTime());
        optionalLong(json, "firstTaskLaunchedTime", stage.firstTaskLaunchedTime());
        optionalLong(json, "completionTime", stage.completionTime());
        optionalLong(json, "duration", stage.durationMillis());
        optionalString(json, "failureReason", stage.failureReason());
        intArray(json, "jobIds", stage.jobIds());
        intArray(json, "parentStageIds", stage.parentStageIds());
        optionalLong(json, "sqlExecutionId", stage.sqlExecutionId());
        optionalInt(json, "resourceProfileId", stage.resourceProfileId());
        totals(json, stage.totals());
        distributions(json, stage.successfulTasks());
        json.writeArrayFieldStart("failures");
        for (TaskFailureGroup failure : stage.failures()) {
            json.writeStartObject();
            json.writeStringField("reason", failure.reason());
            json.writeStringField("detail", failure.detail());
            json.writeNumberField("count", failure.count());
            json.writeStringField("exampleMessage", failure.exampleMessage());
            json.writeArrayFieldStart("executors");
            for (String executor : failure.executors()) {
                json.writeString(executor);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        List<StageExecutorSummary> all = stage.executorSummaries();
        List<StageExecutorSummary> kept = keptExecutors(all, executorDetail);
        json.writeNumberField("executorCount", all.size());
        json.writeObjectFieldStart("executorSummary");
        java.util.Set<String> keptIds = new java.util.HashSet<>();
        for (StageExecutorSummary summary : kept) {
            keptIds.add(summary.executorId());
        }
        List<StageExecutorSummary> rest = new ArrayList<>();
        for (StageExecutorSummary summary : all) {
            if (!keptIds.contains(summary.executorId())) {
                rest.add(summary);
                continue;
            }
            json.writeObjectFieldStart(summary.executorId());
            json.writeNumberField("taskTime", summary.taskTimeMillis());
            json.writeNumberField("succeededTasks", summary.succeededTasks());
            json.writeNumberField("failedTasks", summary.failedTasks());
            json.writeNumberField("killedTasks", summary.killedTasks());
            MetricTotals metrics = summary.metrics();
            json.writeNumberField("inputBytes", metrics.get(TaskMetric.INPUT_BYTES));
            json.writeNumberField("inputRecords", metrics.get(TaskMetric.INPUT_RECORDS));
            json.writeNumberField("outputBytes", metrics.get(TaskMetric.OUTPUT_BYTES));
            json.writeNumberField("outputRecords", metrics.get(TaskMetric.OUTPUT_RECORDS));
            json.writeNumberField("shuffleRead", metrics.get(TaskMetric.SHUFFLE_READ_BYTES));
            json.writeNumberField("shuffleReadRecords", metrics.get(TaskMetric.SHUFFLE_READ_RECORDS));
            json.writeNumberField("shuffleWrite", metrics.get(TaskMetric.SHUFFLE_WRITE_BYTES));
            json.writeNumberField("shuffleWriteRecords", metrics.get(TaskMetric.SHUFFLE_WRITE_RECORDS));
            json.writeNumberField("memoryBytesSpilled", metrics.get(TaskMetric.MEMORY_BYTES_SPILLED));
            json.writeNumberField("diskBytesSpilled", metrics.get(TaskMetric.DISK_BYTES_SPILLED));
            executorMetrics(json, "peakMemoryMetrics", summary.peakMemoryMetrics());
            json.writeEndObject();
        }
        json.writeEndObject();
        if (!rest.isEmpty()) {
            executorRest(json, rest);
        }
        executorMetrics(json, "peakExecutorMetrics", stage.peakExecutorMetrics());
        json.writeEndObject();
    }

    /** The metrics of executorSummary that executorSummaryRest adds up, by their JSON names. */
    private static final Map<String, TaskMetric> REST_TOTALS = new java.util.LinkedHashMap<>();

    static {
        REST_TOTALS.put("inputBytes", TaskMetric.INPUT_BYTES);
        REST_TOTALS.put("inputRecords", TaskMetric.INPUT_RECORDS);
        REST_TOTALS.put("outputBytes", TaskMetric.OUTPUT_BYTES);
        REST_TOTALS.put("outputRecords", TaskMetric.OUTPUT_RECORDS);
        REST_TOTALS.put("shuffleRead", TaskMetric.SHUFFLE_READ_BYTES);
        REST_TOTALS.put("shuffleReadRecords", TaskMetric.SHUFFLE_READ_RECORDS);
        REST_TOTALS.put("shuffleWrite", TaskMetric.SHUFFLE_WRITE_BYTES);
        REST_TOTALS.put("shuffleWriteRecords", TaskMetric.SHUFFLE_WRITE_RECORDS);
        REST_TOTALS.put("memoryBytesSpilled", TaskMetric.MEMORY_BYTES_SPILLED);
        REST_TOTALS.put("diskBytesSpilled", TaskMetric.DISK_BYTES_SPILLED);
    }

    /**
     * The executors of a stage attempt written in full, at most {@code limit}: those that matter most, taken in turn
     * from three rankings (most failed and killed tasks, most task time, most bytes spilled) until {@code limit} are
     * kept, skipping executors already kept and, in the failure and spill rankings, executors with none. In the
     * stage's executor order. All of them when there are no more than {@code limit}.
     */
    public static List<StageExecutorSummary> keptExecutors(List<StageExecutorSummary> all, int limit) {
        if (all.size() <= limit) {
            return all;
        }
        java.util.Comparator<StageExecutorSummary> byId = java.util.Comparator.comparing(
                StageExecutorSummary::executorId);
        List<StageExecutorSummary> failed = all.stream().filter(e -> e.failedTasks() + e.killedTasks() > 0)
                .sorted(java.util.Comparator.comparingInt((StageExecutorSummary e) -> e.failedTasks()
                        + e.killedTasks()).reversed().thenComparing(byId)).toList();
        List<StageExecutorSummary> slowest = all.stream()
                .sorted(java.util.Comparator.comparingLong(StageExecutorSummary::taskTimeMillis).reversed()
                        .thenComparing(byId)).toList();
        List<StageExecutorSummary> spilled = all.stream().filter(e -> spilled(e) > 0)
                .sorted(java.util.Comparator.comparingLong(JsonReport::spilled).reversed().thenComparing(byId))
                .toList();
        List<List<StageExecutorSummary>> rankings = List.of(failed, slowest, spilled);
        int[] next = new int[rankings.size()];
        java.util.Set<String> kept = new java.util.HashSet<>();
        while (kept.size() < limit) {
            for (int r = 0; r < rankings.size() && kept.size() < limit; r++) {
                List<StageExecutorSummary> ranking = rankings.get(r);
                while (next[r] < ranking.size() && !kept.add(ranking.get(next[r]).executorId())) {
                    next[r]++;
                }
            }
        }
        return all.stream().filter(e -> kept.contains(e.executorId())).toList();
    }

    private static long spilled(StageExecutorSummary summary) {
        return summary.metrics().get(TaskMetric.MEMORY_BYTES_SPILLED)
                + summary.metrics().get(TaskMetric.DISK_BYTES_SPILLED);
    }

    /** The executors not written in full: how many, their totals, their task time's quantiles ({@link #QUANTILES}). */
    private static void executorRest(JsonGenerator json, List<StageExecutorSummary> rest) throws IOException {
        json.writeObjectFieldStart("executorSummaryRest");
        json.writeNumberField("executors", rest.size());
        long[] taskTimes = rest.stream().mapToLong(StageExecutorSummary::taskTimeMillis).sorted().toArray();
        json.writeNumberField("taskTime", java.util.Arrays.stream(taskTimes).sum());
        json.writeNumberField("succeededTasks", rest.stream().mapToLong(StageExecutorSummary::succeededTasks).sum());
        json.writeNumberField("failedTasks", rest.stream().mapToLong(StageExecutorSummary::failedTasks).sum());
        json.writeNumberField("killedTasks", rest.stream().mapToLong(StageExecutorSummary::killedTasks).sum());
        for (Map.Entry<String, TaskMetric> total : REST_TOTALS.entrySet()) {
            json.writeNumberField(total.getKey(),
                    rest.stream().mapToLong(e -> e.metrics().get(total.getValue())).sum());
        }
        json.writeArrayFieldStart("taskTimeQuantiles");
        for (double quantile : QUANTILES) {
            // Picked as the History Server picks task quantiles: index min(floor(q * n), n - 1).
            int index = (int) Math.min((long) Math.floor(quantile * taskTimes.length), taskTimes.length - 1);
            json.writeNumber(taskTimes[index]);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void totals(JsonGenerator json, MetricTotals totals) throws IOException {
        for (TaskMetric metric : TaskMetric.stageTotals()) {
            json.writeNumberField(metric.restName().orElseThrow(), totals.get(metric));
        }
    }

    /** Quantiles over successful tasks, nested the way Spark's TaskMetricDistributions nests them. */
    private static void distributions(JsonGenerator json, TaskTable tasks) throws IOException {
        json.writeObjectFieldStart("taskMetricsDistributions");
        json.writeNumberField("count", tasks.size());
        if (tasks.isApproximate()) {
            // Only past a row limit (listener, or analyze --stage-task-rows): quantiles within 1%, see json-format.md.
            json.writeBooleanField("approximate", true);
        }
        json.writeArrayFieldStart("quantiles");
        for (double quantile : QUANTILES) {
            json.writeNumber(quantile);
        }
        json.writeEndArray();
        Map<String, Object> tree = new LinkedHashMap<>();
        for (TaskMetric metric : TaskMetric.values()) {
            Optional<String> path = metric.distributionPath();
            if (path.isEmpty()) {
                continue;
            }
            String[] keys = path.get().split("\\.");
            Map<String, Object> node = tree;
            for (int i = 0; i < keys.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(keys[i],
                        key -> new LinkedHashMap<String, Object>());
                node = child;
            }
            node.put(keys[keys.length - 1], metric);
        }
        writeTree(json, tree, tasks);
        json.writeEndObject();
    }

    private static void writeTree(JsonGenerator json, Map<String, Object> tree, TaskTable tasks) throws IOException {
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            if (entry.getValue() instanceof TaskMetric metric) {
                json.writeArrayFieldStart(entry.getKey());
                if (!tasks.isEmpty()) {
                    // QUANTILES are 0, 0.25, 0.5, 0.75 and 1, picked the History Server's way, as Distribution's are.
                    Distribution d = tasks.distribution(metric);
                    for (long value : new long[] {d.min(), d.p25(), d.median(), d.p75(), d.max()}) {
                        json.writeNumber(value);
                    }
                }
                json.writeEndArray();
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) entry.getValue();
                json.writeObjectFieldStart(entry.getKey());
                writeTree(json, child, tasks);
                json.writeEndObject();
            }
        }
    }

    private static void sql(JsonGenerator json, SqlExecution sql) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", sql.id());
        optionalLong(json, "rootExecutionId", sql.rootExecutionId());
        json.writeStringField("description", sql.description());
        optionalLong(json, "startTime", sql.startTime());
        optionalLong(json, "endTime", sql.endTime());
        optionalLong(json, "duration", sql.durationMillis());
        optionalString(json, "errorMessage", sql.errorMessage());
        intArray(json, "jobIds", sql.jobIds());
        json.writeNumberField("adaptivePlanUpdates", sql.adaptivePlanUpdates());
        json.writeArrayFieldStart("joins");
        for (SqlExecution.Join join : sql.joins()) {
            json.writeStartObject();
            json.writeStringField("strategy", join.strategy());
            json.writeStringField("node", join.node());
            json.writeEndObject();
        }
        json.writeEndArray();
        stringMap(json, "modifiedConfigs", sql.modifiedConfigs());
        json.writeStringField("physicalPlan", sql.physicalPlan());
        json.writeEndObject();
    }

    private static void fetchFailure(JsonGenerator json, FetchFailure failure) throws IOException {
        json.writeStartObject();
        json.writeNumberField("stageId", failure.stage().stageId());
        json.writeNumberField("attemptId", failure.stage().attemptId());
        json.writeNumberField("taskId", failure.taskId());
        json.writeStringField("executorId", failure.executorId());
        json.writeNumberField("time", failure.time());
        if (failure.blockManager().isPresent()) {
            json.writeStringField("blockManagerExecutorId", failure.blockManager().get().executorId());
            json.writeStringField("blockManagerHost", failure.blockManager().get().host());
        }
        json.writeNumberField("shuffleId", failure.shuffleId());
        json.writeNumberField("mapId", failure.mapId());
        optionalInt(json, "mapIndex", failure.mapIndex());
        json.writeNumberField("reduceId", failure.reduceId());
        json.writeStringField("message", failure.message());
        json.writeEndObject();
    }

    private static void executorMetrics(JsonGenerator json, String field, ExecutorMetrics metrics) throws IOException {
        json.writeObjectFieldStart(field);
        for (ExecutorMetric metric : ExecutorMetric.values()) {
            OptionalLong value = metrics.get(metric);
            if (value.isPresent()) {
                json.writeNumberField(metric.jsonName(), value.getAsLong());
            }
        }
        json.writeEndObject();
    }

    private static void stringMap(JsonGenerator json, String field, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    private static void intArray(JsonGenerator json, String field, List<Integer> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (int value : new ArrayList<>(values)) {
            json.writeNumber(value);
        }
        json.writeEndArray();
    }

    private static void optionalString(JsonGenerator json, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(field, value.get());
        } else {
            json.writeNullField(field);
        }
    }

    private static void optionalLong(JsonGenerator json, String field, OptionalLong value) throws IOException {
        if (value.isPresent()) {
            json.writeNumberField(field, value.getAsLong());
        } else {
            json.writeNullField(field);
        }
    }

    private static void optionalInt(JsonGenerator json, String field, OptionalInt value) throws IOException {
        if (value.isPresent()) {
            json.writeNumberField(field, value.getAsInt());
        } else {
            json.writeNullField(field);
        }
    }
}
