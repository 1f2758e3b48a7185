package dev.sparkdoc.eventlog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.sparkdoc.event.BlockManagerId;
import dev.sparkdoc.event.ExecutorMetric;
import dev.sparkdoc.event.ExecutorMetrics;
import dev.sparkdoc.event.PlanNode;
import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.StageInfo;
import dev.sparkdoc.event.TaskEndReason;
import dev.sparkdoc.event.TaskInfo;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.event.TaskMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Turns one event-log line into a {@link SparkEvent}, with Jackson's streaming parser: no tree is built, and
 * the arrays and objects sparkdoc does not use (accumulables, about half of a log's bytes, stack traces, classpath
 * entries) are stepped over by bytes, checked but not tokenized ({@link LineJsonParser}, {@link RawJsonSkipper}).
 * One Jackson parser serves every line. An instance is for one thread at a time.
 *
 * <p>Every field but {@code Event} is optional, as fields come and go between Spark 1.x and 4.x.
 */
public final class EventLineParser {

    private static final String SQL = "org.apache.spark.sql.execution.ui.";
    private static final byte[] EVENT_PREFIX = "{\"Event\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, TaskMetric> TOP_LEVEL_METRICS = new HashMap<>();
    private static final TaskMetric[] TASK_METRICS = TaskMetric.values();
    private static final ExecutorMetric[] EXECUTOR_METRICS = ExecutorMetric.values();
    private static final Map<String, Map<String, TaskMetric>> GROUPED_METRICS = new HashMap<>();

    static {
        for (TaskMetric metric : TaskMetric.values()) {
            if (metric.source() != TaskMetric.Source.TASK_METRICS) {
                continue;
            }
            String field = metric.eventLogField().orElseThrow();
            if (metric.eventLogGroup().isEmpty()) {
                TOP_LEVEL_METRICS.put(field, metric);
            } else {
                GROUPED_METRICS.computeIfAbsent(metric.eventLogGroup().get(), group -> new HashMap<>()).put(field, metric);
            }
        }
        // Spark 3.4 to 4.0 readers used these names for the push-based shuffle block (SPARK-43100); accept both.
        GROUPED_METRICS.put("Shuffle Push Read Metrics", GROUPED_METRICS.get("Push Based Shuffle"));
        GROUPED_METRICS.get("Push Based Shuffle").put("Merged Fallback Count", TaskMetric.SHUFFLE_MERGED_FETCH_FALLBACK_COUNT);
    }

    /** The same names for {@link LineJsonParser#readNumbers}: codes are {@link TaskMetric} ordinals. */
    private static final LineJsonParser.NameTable TASK_METRIC_NAMES;
    /** Codes are {@link ExecutorMetric} ordinals. */
    private static final LineJsonParser.NameTable EXECUTOR_METRIC_NAMES;

    static {
        Map<String, LineJsonParser.NameTable> groups = new HashMap<>();
        GROUPED_METRICS.forEach((group, fields) ->
                groups.put(group, new LineJsonParser.NameTable(ordinals(fields), GROUPED_METRICS.keySet())));
        TASK_METRIC_NAMES = new LineJsonParser.NameTable(ordinals(TOP_LEVEL_METRICS), GROUPED_METRICS.keySet());
        TASK_METRIC_NAMES.link(groups);
        groups.values().forEach(table -> table.link(groups));
        Map<String, Integer> executorMetrics = new HashMap<>();
        for (ExecutorMetric metric : ExecutorMetric.values()) {
            ExecutorMetric.fromJsonName(metric.jsonName())
                    .ifPresent(found -> executorMetrics.put(metric.jsonName(), found.ordinal()));
        }
        EXECUTOR_METRIC_NAMES = new LineJsonParser.NameTable(executorMetrics, java.util.Set.of());
    }

    private static Map<String, Integer> ordinals(Map<String, ? extends Enum<?>> names) {
        Map<String, Integer> codes = new HashMap<>();
        names.forEach((name, value) -> codes.put(name, value.ordinal()));
        return codes;
    }

    /**
     * The deepest SQL plan tree kept. Real plans are a few dozen levels deep; a tree cut here keeps every walk over
     * plans (reports, rules) well within a thread's stack.
     */
    public static final int MAX_PLAN_DEPTH = 500;

    private final LineJsonParser.Factory factory;
    /** The parser every plain UTF-8 line reuses (null before the first); see {@link LineJsonParser}. */
    private LineJsonParser reused;
    private long truncatedPlans;
    private boolean planCut;

    /** Whether lines are read with {@link LineJsonParser}; false only for tests that compare with plain Jackson. */
    private final boolean byteLevel;

    public EventLineParser() {
        this(true);
    }

