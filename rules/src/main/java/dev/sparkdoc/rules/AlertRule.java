package dev.sparkdoc.rules;

import static java.util.Objects.requireNonNull;

/**
 * One Prometheus alerting rule ready to export: the catalog's {@link AlertTemplate} with the thresholds in force.
 *
 * @param ruleId the catalog rule whose thresholds and documentation the alert uses
 * @param forDuration a Prometheus duration such as {@code 5m}
 * @param runbookUrl the rule's documentation page: exported as the {@code runbook_url} annotation only when it is an
 *     absolute http(s) URL (Alertmanager and Grafana link it as is, so a relative path is a dead link)
 * @param fix what to do, the rule's remediation from the catalog, so the alert carries its runbook's text
 */
public record AlertRule(String name, String ruleId, AlertSource source, Severity severity, String forDuration,
        String expr, String summary, String description, String runbookUrl,
        String fix) {

    public AlertRule {
        requireNonNull(name, "name is null");
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(source, "source is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(forDuration, "forDuration is null");
        requireNonNull(expr, "expr is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(description, "description is null");
        requireNonNull(runbookUrl, "runbookUrl is null");
        requireNonNull(fix, "fix is null");
    }

    /** Whether {@link #runbookUrl} can be linked from an alert: an absolute http or https URL. */
    public boolean hasRunbookLink() {
        return runbookUrl.startsWith("https://") || runbookUrl.startsWith("http://");
    }
}
