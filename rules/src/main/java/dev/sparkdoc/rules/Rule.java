package dev.sparkdoc.rules;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One rule of the catalog: a stable id, what it detects, why it matters, what to do, and its thresholds.
 *
 * @param gate what keeps trivial cases quiet, in words (the floors are among the thresholds)
 */
public record Rule(String id, String title, String category, String detects, String gate, String explanation,
        String remediation, List<Threshold> thresholds) {

    public Rule {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(category, "category is null");
        requireNonNull(detects, "detects is null");
        requireNonNull(gate, "gate is null");
        requireNonNull(explanation, "explanation is null");
        requireNonNull(remediation, "remediation is null");
        thresholds = List.copyOf(thresholds);
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("rule id must be lower-case words joined by dashes: " + id);
        }
    }

    public Optional<Threshold> threshold(String name) {
        return thresholds.stream().filter(threshold -> threshold.name().equals(name)).findFirst();
    }

    /** The path of this rule's documentation page, relative to the repository root. */
    public String docsPath() {
        return "docs/rules/" + id + ".md";
    }
}