    /**
     * With {@code byteLevel} false, every line gets a new plain Jackson parser that tokenizes all of it (as before
     * {@link LineJsonParser}): the reference the byte-level reading is tested against.
     */
    EventLineParser(boolean byteLevel) {
        this.byteLevel = byteLevel;
        // A physical plan or a stack trace can be a very long string; Spark writes them whole.
        this.factory = new LineJsonParser.Factory(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE)
                .maxNestingDepth(10_000)
                .build());
    }

    /** The outcome of parsing one line. */
    public sealed interface Result {
        /** An event sparkdoc folds. */
        record Parsed(SparkEvent event) implements Result {
        }

        /** A well-formed event of a kind sparkdoc does not use. */
        record Skipped(String eventName) implements Result {
        }
    }

    /**
     * The event name of a line written by Spark, read from its first bytes without parsing, or null when the line
     * does not start the way Spark writes every event.
     */
    public static String peekEventName(byte[] line, int offset, int length) {
        if (length < EVENT_PREFIX.length + 1) {
            return null;
        }
        for (int i = 0; i < EVENT_PREFIX.length; i++) {
            if (line[offset + i] != EVENT_PREFIX[i]) {
                return null;
            }
        }
        int start = offset + EVENT_PREFIX.length;
        int end = offset + length;
        for (int i = start; i < end; i++) {
            byte b = line[i];
            if (b == '"') {
                return new String(line, start, i - start, StandardCharsets.US_ASCII);
            }
            if (b == '\\') {
                return null;
            }
        }
        return null;
    }

    /**
     * Parses a line. Throws {@link IOException} for a line that is not a JSON object with an {@code Event} field.
     */
    public Result parse(byte[] line, int offset, int length) throws IOException {
        String eventName = peekEventName(line, offset, length);
        JsonParser parser = open(line, offset, length);
        try {
            if (eventName == null) {
                eventName = findEventName(parser);
                if (parser != reused) {
                    parser.close();
                }
                parser = open(line, offset, length);
            }
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine("not a JSON object");
            }
            return parseEvent(eventName, parser);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // A value the event's records refuse (a negative stage id, ...): a bad line like any other.
            throw new BadLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            if (parser != reused) {
                parser.close();
            }
        }
    }

    /**
     * A parser at the start of the line: the reused one when the line is plain UTF-8 (the parser is never closed,
     * so that its buffers and field names serve the next line), else Jackson's own, which the caller closes.
     */
    private JsonParser open(byte[] line, int offset, int length) throws IOException {
        if (!byteLevel) {
            return factory.createParser(line, offset, length);
        }
        if (LineJsonParser.plainUtf8(line, offset, length)) {
            if (reused != null && reused.reset(line, offset, length)) {
                return reused;
            }
            if (reused != null) {
                reused.close();
            }
            reused = (LineJsonParser) factory.create(line, offset, length);
            return reused;
        }
        return factory.create(line, offset, length);
    }

    private String findEventName(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new BadLine("not a JSON object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("Event".equals(field) && value == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            LineJsonParser.skip(parser);
        }
        throw new BadLine("JSON object without an \"Event\" field");
    }

    private Result parseEvent(String name, JsonParser parser) throws IOException {
        SparkEvent event = switch (name) {
            case "SparkListenerLogStart" -> logStart(parser);
            case "DBCEventLoggingListenerMetadata" -> logStart(parser);
            case "SparkListenerApplicationStart" -> applicationStart(parser);
            case "SparkListenerApplicationEnd" -> applicationEnd(parser);
            case "SparkListenerEnvironmentUpdate" -> environmentUpdate(parser);
            case "SparkListenerResourceProfileAdded" -> resourceProfileAdded(parser);
            case "SparkListenerExecutorAdded" -> executorAdded(parser);
            case "SparkListenerExecutorRemoved" -> executorRemoved(parser);
            case "SparkListenerBlockManagerAdded" -> blockManagerAdded(parser);
            case "SparkListenerBlockManagerRemoved" -> blockManagerRemoved(parser);
            case "SparkListenerJobStart" -> jobStart(parser);
            case "SparkListenerJobEnd" -> jobEnd(parser);
            case "SparkListenerStageSubmitted" -> stageSubmitted(parser);
            case "SparkListenerStageCompleted" -> stageCompleted(parser);
            case "SparkListenerTaskStart" -> taskStart(parser);
            case "SparkListenerTaskEnd" -> taskEnd(parser);
            case "SparkListenerStageExecutorMetrics" -> stageExecutorMetrics(parser);
            case "SparkListenerExecutorMetricsUpdate" -> executorMetricsUpdate(parser);
            case SQL + "SparkListenerSQLExecutionStart" -> sqlExecutionStart(parser);
            case SQL + "SparkListenerSQLExecutionEnd" -> sqlExecutionEnd(parser);
            case SQL + "SparkListenerSQLAdaptiveExecutionUpdate" -> sqlAdaptiveUpdate(parser);
            default -> null;
        };
        if (event == null) {
            return new Result.Skipped(name);
        }
        return new Result.Parsed(event);
    }

    // ---------------------------------------------------------------- events

    private SparkEvent logStart(JsonParser parser) throws IOException {
        String version = "unknown";
        while (nextField(parser)) {
            if ("Spark Version".equals(parser.currentName())) {
                version = text(parser, version);
            } else {
                LineJsonParser.skip(parser);
            }
        }
        return new SparkEvent.LogStart(version);
    }

    private SparkEvent applicationStart(JsonParser parser) throws IOException {
        String appName = "";
        String appId = null;
        long timestamp = 0;
        String user = "";
        String attemptId = null;
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "App Name" -> appName = text(parser, appName);
                case "App ID" -> appId = text(parser, null);
                case "Timestamp" -> timestamp = number(parser);
                case "User" -> user = text(parser, user);
                case "App Attempt ID" -> attemptId = text(parser, null);
                default -> LineJsonParser.skip(parser);
            }
        }
        return new SparkEvent.ApplicationStart(appName, Optional.ofNullable(appId), timestamp, user,
                Optional.ofNullable(attemptId));
    }

    private SparkEvent applicationEnd(JsonParser parser) throws IOException {
        long timestamp = 0;
        OptionalInt exitCode = OptionalInt.empty();
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Timestamp" -> timestamp = number(parser);
                case "ExitCode" -> exitCode = parser.currentToken() == JsonToken.VALUE_NULL
                        ? OptionalInt.empty() : OptionalInt.of(integer(parser));
                default -> LineJsonParser.skip(parser);
            }
        }
        return new SparkEvent.ApplicationEnd(timestamp, exitCode);
    }

    private SparkEvent environmentUpdate(JsonParser parser) throws IOException {
        Map<String, String> jvm = Map.of();
        Map<String, String> spark = Map.of();
        Map<String, String> system = Map.of();
        Map<String, String> hadoop = Map.of();
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "JVM Information" -> jvm = stringMap(parser);
                case "Spark Properties" -> spark = stringMap(parser);
                case "System Properties" -> system = stringMap(parser);
                case "Hadoop Properties" -> hadoop = stringMap(parser);
                default -> LineJsonParser.skip(parser);
            }
        }
        return new SparkEvent.EnvironmentUpdate(jvm, spark, system, hadoop);
    }

    private SparkEvent resourceProfileAdded(JsonParser parser) throws IOException {
        int id = 0;
        Map<String, Long> executorResources = new LinkedHashMap<>();
        Map<String, Double> taskResources = new LinkedHashMap<>();
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Resource Profile Id" -> id = integer(parser);
                case "Executor Resource Requests" -> readResources(parser, (resource, amount) ->
                        executorResources.put(resource, amount.longValue()));
                case "Task Resource Requests" -> readResources(parser, taskResources::put);
                default -> LineJsonParser.skip(parser);
            }
        }
        return new SparkEvent.ResourceProfileAdded(id, executorResources, taskResources);
    }

    private void readResources(JsonParser parser, java.util.function.BiConsumer<String, Double> sink)
            throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            LineJsonParser.skip(parser);
            return;
        }
        while (nextField(parser)) {
            String resource = parser.currentName();
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                LineJsonParser.skip(parser);
                continue;
            }
            double amount = 0;
            while (nextField(parser)) {
                if ("Amount".equals(parser.currentName())) {
                    amount = parser.getValueAsDouble();
                } else {
                    LineJsonParser.skip(parser);
                }
            }
            sink.accept(resource, amount);
        }
    }

    private SparkEvent executorAdded(JsonParser parser) throws IOException {
        long timestamp = 0;
        String executorId = null;
        String host = "";
        int cores = 0;
        OptionalInt profile = OptionalInt.empty();
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Timestamp" -> timestamp = number(parser);
                case "Executor ID" -> executorId = text(parser, null);
                case "Executor Info" -> {
                    while (nextField(parser)) {
                        switch (parser.currentName()) {
                            case "Host" -> host = text(parser, host);
                            case "Total Cores" -> cores = integer(parser);
                            case "Resource Profile Id" -> profile = OptionalInt.of(integer(parser));
                            default -> LineJsonParser.skip(parser);
                        }
                    }
                }
                default -> LineJsonParser.skip(parser);
            }
        }
        require(executorId != null, "SparkListenerExecutorAdded", "Executor ID");
        return new SparkEvent.ExecutorAdded(timestamp, executorId, host, cores, profile);
    }

    private SparkEvent executorRemoved(JsonParser parser) throws IOException {
        long timestamp = 0;
        String executorId = null;
        String reason = "";
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Timestamp" -> timestamp = number(parser);
                case "Executor ID" -> executorId = text(parser, null);
                case "Removed Reason" -> reason = text(parser, reason);
                default -> LineJsonParser.skip(parser);
            }
        }
        require(executorId != null, "SparkListenerExecutorRemoved", "Executor ID");
        return new SparkEvent.ExecutorRemoved(timestamp, executorId, reason);
    }

    private SparkEvent blockManagerAdded(JsonParser parser) throws IOException {
        long timestamp = 0;
        BlockManagerId id = null;
        long maxMemory = 0;
        OptionalLong onHeap = OptionalLong.empty();
        OptionalLong offHeap = OptionalLong.empty();
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Timestamp" -> timestamp = number(parser);
                case "Block Manager ID" -> id = blockManagerId(parser).orElse(null);
                case "Maximum Memory" -> maxMemory = number(parser);
                case "Maximum Onheap Memory" -> onHeap = OptionalLong.of(number(parser));
                case "Maximum Offheap Memory" -> offHeap = OptionalLong.of(number(parser));
                default -> LineJsonParser.skip(parser);
            }
        }
        require(id != null, "SparkListenerBlockManagerAdded", "Block Manager ID");
        return new SparkEvent.BlockManagerAdded(timestamp, id, maxMemory, onHeap, offHeap);
    }

    private SparkEvent blockManagerRemoved(JsonParser parser) throws IOException {
        long timestamp = 0;
        BlockManagerId id = null;
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Timestamp" -> timestamp = number(parser);
                case "Block Manager ID" -> id = blockManagerId(parser).orElse(null);
                default -> LineJsonParser.skip(parser);
            }
        }
        require(id != null, "SparkListenerBlockManagerRemoved", "Block Manager ID");
        return new SparkEvent.BlockManagerRemoved(timestamp, id);
    }

    private SparkEvent jobStart(JsonParser parser) throws IOException {
        int jobId = 0;
        boolean hasJob = false;
        OptionalLong submissionTime = OptionalLong.empty();
        List<StageInfo> stageInfos = new ArrayList<>();
        List<Integer> stageIds = new ArrayList<>();
        Map<String, String> properties = Map.of();
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Job ID" -> {
                    jobId = integer(parser);
                    hasJob = true;
                }
                case "Submission Time" -> submissionTime = optionalTime(parser);
                case "Stage Infos" -> readArray(parser, () -> stageInfos.add(stageInfo(parser)));
                case "Stage IDs" -> readArray(parser, () -> stageIds.add(integer(parser)));
                case "Properties" -> properties = stringMap(parser);
                default -> LineJsonParser.skip(parser);
            }
        }
        require(hasJob, "SparkListenerJobStart", "Job ID");
        return new SparkEvent.JobStart(jobId, submissionTime, stageInfos, stageIds, properties);
    }

    private SparkEvent jobEnd(JsonParser parser) throws IOException {
        int jobId = 0;
        boolean hasJob = false;
        OptionalLong completionTime = OptionalLong.empty();
        boolean succeeded = true;
        String message = null;
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Job ID" -> {
                    jobId = integer(parser);
                    hasJob = true;
                }
                case "Completion Time" -> completionTime = optionalTime(parser);
                case "Job Result" -> {
                    while (nextField(parser)) {
                        switch (parser.currentName()) {
                            case "Result" -> succeeded = "JobSucceeded".equals(text(parser, ""));
                            case "Exception" -> {
                                while (nextField(parser)) {
                                    if ("Message".equals(parser.currentName())) {
                                        message = text(parser, null);
                                    } else {
                                        LineJsonParser.skip(parser);
                                    }
                                }
                            }
                            default -> LineJsonParser.skip(parser);
                        }
                    }
                }
                default -> LineJsonParser.skip(parser);
            }
        }
        require(hasJob, "SparkListenerJobEnd", "Job ID");
        return new SparkEvent.JobEnd(jobId, completionTime, succeeded, Optional.ofNullable(message));
    }

    private SparkEvent stageSubmitted(JsonParser parser) throws IOException {
        StageInfo info = null;
        Map<String, String> properties = Map.of();
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Stage Info" -> info = stageInfo(parser);
                case "Properties" -> properties = stringMap(parser);
                default -> LineJsonParser.skip(parser);
            }
        }
        if (info == null) {
            throw new BadLine("SparkListenerStageSubmitted without \"Stage Info\"");
        }
        return new SparkEvent.StageSubmitted(info, properties);
    }

    private SparkEvent stageCompleted(JsonParser parser) throws IOException {
        StageInfo info = null;
        while (nextField(parser)) {
            if ("Stage Info".equals(parser.currentName())) {
                info = stageInfo(parser);
            } else {
                LineJsonParser.skip(parser);
            }
        }
        if (info == null) {
            throw new BadLine("SparkListenerStageCompleted without \"Stage Info\"");
        }
        return new SparkEvent.StageCompleted(info);
    }

    private SparkEvent taskStart(JsonParser parser) throws IOException {
        int stageId = 0;
        boolean hasStage = false;
        int attempt = 0;
        TaskInfo info = null;
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Stage ID" -> {
                    stageId = integer(parser);
                    hasStage = true;
                }
                case "Stage Attempt ID" -> attempt = integer(parser);
                case "Task Info" -> info = taskInfo(parser);
                default -> LineJsonParser.skip(parser);
            }
        }
        if (info == null) {
            throw new BadLine("SparkListenerTaskStart without \"Task Info\"");
        }
        require(hasStage, "SparkListenerTaskStart", "Stage ID");
        return new SparkEvent.TaskStart(new StageAttemptId(stageId, attempt), info);
    }

    private SparkEvent taskEnd(JsonParser parser) throws IOException {
        int stageId = 0;
        boolean hasStage = false;
        int attempt = 0;
        String taskType = "";
        TaskEndReason reason = TaskEndReason.SUCCESS;
        TaskInfo info = null;
        TaskMetrics metrics = null;
        ExecutorMetrics executorMetrics = ExecutorMetrics.empty();
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Stage ID" -> {
                    stageId = integer(parser);
                    hasStage = true;
                }
                case "Stage Attempt ID" -> attempt = integer(parser);
                case "Task Type" -> taskType = text(parser, taskType);
                case "Task End Reason" -> reason = taskEndReason(parser);
                case "Task Info" -> info = taskInfo(parser);
                case "Task Executor Metrics" -> executorMetrics = executorMetrics(parser);
                case "Task Metrics" -> metrics = taskMetrics(parser);
                default -> LineJsonParser.skip(parser);
            }
        }
        if (info == null) {
            throw new BadLine("SparkListenerTaskEnd without \"Task Info\"");
        }
        require(hasStage, "SparkListenerTaskEnd", "Stage ID");
        return new SparkEvent.TaskEnd(new StageAttemptId(stageId, attempt), taskType, reason, info,
                Optional.ofNullable(metrics), executorMetrics);
    }

    private SparkEvent stageExecutorMetrics(JsonParser parser) throws IOException {
        String executorId = null;
        int stageId = 0;
        boolean hasStage = false;
        int attempt = 0;
        ExecutorMetrics peaks = ExecutorMetrics.empty();
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Executor ID" -> executorId = text(parser, null);
                case "Stage ID" -> {
                    stageId = integer(parser);
                    hasStage = true;
                }
                case "Stage Attempt ID" -> attempt = integer(parser);
                case "Executor Metrics" -> peaks = executorMetrics(parser);
                default -> LineJsonParser.skip(parser);
            }
        }
        require(executorId != null, "SparkListenerStageExecutorMetrics", "Executor ID");
        require(hasStage, "SparkListenerStageExecutorMetrics", "Stage ID");
        return new SparkEvent.StageExecutorMetrics(executorId, new StageAttemptId(stageId, attempt), peaks);
    }

    private SparkEvent executorMetricsUpdate(JsonParser parser) throws IOException {
        String executorId = null;
        ExecutorMetrics[] peaks = {ExecutorMetrics.empty()};
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Executor ID" -> executorId = text(parser, null);
                case "Executor Metrics Updated" -> readArray(parser, () -> {
                    while (nextField(parser)) {
                        if ("Executor Metrics".equals(parser.currentName())) {
                            peaks[0] = peaks[0].max(executorMetrics(parser));
                        } else {
                            LineJsonParser.skip(parser);
                        }
                    }
                });
                default -> LineJsonParser.skip(parser);
            }
        }
        require(executorId != null, "SparkListenerExecutorMetricsUpdate", "Executor ID");
        if (peaks[0].isEmpty()) {
            return null;
        }
        return new SparkEvent.ExecutorMetricsUpdate(executorId, peaks[0]);
    }

    private SparkEvent sqlExecutionStart(JsonParser parser) throws IOException {
        long executionId = 0;
        OptionalLong root = OptionalLong.empty();
        String description = "";
        String details = "";
        String plan = "";
        PlanNode planTree = null;
        long time = 0;
        Map<String, String> modified = Map.of();
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "executionId" -> executionId = number(parser);
                case "rootExecutionId" -> root = parser.currentToken() == JsonToken.VALUE_NULL
                        ? OptionalLong.empty() : OptionalLong.of(number(parser));
                case "description" -> description = text(parser, description);
                case "details" -> details = text(parser, details);
                case "physicalPlanDescription" -> plan = text(parser, plan);
                case "sparkPlanInfo" -> planTree = planNode(parser);
                case "time" -> time = number(parser);
                case "modifiedConfigs" -> modified = stringMap(parser);
                default -> LineJsonParser.skip(parser);
            }
        }
        return new SparkEvent.SqlExecutionStart(executionId, root, description, details, plan,
                Optional.ofNullable(planTree), time, modified);
    }

    private SparkEvent sqlExecutionEnd(JsonParser parser) throws IOException {
        long executionId = 0;
        long time = 0;
        String error = null;
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "executionId" -> executionId = number(parser);
                case "time" -> time = number(parser);
                case "errorMessage" -> error = text(parser, null);
                default -> LineJsonParser.skip(parser);
            }
        }
        Optional<String> errorMessage = error == null || error.isEmpty() ? Optional.empty() : Optional.of(error);
        return new SparkEvent.SqlExecutionEnd(executionId, time, errorMessage);
    }

    private SparkEvent sqlAdaptiveUpdate(JsonParser parser) throws IOException {
        long executionId = 0;
        String plan = "";
        PlanNode planTree = null;
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "executionId" -> executionId = number(parser);
                case "physicalPlanDescription" -> plan = text(parser, plan);
                case "sparkPlanInfo" -> planTree = planNode(parser);
                default -> LineJsonParser.skip(parser);
            }
        }
        return new SparkEvent.SqlAdaptiveExecutionUpdate(executionId, plan, Optional.ofNullable(planTree));
    }

    // ---------------------------------------------------------------- nested objects

    private StageInfo stageInfo(JsonParser parser) throws IOException {
        int stageId = 0;
        boolean hasStage = false;
        int attempt = 0;
        String name = "";
        int numTasks = 0;
        List<Integer> parents = new ArrayList<>();
        String details = "";
        OptionalLong submitted = OptionalLong.empty();
        OptionalLong completed = OptionalLong.empty();
        String failure = null;
        OptionalInt profile = OptionalInt.empty();
        List<Integer> rddIds = new ArrayList<>();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new BadLine("\"Stage Info\" is not an object");
        }
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Stage ID" -> {
                    stageId = integer(parser);
                    hasStage = true;
                }
                case "Stage Attempt ID" -> attempt = integer(parser);
                case "Stage Name" -> name = text(parser, name);
                case "Number of Tasks" -> numTasks = integer(parser);
                case "Parent IDs" -> readArray(parser, () -> parents.add(integer(parser)));
                case "Details" -> details = text(parser, details);
                case "Submission Time" -> submitted = optionalTime(parser);
                case "Completion Time" -> completed = optionalTime(parser);
                case "Failure Reason" -> failure = text(parser, null);
                case "Resource Profile Id" -> profile = OptionalInt.of(integer(parser));
                case "RDD Info" -> readArray(parser, () -> {
                    while (nextField(parser)) {
                        if ("RDD ID".equals(parser.currentName())) {
                            rddIds.add(integer(parser));
                        } else {
                            LineJsonParser.skip(parser);
                        }
                    }
                });
                default -> LineJsonParser.skip(parser);
            }
        }
        require(hasStage, "\"Stage Info\"", "Stage ID");
        return new StageInfo(new StageAttemptId(stageId, attempt), name, numTasks, parents, details, submitted,
                completed, Optional.ofNullable(failure), profile, rddIds);
    }

    private TaskInfo taskInfo(JsonParser parser) throws IOException {
        long taskId = 0;
        boolean hasTaskId = false;
        int index = 0;
        int attempt = 0;
        OptionalInt partition = OptionalInt.empty();
        long launch = 0;
        String executor = null;
        String host = "";
        String locality = "";
        boolean speculative = false;
        long gettingResult = 0;
        long finish = 0;
        boolean failed = false;
        boolean killed = false;
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Task ID" -> {
                    taskId = number(parser);
                    hasTaskId = true;
                }
                case "Index" -> index = integer(parser);
                case "Attempt" -> attempt = integer(parser);
                case "Partition ID" -> {
                    long value = number(parser);
                    partition = value >= 0 ? OptionalInt.of((int) value) : OptionalInt.empty();
                }
                case "Launch Time" -> launch = number(parser);
                case "Executor ID" -> executor = text(parser, null);
                case "Host" -> host = text(parser, host);
                case "Locality" -> locality = text(parser, locality);
                case "Speculative" -> speculative = parser.getValueAsBoolean();
                case "Getting Result Time" -> gettingResult = number(parser);
                case "Finish Time" -> finish = number(parser);
                case "Failed" -> failed = parser.getValueAsBoolean();
                case "Killed" -> killed = parser.getValueAsBoolean();
                default -> LineJsonParser.skip(parser);
            }
        }
        require(hasTaskId, "\"Task Info\"", "Task ID");
        require(executor != null, "\"Task Info\"", "Executor ID");
        return new TaskInfo(taskId, index, attempt, partition, launch, executor, host, locality, speculative,
                gettingResult > 0 ? OptionalLong.of(gettingResult) : OptionalLong.empty(),
                finish > 0 ? OptionalLong.of(finish) : OptionalLong.empty(), failed, killed);
    }

    private TaskEndReason taskEndReason(JsonParser parser) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        Optional<BlockManagerId> blockManager = Optional.empty();
        while (nextField(parser)) {
            String field = parser.currentName();
            switch (field) {
                case "Block Manager Address" -> blockManager = blockManagerId(parser);
                case "Reason", "Class Name", "Description", "Message", "Executor ID", "Loss Reason", "Kill Reason" ->
                        fields.put(field, text(parser, ""));
                case "Shuffle ID", "Map ID", "Map Index", "Reduce ID", "Job ID", "Partition ID", "Attempt Number" ->
                        fields.put(field, number(parser));
                case "Exit Caused By App" -> fields.put(field, parser.getValueAsBoolean());
                default -> LineJsonParser.skip(parser);
            }
        }
        String reason = (String) fields.getOrDefault("Reason", "UnknownReason");
        return switch (reason) {
            case "Success" -> TaskEndReason.SUCCESS;
            case "Resubmitted" -> TaskEndReason.RESUBMITTED;
            case "FetchFailed" -> new TaskEndReason.FetchFailed(blockManager,
                    (int) longField(fields, "Shuffle ID"), longField(fields, "Map ID"),
                    fields.containsKey("Map Index") ? OptionalInt.of((int) longField(fields, "Map Index"))
                            : OptionalInt.empty(),
                    (int) longField(fields, "Reduce ID"), (String) fields.getOrDefault("Message", ""));
            case "ExceptionFailure" -> new TaskEndReason.ExceptionFailure(
                    (String) fields.getOrDefault("Class Name", ""), (String) fields.getOrDefault("Description", ""));
            case "ExecutorLostFailure" -> new TaskEndReason.ExecutorLostFailure(
                    (String) fields.getOrDefault("Executor ID", ""),
                    (Boolean) fields.getOrDefault("Exit Caused By App", Boolean.TRUE),
                    Optional.ofNullable((String) fields.get("Loss Reason")));
            case "TaskKilled" -> new TaskEndReason.TaskKilled((String) fields.getOrDefault("Kill Reason", "unknown reason"));
            case "TaskCommitDenied" -> new TaskEndReason.TaskCommitDenied((int) longField(fields, "Job ID"),
                    (int) longField(fields, "Partition ID"), (int) longField(fields, "Attempt Number"));
            default -> new TaskEndReason.OtherFailure(reason);
        };
    }

    private static long longField(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        return value instanceof Long number ? number : 0;
    }

    private TaskMetrics taskMetrics(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            LineJsonParser.skip(parser);
            return null;
        }
        TaskMetrics.Builder builder = TaskMetrics.builder();
        if (parser instanceof LineJsonParser line && line.readNumbers(TASK_METRIC_NAMES)) {
            for (int i = 0; i < line.count(); i++) {
                builder.set(TASK_METRICS[line.code(i)], Math.max(0, line.value(i)));
            }
            return builder.build();
        }
        readMetricFields(parser, TOP_LEVEL_METRICS, builder);
        return builder.build();
    }

    private void readMetricFields(JsonParser parser, Map<String, TaskMetric> fields, TaskMetrics.Builder builder)
            throws IOException {
        while (nextField(parser)) {
            String name = parser.currentName();
            TaskMetric metric = fields.get(name);
            if (metric != null) {
                builder.set(metric, count(parser));
                continue;
            }
            Map<String, TaskMetric> group = GROUPED_METRICS.get(name);
            if (group != null && parser.currentToken() == JsonToken.START_OBJECT) {
                readMetricFields(parser, group, builder);
            } else {
                LineJsonParser.skip(parser);
            }
        }
    }

    private ExecutorMetrics executorMetrics(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            LineJsonParser.skip(parser);
            return ExecutorMetrics.empty();
        }
        ExecutorMetrics.Builder builder = ExecutorMetrics.builder();
        if (parser instanceof LineJsonParser line && line.readNumbers(EXECUTOR_METRIC_NAMES)) {
            for (int i = 0; i < line.count(); i++) {
                builder.set(EXECUTOR_METRICS[line.code(i)], Math.max(0, line.value(i)));
            }
            return builder.build();
        }
        while (nextField(parser)) {
            Optional<ExecutorMetric> metric = ExecutorMetric.fromJsonName(parser.currentName());
            if (metric.isPresent()) {
                builder.set(metric.get(), count(parser));
            } else {
                LineJsonParser.skip(parser);
            }
        }
        return builder.build();
    }

    /** SQL plan trees cut at {@link #MAX_PLAN_DEPTH} so far. */
    public long truncatedPlans() {
        return truncatedPlans;
    }

    private PlanNode planNode(JsonParser parser) throws IOException {
        planCut = false;
        PlanNode root = planNode(parser, 1);
        if (planCut) {
            truncatedPlans++;
        }
        return root;
    }

    private PlanNode planNode(JsonParser parser, int depth) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            LineJsonParser.skip(parser);
            return null;
        }
        if (depth > MAX_PLAN_DEPTH) {
            // Jackson skips iteratively, whatever the depth.
            LineJsonParser.skip(parser);
            planCut = true;
            return new PlanNode("...", "(plan cut: deeper than " + MAX_PLAN_DEPTH + " levels)", List.of());
        }
        String nodeName = "";
        String simpleString = "";
        List<PlanNode> children = new ArrayList<>();
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "nodeName" -> nodeName = text(parser, nodeName);
                case "simpleString" -> simpleString = text(parser, simpleString);
                case "children" -> readArray(parser, () -> {
                    PlanNode child = planNode(parser, depth + 1);
                    if (child != null) {
                        children.add(child);
                    }
                });
                default -> LineJsonParser.skip(parser);
            }
        }
        return new PlanNode(nodeName, simpleString, children);
    }

    private Optional<BlockManagerId> blockManagerId(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            LineJsonParser.skip(parser);
            return Optional.empty();
        }
        String executorId = null;
        String host = "";
        int port = 0;
        while (nextField(parser)) {
            switch (parser.currentName()) {
                case "Executor ID" -> executorId = text(parser, null);
                case "Host" -> host = text(parser, host);
                case "Port" -> port = integer(parser);
                default -> LineJsonParser.skip(parser);
            }
        }
        // Spark requires the executor id of a block manager id it is given.
        require(executorId != null, "\"Block Manager ID\"", "Executor ID");
        return Optional.of(new BlockManagerId(executorId, host, port));
    }

    // ---------------------------------------------------------------- primitives

    /** Advances to the next field's value; false at the end of the current object. */
    private static boolean nextField(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.FIELD_NAME) {
            if (token == null) {
                throw new BadLine("line ends inside a JSON object");
            }
            return false;
        }
        if (parser.nextToken() == null) {
            throw new BadLine("line ends inside a JSON object");
        }
        return true;
    }

    private interface ElementReader {
        void read() throws IOException;
    }

    private static void readArray(JsonParser parser, ElementReader element) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            LineJsonParser.skip(parser);
            return;
        }
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new BadLine("line ends inside a JSON array");
            }
            element.read();
        }
    }

    private static String text(JsonParser parser, String fallback) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return fallback;
        }
        if (token.isStructStart()) {
            LineJsonParser.skip(parser);
            return fallback;
        }
        return parser.getText();
    }

    /**
     * A field Spark's own {@code JsonProtocol} requires: without it Spark's replay throws and skips the line, and so
     * does sparkdoc (a stage event without a stage id must not be merged into stage 0).
     */
    private static void require(boolean present, String event, String field) throws IOException {
        if (!present) {
            throw new BadLine(event + " without \"" + field + "\"");
        }
    }

    /** A line that is not a valid event; no stack trace, as a log can have millions of such lines. */
    private static final class BadLine extends IOException {
        BadLine(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** An int field (ids, counts, indices); a number outside the int range makes the line bad, not a wrapped id. */
    private static int integer(JsonParser parser) throws IOException {
        long value = number(parser);
        if (value != (int) value) {
            throw new BadLine("number out of range for " + parser.currentName() + ": " + value);
        }
        return (int) value;
    }

    private static long number(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (token.isStructStart()) {
            LineJsonParser.skip(parser);
            return 0;
        }
        return parser.getValueAsLong(0);
    }

    /** A metric value: a count, size or time, never negative; a negative number in a broken log counts as 0. */
    private static long count(JsonParser parser) throws IOException {
        return Math.max(0, number(parser));
    }

    private static OptionalLong optionalTime(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return OptionalLong.empty();
        }
        long value = number(parser);
        return value > 0 ? OptionalLong.of(value) : OptionalLong.empty();
    }

    private static Map<String, String> stringMap(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            LineJsonParser.skip(parser);
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        while (nextField(parser)) {
            String key = parser.currentName();
            String value = text(parser, null);
            if (value != null) {
                values.put(key, value);
            }
        }
        return values;
    }
}
