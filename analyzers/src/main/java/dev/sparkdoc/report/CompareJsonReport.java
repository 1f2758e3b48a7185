package dev.sparkdoc.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sparkdoc.compare.Comparison;
import dev.sparkdoc.compare.Comparison.ConfigDifference;
import dev.sparkdoc.compare.Comparison.FindingChange;
import dev.sparkdoc.compare.Comparison.JobComparison;
import dev.sparkdoc.compare.Comparison.StageComparison;
import dev.sparkdoc.compare.PlanShape;
import dev.sparkdoc.compare.StageRun;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.quantity.SkewRatio;
import dev.sparkdoc.snapshot.ApplicationInfo;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.Job;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The versioned JSON document of {@code sparkdoc compare} ({@value #SCHEMA}; docs/compare.md lists the fields).
 * Every quantity is given for both runs in its raw unit (milliseconds, bytes, counts) with the verdicts and the
 * threshold that decided them; times are milliseconds.
 */
public final class CompareJsonReport {

    public static final String SCHEMA = "sparkdoc.compare/v1";

    private CompareJsonReport() {
    }

    public static void render(Comparison comparison, String sparkdocVersion, Writer out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("schema", SCHEMA);
            json.writeStringField("sparkdocVersion", sparkdocVersion);
            run(json, "baseline", comparison.baseline());
            run(json, "candidate", comparison.candidate());
            json.writeObjectFieldStart("threshold");
            json.writeNumberField("percent", comparison.threshold().percent());
            json.writeNumberField("minMillis", comparison.threshold().minMillis());
            json.writeStringField("description", comparison.threshold().describe());
            json.writeEndObject();
            json.writeBooleanField("regressed", comparison.regressed());
            json.writeArrayFieldStart("warnings");
            for (String warning : comparison.warnings()) {
                json.writeString(warning);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("wallTime");
            pair(json, comparison.baselineWallMillis(), comparison.candidateWallMillis());
            json.writeStringField("verdict", comparison.wallTime().label());
            json.writeEndObject();
            json.writeArrayFieldStart("stages");
            for (StageComparison stage : comparison.stages()) {
                stage(json, stage);
            }
            json.writeEndArray();
            unmatched(json, "appearedStages", comparison.appearedStages());
            unmatched(json, "disappearedStages", comparison.disappearedStages());
            json.writeArrayFieldStart("jobs");
            for (JobComparison job : comparison.jobs()) {
                json.writeStartObject();
                json.writeNumberField("baselineJobId", job.baseline().id());
                json.writeNumberField("candidateJobId", job.candidate().id());
                json.writeStringField("callSite", job.callSite());
                json.writeStringField("match", job.match().label());
                json.writeStringField("verdict", job.verdict().label());
                json.writeObjectFieldStart("duration");
                pair(json, job.baseline().durationMillis(), job.candidate().durationMillis());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            jobs(json, "appearedJobs", comparison.appearedJobs());
            jobs(json, "disappearedJobs", comparison.disappearedJobs());
            json.writeArrayFieldStart("findings");
            for (FindingChange change : comparison.findings()) {
                json.writeStartObject();
                json.writeStringField("change", change.change().label());
                json.writeStringField("rule", change.finding().ruleId());
                json.writeStringField("scope", change.scope());
                if (change.baseline().isPresent()) {
                    json.writeFieldName("baseline");
                    FindingsJson.finding(json, change.baseline().get());
                } else {
                    json.writeNullField("baseline");
                }
                if (change.candidate().isPresent()) {
                    json.writeFieldName("candidate");
                    FindingsJson.finding(json, change.candidate().get());
                } else {
                    json.writeNullField("candidate");
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("configDifferences");
            for (ConfigDifference difference : comparison.config()) {
                json.writeStartObject();
                json.writeStringField("key", difference.key());
                optional(json, "baseline", difference.baseline());
                optional(json, "candidate", difference.candidate());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("ignoredConfigKeys");
            for (String key : comparison.ignoredConfigKeys()) {
                json.writeString(key);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void run(JsonGenerator json, String name, DiagnosedLog log) throws IOException {
        ApplicationInfo info = log.log().application().application();
        json.writeObjectFieldStart(name);
        json.writeStringField("path", log.log().source().displayName());
        json.writeStringField("application", info.name());
        optional(json, "applicationId", info.id());
        optional(json, "sparkVersion", info.sparkVersion());
        json.writeBooleanField("complete", info.complete());
        json.writeEndObject();
    }

    private static void stage(JsonGenerator json, StageComparison stage) throws IOException {
        StageRun before = stage.baseline();
        StageRun after = stage.candidate();
        json.writeStartObject();
        json.writeNumberField("baselineStageId", before.stageId());
        json.writeNumberField("candidateStageId", after.stageId());
        json.writeStringField("name", before.name());
        if (!after.name().equals(before.name())) {
            json.writeStringField("candidateName", after.name());
        }
        json.writeStringField("match", stage.match().label());
        json.writeStringField("verdict", stage.verdict().label());
        json.writeNumberField("baselineAttempts", before.attempts().size());
        json.writeNumberField("candidateAttempts", after.attempts().size());
        json.writeStringField("baselinePlanShape", PlanShape.id(before.planShape()));
        json.writeStringField("candidatePlanShape", PlanShape.id(after.planShape()));
        json.writeObjectFieldStart("duration");
        pair(json, before.durationMillis(), after.durationMillis());
        json.writeEndObject();
        metric(json, "tasks", before.tasks(), after.tasks());
        metric(json, "shuffleReadBytes", before.shuffleReadBytes(), after.shuffleReadBytes());
        metric(json, "shuffleWriteBytes", before.shuffleWriteBytes(), after.shuffleWriteBytes());
        metric(json, "diskBytesSpilled", before.spillDiskBytes(), after.spillDiskBytes());
        metric(json, "jvmGcTime", before.gcMillis(), after.gcMillis());
        metric(json, "executorRunTime", before.taskTimeMillis(), after.taskTimeMillis());
        json.writeObjectFieldStart("taskDurationMaxOverMedian");
        ratio(json, "baseline", before.taskDurations());
        ratio(json, "candidate", after.taskDurations());
        json.writeEndObject();
        json.writeObjectFieldStart("shuffleReadMaxOverMedian");
        ratio(json, "baseline", before.shuffleReadDistribution());
        ratio(json, "candidate", after.shuffleReadDistribution());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void ratio(JsonGenerator json, String name, Distribution distribution) throws IOException {
        OptionalDouble ratio = SkewRatio.of(distribution.count(), distribution.max(), distribution.median());
        if (ratio.isPresent()) {
            json.writeNumberField(name, Math.round(ratio.getAsDouble() * 100) / 100.0);
        } else {
            json.writeNullField(name);
        }
    }

    private static void metric(JsonGenerator json, String name, long before, long after) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeNumberField("baseline", before);
        json.writeNumberField("candidate", after);
        json.writeNumberField("change", after - before);
        json.writeEndObject();
    }

    private static void pair(JsonGenerator json, OptionalLong before, OptionalLong after) throws IOException {
        optionalLong(json, "baseline", before);
        optionalLong(json, "candidate", after);
        if (before.isPresent() && after.isPresent()) {
            json.writeNumberField("change", after.getAsLong() - before.getAsLong());
            if (before.getAsLong() > 0) {
                json.writeNumberField("changePercent", Math.round((after.getAsLong() - before.getAsLong()) * 1000.0
                        / before.getAsLong()) / 10.0);
            } else {
                json.writeNullField("changePercent");
            }
        } else {
            json.writeNullField("change");
            json.writeNullField("changePercent");
        }
    }

    private static void unmatched(JsonGenerator json, String name, java.util.List<StageRun> stages)
            throws IOException {
        json.writeArrayFieldStart(name);
        for (StageRun stage : stages) {
            json.writeStartObject();
            json.writeNumberField("stageId", stage.stageId());
            json.writeStringField("name", stage.name());
            json.writeNumberField("attempts", stage.attempts().size());
            optionalLong(json, "duration", stage.durationMillis());
            json.writeNumberField("tasks", stage.tasks());
            json.writeStringField("planShape", PlanShape.id(stage.planShape()));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void jobs(JsonGenerator json, String name, java.util.List<Job> jobs) throws IOException {
        json.writeArrayFieldStart(name);
        for (Job job : jobs) {
            json.writeStartObject();
            json.writeNumberField("jobId", job.id());
            optional(json, "description", job.description());
            optionalLong(json, "duration", job.durationMillis());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void optional(JsonGenerator json, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(name, value.get());
        } else {
            json.writeNullField(name);
        }
    }

    private static void optionalLong(JsonGenerator json, String name, OptionalLong value) throws IOException {
        if (value.isPresent()) {
            json.writeNumberField(name, value.getAsLong());
        } else {
            json.writeNullField(name);
        }
    }
}
