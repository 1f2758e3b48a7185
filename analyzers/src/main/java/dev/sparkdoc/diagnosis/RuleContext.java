package dev.sparkdoc.diagnosis;

import dev.sparkdoc.rules.Rule;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Threshold;
import dev.sparkdoc.rules.ThresholdKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A rule's catalog entry and thresholds in force, for one analysis. Records each threshold an analyzer reads so its
 * findings state the thresholds that were applied.
 */
public final class RuleContext {

    private final Rule rule;
    private final RuleSettings settings;
    private final Map<String, AppliedThreshold> applied = new LinkedHashMap<>();

    public RuleContext(String ruleId, RuleSettings settings) {
        this.rule = settings.catalog().require(ruleId);
        this.settings = settings;
    }

    public Rule rule() {
        return rule;
    }

    /**
     * A threshold of this rule, named only by its typed key ({@link dev.sparkdoc.rules.Thresholds}, bound to the
     * catalog by ThresholdsTest), so a misspelt name cannot compile.
     */
    public double threshold(ThresholdKey key) {
        if (!key.ruleId().equals(rule.id())) {
            throw new IllegalArgumentException("rule " + rule.id() + " read the threshold " + key
                    + " of another rule");
        }
        String name = key.name();
        Threshold threshold = rule.threshold(name).orElseThrow(
                () -> new IllegalArgumentException("rule " + rule.id() + " has no threshold " + name));
        double value = settings.threshold(rule.id(), name);
        applied.put(name, new AppliedThreshold(name, value, threshold.unit(), settings.isOverridden(rule.id(), name)));
        return value;
    }

    public long thresholdLong(ThresholdKey key) {
        return Math.round(threshold(key));
    }

    /**
     * A finding of this rule with the thresholds read so far. A configuration change that would not move its key the
     * way its intent says (a raise not above the value in force, a lower not below it) is left out: it is never shown.
     */
    public Finding finding(Severity severity, Scope scope, String summary, List<Evidence> evidence,
            List<Recommendation> recommendations, OptionalLong timeLostMillis) {
        List<Recommendation> kept = recommendations.stream()
                .filter(r -> !(r instanceof Recommendation.ConfigChange change) || change.movesWithIntent()).toList();
        return new Finding(rule.id(), rule.title(), severity, scope, summary, evidence,
                new ArrayList<>(applied.values()), rule.explanation(), kept, timeLostMillis);
    }

    /**
     * A finding whose explanation is written for what was seen (the Kubernetes rules name the fix the scheduler's or
     * the kubelet's message points to) in place of the catalog's; otherwise as
     * {@link #finding(Severity, Scope, String, List, List, OptionalLong)}.
     */
    public Finding finding(Severity severity, Scope scope, String summary, List<Evidence> evidence,
            String explanation, List<Recommendation> recommendations, OptionalLong timeLostMillis) {
        Finding finding = finding(severity, scope, summary, evidence, recommendations, timeLostMillis);
        return new Finding(finding.ruleId(), finding.title(), finding.severity(), finding.scope(), finding.summary(),
                finding.evidence(), finding.thresholds(), explanation, finding.recommendations(),
                finding.timeLostMillis());
    }

    /** The catalog's severity for this rule's findings, for a rule with a fixed severity (the Kubernetes rules). */
    public Severity severity() {
        return rule.fixedSeverity();
    }

    /** The catalog's severity for this rule's findings in a named case (catalog.yaml's severity-cases). */
    public Severity severity(String caseName) {
        return rule.severity(caseName);
    }

    public RuleOutcome outcome(List<Finding> findings) {
        return RuleOutcome.found(rule.id(), findings);
    }

    public RuleOutcome notApplicable(String reason) {
        return RuleOutcome.notApplicable(rule.id(), reason);
    }
}
