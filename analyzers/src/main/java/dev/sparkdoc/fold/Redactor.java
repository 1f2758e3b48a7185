package dev.sparkdoc.fold;

import dev.sparkdoc.event.PlanNode;
import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.event.StageInfo;
import dev.sparkdoc.event.TaskEndReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Redacts secrets as Spark does, and more. Properties ({@code Utils.redact(conf, kvs)}): a property whose key or
 * value matches the redaction pattern has its value replaced; Spark's default pattern applies always, and the
 * application's own {@code spark.redaction.regex} as well, so a log written with a laxer setting is still redacted.
 * Free text ({@code Utils.redact(Option[Regex], String)}): every match of the application's
 * {@code spark.redaction.string.regex} (and {@code spark.sql.redaction.string.regex}) is replaced, and so is the
 * secret of every {@linkplain CredentialShapes credential shape} Spark misses (URL passwords, authorization values,
 * {@code password=...} pairs, AWS key ids).
 *
 * <p>{@link #redact(SparkEvent)} is applied once, where events enter the {@link ApplicationFolder}; everything
 * downstream (snapshot, analyzers, reports, shell, the listener's reports) sees redacted text only.
 */
public final class Redactor {

    /** Spark's default {@code spark.redaction.regex}. */
    public static final String SPARK_DEFAULT_PATTERN = "(?i)secret|password|token|access[.]?key";
    /** Spark's {@code REDACTION_REPLACEMENT_TEXT}. */
    public static final String REPLACEMENT = "*********(redacted)";
    /** The application settings whose patterns apply to free text. */
    static final List<String> STRING_PATTERN_KEYS = List.of("spark.redaction.string.regex",
            "spark.sql.redaction.string.regex");

    private static final Pattern DEFAULT_PATTERN = Pattern.compile(SPARK_DEFAULT_PATTERN);
    private static final String QUOTED_REPLACEMENT = Matcher.quoteReplacement(REPLACEMENT);

    private final Optional<Pattern> applicationPattern;
    private final List<Pattern> stringPatterns;

    private Redactor(Optional<Pattern> applicationPattern, List<Pattern> stringPatterns) {
        this.applicationPattern = applicationPattern;
        this.stringPatterns = List.copyOf(stringPatterns);
    }

    /** Spark's default pattern and the credential shapes: what applies before the application's settings are known. */
    public static Redactor sparkDefault() {
        return new Redactor(Optional.empty(), List.of());
    }

    /**
     * Spark's default pattern plus the application's {@code spark.redaction.regex}, and the application's string
     * patterns, each when it is set and valid (an invalid one is ignored, as if unset: Spark would have failed).
     */
    public static Redactor forProperties(Map<String, String> sparkProperties) {
        Optional<Pattern> keyValue = compile(sparkProperties.get("spark.redaction.regex"));
        List<Pattern> strings = new ArrayList<>();
        for (String key : STRING_PATTERN_KEYS) {
            Optional<Pattern> pattern = compile(sparkProperties.get(key));
            if (pattern.isPresent() && strings.stream().noneMatch(p -> p.pattern().equals(pattern.get().pattern()))) {
                strings.add(pattern.get());
            }
        }
        return new Redactor(keyValue, strings);
    }

    private static Optional<Pattern> compile(String configured) {
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(configured));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether this redactor would redact something another would not, or the other way round. */
    boolean differsFrom(Redactor other) {
        return !patternText(applicationPattern).equals(patternText(other.applicationPattern))
                || !stringPatterns.stream().map(Pattern::pattern).toList()
                        .equals(other.stringPatterns.stream().map(Pattern::pattern).toList());
    }

    private static String patternText(Optional<Pattern> pattern) {
        return pattern.map(Pattern::pattern).orElse("");
    }

    // ---------------------------------------------------------------- properties

    public boolean isSecret(String key, String value) {
        return matches(key) || (value != null && matches(value));
    }

    private boolean matches(String text) {
        if (DEFAULT_PATTERN.matcher(text).find()) {
            return true;
        }
        return applicationPattern.isPresent() && applicationPattern.get().matcher(text).find();
    }

    /** A property's value: replaced whole when the key or value is secret, its free-text secrets replaced otherwise. */
    public String redact(String key, String value) {
        return isSecret(key, value) ? REPLACEMENT : redactText(value);
    }

    public Map<String, String> redact(Map<String, String> properties) {
        Map<String, String> redacted = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            redacted.put(entry.getKey(), redact(entry.getKey(), entry.getValue()));
        }
        return redacted;
    }

    /**
     * Local properties of a job or stage: a value whose key is secret is replaced whole; other values (descriptions,
     * job groups, call sites) are free text, so only their secrets are.
     */
    Map<String, String> redactLocalProperties(Map<String, String> properties) {
        Map<String, String> redacted = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            redacted.put(entry.getKey(), matches(entry.getKey()) ? REPLACEMENT : redactText(entry.getValue()));
        }
        return redacted;
    }

    // ---------------------------------------------------------------- free text

    /** Free text with every match of the application's string patterns and every credential shape's secret replaced. */
    public String redactText(String text) {
        String result = text;
        for (Pattern pattern : stringPatterns) {
            Matcher matcher = pattern.matcher(result);
            if (matcher.find()) {
                result = matcher.replaceAll(QUOTED_REPLACEMENT);
            }
        }
        return CredentialShapes.redact(result);
    }

    public Optional<String> redactText(Optional<String> text) {
        return text.map(this::redactText);
    }

    public PlanNode redact(PlanNode node) {
        List<PlanNode> children = new ArrayList<>(node.children().size());
        for (PlanNode child : node.children()) {
            children.add(redact(child));
        }
        return new PlanNode(redactText(node.nodeName()), redactText(node.simpleString()), children);
    }

    public StageInfo redact(StageInfo info) {
        return new StageInfo(info.id(), redactText(info.name()), info.numTasks(), info.parentIds(),
                redactText(info.details()), info.submissionTime(), info.completionTime(),
                redactText(info.failureReason()), info.resourceProfileId(), info.rddIds());
    }

    public TaskEndReason redact(TaskEndReason reason) {
        if (reason instanceof TaskEndReason.ExceptionFailure f) {
            return new TaskEndReason.ExceptionFailure(f.className(), redactText(f.description()));
        }
        if (reason instanceof TaskEndReason.ExecutorLostFailure f) {
            return new TaskEndReason.ExecutorLostFailure(f.executorId(), f.exitCausedByApp(),
                    redactText(f.lossReason()));
        }
        if (reason instanceof TaskEndReason.FetchFailed f) {
            return new TaskEndReason.FetchFailed(f.blockManager(), f.shuffleId(), f.mapId(), f.mapIndex(),
                    f.reduceId(), redactText(f.message()));
        }
        if (reason instanceof TaskEndReason.TaskKilled f) {
            return new TaskEndReason.TaskKilled(redactText(f.killReason()));
        }
        return reason;
    }

    // ---------------------------------------------------------------- events

    /**
     * The event with every log-derived free text and property redacted; the same instance for events without any
     * (task starts, successful task ends: the hot path costs two type checks). Environment updates are redacted by
     * the folder, with the redactor their own properties configure.
     */
    public SparkEvent redact(SparkEvent event) {
        if (event instanceof SparkEvent.TaskEnd e) {
            if (e.reason().isSuccess()) {
                return e;
            }
            TaskEndReason reason = redact(e.reason());
            if (reason == e.reason()) {
                return e;
            }
            return new SparkEvent.TaskEnd(e.stage(), e.taskType(), reason, e.task(), e.metrics(), e.executorMetrics());
        }
        if (event instanceof SparkEvent.TaskStart) {
            return event;
        }
        if (event instanceof SparkEvent.ApplicationStart e) {
            return new SparkEvent.ApplicationStart(redactText(e.appName()), e.appId(), e.timestamp(),
                    redactText(e.user()), e.attemptId());
        }
        if (event instanceof SparkEvent.ExecutorRemoved e) {
            return new SparkEvent.ExecutorRemoved(e.timestamp(), e.executorId(), redactText(e.reason()));
        }
        if (event instanceof SparkEvent.JobStart e) {
            return new SparkEvent.JobStart(e.jobId(), e.submissionTime(), e.stageInfos().stream().map(this::redact)
                    .toList(), e.stageIds(), redactLocalProperties(e.properties()));
        }
        if (event instanceof SparkEvent.JobEnd e) {
            return new SparkEvent.JobEnd(e.jobId(), e.completionTime(), e.succeeded(), redactText(e.failureMessage()));
        }
        if (event instanceof SparkEvent.StageSubmitted e) {
            return new SparkEvent.StageSubmitted(redact(e.stage()), redactLocalProperties(e.properties()));
        }
        if (event instanceof SparkEvent.StageCompleted e) {
            return new SparkEvent.StageCompleted(redact(e.stage()));
        }
        if (event instanceof SparkEvent.SqlExecutionStart e) {
            return new SparkEvent.SqlExecutionStart(e.executionId(), e.rootExecutionId(), redactText(e.description()),
                    redactText(e.details()), redactText(e.physicalPlanDescription()), e.plan().map(this::redact),
                    e.time(), redact(e.modifiedConfigs()));
        }
        if (event instanceof SparkEvent.SqlExecutionEnd e) {
            return new SparkEvent.SqlExecutionEnd(e.executionId(), e.time(), redactText(e.errorMessage()));
        }
        if (event instanceof SparkEvent.SqlAdaptiveExecutionUpdate e) {
            return new SparkEvent.SqlAdaptiveExecutionUpdate(e.executionId(), redactText(e.physicalPlanDescription()),
                    e.plan().map(this::redact));
        }
        return event;
    }

    /** An environment update with its properties and JVM information redacted by this redactor. */
    public SparkEvent.EnvironmentUpdate redact(SparkEvent.EnvironmentUpdate e) {
        return new SparkEvent.EnvironmentUpdate(redact(e.jvmInformation()), redact(e.sparkProperties()),
                redact(e.systemProperties()), redact(e.hadoopProperties()));
    }
}
