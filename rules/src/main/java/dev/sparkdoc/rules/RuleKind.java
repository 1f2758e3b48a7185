package dev.sparkdoc.rules;

/**
 * What checks a rule, and so which section of catalog.yaml holds it. Every kind is tuned and disabled the same way
 * ({@code --rules FILE}) and has a documentation page; they differ in the command that applies them.
 */
public enum RuleKind {

    /** One analyzer each, applied by {@code sparkdoc analyze} (and the listener) to an event log or a live run. */
    ANALYZE("rules", "sparkdoc analyze"),

    /**
     * Checked only by the exported Prometheus alerts ({@code sparkdoc alerts export}): the rule needs history across
     * runs or the live state of a running application or cluster, which no event log holds.
     */
    ALERTS("alert-only-rules", "the exported Prometheus alerts only (sparkdoc alerts export)"),

    /**
     * Checked by {@code sparkdoc diagnose} against what Kubernetes shows of an application: its pods, their events
     * and its SparkApplication.
     */
    KUBERNETES("kubernetes-rules", "sparkdoc diagnose (Kubernetes pods, events and the SparkApplication)");

    private final String catalogSection;
    private final String checkedBy;

    RuleKind(String catalogSection, String checkedBy) {
        this.catalogSection = catalogSection;
        this.checkedBy = checkedBy;
    }

    /** The top-level key of catalog.yaml that lists the rules of this kind. */
    public String catalogSection() {
        return catalogSection;
    }

    /** What checks a rule of this kind, in words, for {@code sparkdoc rules show} and the docs. */
    public String checkedBy() {
        return checkedBy;
    }
}
