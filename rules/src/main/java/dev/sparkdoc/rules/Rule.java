package dev.sparkdoc.rules;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One rule of the catalog: a stable id, what it detects, why it matters, what to do, its thresholds, and the
 * Prometheus alerts that watch for the same problem live.
 *
 * @param gate what keeps trivial cases quiet, in words (the floors are among the thresholds)
 * @param alertOnly true for a rule that only the exported alerts check ({@code sparkdoc analyze} has no analyzer for
 *     it: it needs history across runs or live state that an event log does not hold)
 * @param alerts the alerting rules {@code sparkdoc alerts export} writes for this rule, in catalog order
 */
public record Rule(String id, String title, String category, String detects, String gate, String explanation,
        String remediation, List<Threshold> thresholds, boolean alertOnly, List<AlertTemplate> alerts) {

    public Rule {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(category, "category is null");
        requireNonNull(detects, "detects is null");
        requireNonNull(gate, "gate is null");
        requireNonNull(explanation, "explanation is null");
        requireNonNull(remediation, "remediation is null");
        thresholds = List.copyOf(thresholds);
        alerts = List.copyOf(alerts);
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("rule id must be lower-case words joined by dashes: " + id);
        }
        if (alertOnly && alerts.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " is checked only by alerts but has none");
        }
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
