package dev.sparkdoc.rules;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One rule of the catalog: a stable id, what it detects, why it matters, what to do, its thresholds, and the
 * Prometheus alerts that watch for the same problem live.
 *
 * @param gate what keeps trivial cases quiet, in words (the floors are among the thresholds)
 * @param kind what checks the rule: an analyzer of {@code sparkdoc analyze}, only the exported alerts, or
 *     {@code sparkdoc diagnose} on Kubernetes
 * @param severity the severity of the rule's findings where it is fixed (the Kubernetes rules); empty where the
 *     rule grades its findings by its warning and critical thresholds
 * @param severityCases named cases in which a finding takes another severity than {@code severity} (for
 *     k8s-unschedulable: critical when the driver is among the pending pods), read with {@link #severity(String)}
 * @param alerts the alerting rules {@code sparkdoc alerts export} writes for this rule, in catalog order
 */
public record Rule(String id, String title, String category, String detects, String gate, String explanation,
        String remediation, List<Threshold> thresholds, RuleKind kind, Optional<Severity> severity,
        List<SeverityCase> severityCases, List<AlertTemplate> alerts) {

    /** A case in which a rule's finding has another severity, with when it applies in words. */
    public record SeverityCase(String name, Severity severity, String description) {
        public SeverityCase {
            requireNonNull(name, "name is null");
            requireNonNull(severity, "severity is null");
            requireNonNull(description, "description is null");
        }
    }

    /** A rule whose findings' severity its thresholds decide (analyze and alert-only rules). */
    public Rule(String id, String title, String category, String detects, String gate, String explanation,
            String remediation, List<Threshold> thresholds, RuleKind kind, List<AlertTemplate> alerts) {
        this(id, title, category, detects, gate, explanation, remediation, thresholds, kind, Optional.empty(),
                List.of(), alerts);
    }

    public Rule {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(category, "category is null");
        requireNonNull(detects, "detects is null");
        requireNonNull(gate, "gate is null");
        requireNonNull(explanation, "explanation is null");
        requireNonNull(remediation, "remediation is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(severity, "severity is null");
        thresholds = List.copyOf(thresholds);
        severityCases = List.copyOf(severityCases);
        alerts = List.copyOf(alerts);
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("rule id must be lower-case words joined by dashes: " + id);
        }
        if (kind == RuleKind.ALERTS && alerts.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " is checked only by alerts but has none");
        }
        if (kind == RuleKind.KUBERNETES && severity.isEmpty()) {
            throw new IllegalArgumentException("Kubernetes rule " + id + " needs a severity");
        }
        if (severity.isEmpty() && !severityCases.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " has severity cases but no severity");
        }
        if (severityCases.stream().map(SeverityCase::name).distinct().count() != severityCases.size()) {
            throw new IllegalArgumentException("rule " + id + " names a severity case twice");
        }
    }

    /** True for a rule that only the exported alerts check ({@code sparkdoc analyze} has no analyzer for it). */
    public boolean alertOnly() {
        return kind == RuleKind.ALERTS;
    }

    /** The severity of this rule's findings in the named case (one of {@link #severityCases()}). */
    public Severity severity(String caseName) {
        return severityCases.stream().filter(c -> c.name().equals(caseName)).findFirst()
                .map(SeverityCase::severity).orElseThrow(() -> new IllegalArgumentException("rule " + id
                        + " has no severity case " + caseName));
    }

    /** The fixed severity of this rule's findings; throws for a rule that grades them by its thresholds. */
    public Severity fixedSeverity() {
        return severity.orElseThrow(() -> new IllegalStateException("rule " + id
                + " grades its findings by its thresholds; it has no fixed severity"));
    }

    public Optional<Threshold> threshold(String name) {
        return thresholds.stream().filter(threshold -> threshold.name().equals(name)).findFirst();
    }

    /** The path of this rule's documentation page, relative to the repository root. */
    public String docsPath() {
        return "docs/rules/" + id + ".md";
    }

    /** The URL of this rule's documentation page under {@code baseUrl} (the docs/rules/ folder, with or without /). */
    public String docsUrl(String baseUrl) {
        return (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + id + ".md";
    }
}
