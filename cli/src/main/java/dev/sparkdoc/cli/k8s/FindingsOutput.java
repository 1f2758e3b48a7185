package dev.sparkdoc.cli.k8s;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkdoc.diagnosis.Advice;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.report.AdviceFormat;
import dev.sparkdoc.report.FindingsText;
import java.io.PrintWriter;
import java.util.List;

/** Findings (Kubernetes and event log alike) and the merged advice, as text and as JSON, for {@code diagnose}. */
final class FindingsOutput {

    private FindingsOutput() {
    }

    static String counts(List<Finding> findings) {
        return findings.isEmpty() ? "none" : FindingsText.counts(findings);
    }

    /** Each finding as {@code sparkdoc analyze} prints it, with the rule's explanation. */
    static void text(List<Finding> findings, PrintWriter out, dev.sparkdoc.report.TextStyle style) {
        for (Finding finding : findings) {
            FindingsText.renderFinding(finding, true, out, style);
        }
    }

    static ArrayNode json(List<Finding> findings) {
        ArrayNode array = Output.array();
        for (Finding finding : findings) {
            ObjectNode node = array.addObject();
            node.put("rule", finding.ruleId());
            node.put("title", finding.title());
            node.put("severity", finding.severity().label());
            node.putObject("scope").put("kind", finding.scope().kind()).put("label", finding.scope().label());
            node.put("summary", finding.summary());
            ArrayNode evidence = node.putArray("evidence");
            for (Evidence item : finding.evidence()) {
                ObjectNode entry = evidence.addObject();
                entry.put("name", item.name());
                if (item.value().isPresent()) {
                    double value = item.value().getAsDouble();
                    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                        entry.put("value", (long) value);
                    } else {
                        entry.put("value", value);
                    }
                } else {
                    entry.put("value", item.display());
                }
                entry.put("unit", item.unit());
                entry.put("display", item.display());
            }
            ArrayNode thresholds = node.putArray("thresholds");
            for (dev.sparkdoc.diagnosis.AppliedThreshold threshold : finding.thresholds()) {
                thresholds.addObject().put("name", threshold.name()).put("value", threshold.value())
                        .put("unit", threshold.unit().label()).put("display", threshold.display())
                        .put("overridden", threshold.overridden());
            }
            node.put("explanation", finding.explanation());
            ArrayNode recommendations = node.putArray("recommendations");
            for (Recommendation recommendation : finding.recommendations()) {
                ObjectNode entry = recommendations.addObject();
                if (recommendation instanceof Recommendation.ConfigChange change) {
                    entry.put("type", "config");
                    entry.put("key", change.key());
                    GetCommand.putOptional(entry, "current", change.currentValue());
                    entry.put("proposed", change.proposedValue());
                    entry.put("intent", change.intent().label());
                } else if (recommendation instanceof Recommendation.CodeChange change) {
                    entry.put("type", "code");
                    entry.put("kind", change.kind());
                    entry.put("summary", change.summary());
                }
                entry.put("why", recommendation.why());
            }
        }
        return array;
    }

    static ObjectNode adviceJson(Advice advice) {
        ObjectNode node = Output.object();
        ArrayNode config = node.putArray("config");
        for (Advice.Setting setting : advice.settings()) {
            ObjectNode entry = config.addObject();
            entry.put("key", setting.key());
            GetCommand.putOptional(entry, "current", setting.currentValue());
            entry.put("currentIsDefault", setting.currentIsDefault());
            entry.put("proposed", setting.proposedValue());
            entry.put("intent", setting.intent().label());
            ArrayNode rules = entry.putArray("rules");
            setting.ruleIds().forEach(rules::add);
        }
        ArrayNode arguments = node.putArray("confArguments");
        AdviceFormat.confArguments(advice).forEach(arguments::add);
        node.put("sparkDefaultsConf", AdviceFormat.sparkDefaults(advice));
        return node;
    }
}
