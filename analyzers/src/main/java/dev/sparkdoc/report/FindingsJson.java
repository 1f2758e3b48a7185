package dev.sparkdoc.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sparkdoc.diagnosis.Advice;
import dev.sparkdoc.diagnosis.AppliedThreshold;
import dev.sparkdoc.diagnosis.Diagnosis;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.FindingGroup;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.Scope;
import java.io.IOException;
import java.util.Map;

/** The findings, rule outcomes and advice of one application in the JSON document. */
public final class FindingsJson {

    private FindingsJson() {
    }

    /**
     * One finding as the JSON document's {@code findings} array holds it, compact: how fleet analysis stores each
     * finding, so a fleet's findings are byte for byte the ones {@code sparkdoc analyze -o json} writes.
     */
    public static String toJson(Finding finding) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JsonGenerator json = new com.fasterxml.jackson.core.JsonFactory().createGenerator(text)) {
            finding(json, finding);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    static void write(JsonGenerator json, Diagnosis diagnosis) throws IOException {
        // The application's totals, as the summary table of several applications shows them.
        if (diagnosis.worstSeverity().isPresent()) {
            json.writeStringField("worstSeverity", diagnosis.worstSeverity().get().label());
        } else {
            json.writeNullField("worstSeverity");
        }
        json.writeNumberField("timeLost", diagnosis.timeLostMillis());
        json.writeArrayFieldStart("findings");
        for (Finding finding : diagnosis.findings()) {
            finding(json, finding);
        }
        json.writeEndArray();
        groups(json, diagnosis);
        json.writeArrayFieldStart("rules");
        for (RuleOutcome outcome : diagnosis.outcomes()) {
            json.writeStartObject();
            json.writeStringField("rule", outcome.ruleId());
            String status = outcome.disabled() ? "disabled"
                    : outcome.notApplicable().isPresent() ? "not-applicable"
                    : outcome.findings().isEmpty() ? "passed" : "found";
            json.writeStringField("status", status);
            if (outcome.notApplicable().isPresent()) {
                json.writeStringField("reason", outcome.notApplicable().get());
            }
            json.writeNumberField("findings", outcome.findings().size());
            json.writeEndObject();
        }
        json.writeEndArray();
        advice(json, diagnosis.advice());
    }

    /**
     * The findings grouped by rule ({@link FindingGroup}), as text, markdown, HTML and the shell show them: each
     * group names its members by their index in {@code findings}, worst first, so no finding is written twice.
     */
    private static void groups(JsonGenerator json, Diagnosis diagnosis) throws IOException {
        Map<Finding, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < diagnosis.findings().size(); i++) {
            index.put(diagnosis.findings().get(i), i);
        }
        json.writeArrayFieldStart("groups");
        for (FindingGroup group : diagnosis.findingGroups()) {
            json.writeStartObject();
            json.writeStringField("rule", group.ruleId());
            json.writeStringField("title", group.title());
            json.writeStringField("severity", group.severity().label());
            json.writeStringField("where", group.scopeLabel());
            json.writeNumberField("findings", group.size());
            if (group.timeLostMillis().isPresent()) {
                json.writeNumberField("timeLost", group.timeLostMillis().getAsLong());
            } else {
                json.writeNullField("timeLost");
            }
            json.writeArrayFieldStart("members");
            for (Finding member : group.members()) {
                json.writeNumber(index.get(member));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    static void finding(JsonGenerator json, Finding finding) throws IOException {
        json.writeStartObject();
        json.writeStringField("rule", finding.ruleId());
        json.writeStringField("title", finding.title());
        json.writeStringField("severity", finding.severity().label());
        scope(json, finding.scope());
        json.writeStringField("summary", finding.summary());
        json.writeArrayFieldStart("evidence");
        for (Evidence evidence : finding.evidence()) {
            json.writeStartObject();
            json.writeStringField("name", evidence.name());
            if (evidence.value().isPresent()) {
                double value = evidence.value().getAsDouble();
                if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                    json.writeNumberField("value", (long) value);
                } else {
                    json.writeNumberField("value", value);
                }
            } else {
                json.writeStringField("value", evidence.display());
            }
            json.writeStringField("unit", evidence.unit());
            json.writeStringField("display", evidence.display());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("thresholds");
        for (AppliedThreshold threshold : finding.thresholds()) {
            json.writeStartObject();
            json.writeStringField("name", threshold.name());
            json.writeNumberField("value", threshold.value());
            json.writeStringField("unit", threshold.unit().label());
            json.writeStringField("display", threshold.display());
            json.writeBooleanField("overridden", threshold.overridden());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("explanation", finding.explanation());
        json.writeArrayFieldStart("recommendations");
        for (Recommendation recommendation : finding.recommendations()) {
            recommendation(json, recommendation);
        }
        json.writeEndArray();
        if (finding.timeLostMillis().isPresent()) {
            json.writeNumberField("timeLost", finding.timeLostMillis().getAsLong());
        } else {
            json.writeNullField("timeLost");
        }
        json.writeEndObject();
    }

    private static void scope(JsonGenerator json, Scope scope) throws IOException {
        json.writeObjectFieldStart("scope");
        json.writeStringField("kind", scope.kind());
        if (scope instanceof Scope.Stage stage) {
            json.writeNumberField("stageId", stage.stage().stageId());
            json.writeNumberField("attemptId", stage.stage().attemptId());
        } else if (scope instanceof Scope.Job job) {
            json.writeNumberField("jobId", job.jobId());
        } else if (scope instanceof Scope.Executor executor) {
            json.writeStringField("executorId", executor.executorId());
        } else if (scope instanceof Scope.SqlExecution sql) {
            json.writeNumberField("executionId", sql.executionId());
        }
        json.writeEndObject();
    }

    private static void recommendation(JsonGenerator json, Recommendation recommendation) throws IOException {
        json.writeStartObject();
        if (recommendation instanceof Recommendation.ConfigChange change) {
            json.writeStringField("type", "config");
            json.writeStringField("key", change.key());
            if (change.currentValue().isPresent()) {
                json.writeStringField("current", change.currentValue().get());
            } else {
                json.writeNullField("current");
            }
            json.writeBooleanField("currentIsDefault", change.currentIsDefault());
            json.writeStringField("proposed", change.proposedValue());
            json.writeStringField("intent", change.intent().label());
        } else if (recommendation instanceof Recommendation.CodeChange change) {
            json.writeStringField("type", "code");
            json.writeStringField("kind", change.kind());
            json.writeStringField("summary", change.summary());
            json.writeObjectFieldStart("snippets");
            for (Map.Entry<String, String> snippet : change.snippets().entrySet()) {
                json.writeStringField(snippet.getKey(), snippet.getValue());
            }
            json.writeEndObject();
        }
        json.writeStringField("why", recommendation.why());
        json.writeEndObject();
    }

    private static void advice(JsonGenerator json, Advice advice) throws IOException {
        json.writeObjectFieldStart("advice");
        json.writeArrayFieldStart("config");
        for (Advice.Setting setting : advice.settings()) {
            json.writeStartObject();
            json.writeStringField("key", setting.key());
            if (setting.currentValue().isPresent()) {
                json.writeStringField("current", setting.currentValue().get());
            } else {
                json.writeNullField("current");
            }
            json.writeBooleanField("currentIsDefault", setting.currentIsDefault());
            json.writeStringField("proposed", setting.proposedValue());
            json.writeStringField("intent", setting.intent().label());
            json.writeArrayFieldStart("rules");
            for (String rule : setting.ruleIds()) {
                json.writeString(rule);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("reasons");
            for (String reason : setting.reasons()) {
                json.writeString(reason);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("notes");
            for (String note : setting.notes()) {
                json.writeString(note);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("notes");
        for (String note : advice.notes()) {
            json.writeString(note);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("confArguments");
        for (String argument : AdviceFormat.confArguments(advice)) {
            json.writeString(argument);
        }
        json.writeEndArray();
        json.writeStringField("sparkDefaultsConf", AdviceFormat.sparkDefaults(advice));
        json.writeArrayFieldStart("codeChanges");
        for (Recommendation.CodeChange change : advice.codeChanges()) {
            recommendation(json, change);
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
