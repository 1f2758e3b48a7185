package dev.sparkdoc.rules;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus alerting rule as the catalog writes it: the PromQL expression, the {@code for} duration and the
 * annotations may name the rule's thresholds as {@code ${threshold-name}}. {@link #resolve} puts in the values in
 * force, so an exported alert and {@code sparkdoc analyze} apply the same numbers.
 *
 * <p>In the expression a placeholder becomes the value in Prometheus' base units (fractions and ratios as plain
 * numbers, bytes as bytes, milliseconds as seconds); in {@code for} a millisecond threshold becomes a duration
 * ({@code 10m}); in the summary and description the value as people read it ({@code 20%}, {@code 10x},
 * {@code 64 MiB}, {@code 10m}).
 *
 * @param forDuration how long the condition must hold before the alert fires: a Prometheus duration or a placeholder
 */
public record AlertTemplate(String name, AlertSource source, Severity severity, String forDuration, String expr,
        String summary, String description) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9-]+)}");
    private static final Pattern DURATION = Pattern.compile("[0-9]+(ms|s|m|h|d|w|y)");

    public AlertTemplate {
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(forDuration, "forDuration is null");
        requireNonNull(expr, "expr is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(description, "description is null");
        if (!name.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("alert name must be UpperCamelCase: " + name);
        }
        if (!DURATION.matcher(forDuration).matches() && !PLACEHOLDER.matcher(forDuration).matches()) {
            throw new IllegalArgumentException("alert " + name + ": 'for' must be a duration such as 5m or a "
                    + "${threshold}, got " + forDuration);
        }
        if (expr.isBlank()) {
            throw new IllegalArgumentException("alert " + name + " has an empty expression");
        }
    }

    /** Every threshold name this template refers to. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (String text : new String[] {forDuration, expr, summary, description}) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** Checks that every placeholder is a threshold of {@code rule}, and that {@code for} names a time. */
    void validateAgainst(Rule rule) {
        for (String placeholder : placeholders()) {
            if (rule.threshold(placeholder).isEmpty()) {
                throw new IllegalStateException("alert " + name + " of rule " + rule.id() + " refers to ${"
                        + placeholder + "}, which is not one of the rule's thresholds");
            }
        }
        Matcher forPlaceholder = PLACEHOLDER.matcher(forDuration);
        if (forPlaceholder.matches()
                && rule.threshold(forPlaceholder.group(1)).orElseThrow().unit() != ThresholdUnit.MILLISECONDS) {
            throw new IllegalStateException("alert " + name + ": 'for' must name a time threshold");
        }
    }

    /** This alert with the thresholds in force in {@code settings} and its runbook at {@code runbookUrl}. */
    public AlertRule resolve(Rule rule, RuleSettings settings, String runbookUrl) {
        requireNonNull(rule, "rule is null");
        requireNonNull(settings, "settings is null");
        Function<String, Double> value = threshold -> settings.threshold(rule.id(), threshold);
        Function<String, ThresholdUnit> unit = threshold -> rule.threshold(threshold).orElseThrow().unit();
        return new AlertRule(name, rule.id(), source, severity,
                substitute(forDuration, threshold -> promDuration(value.apply(threshold))),
                substitute(expr, threshold -> promNumber(unit.apply(threshold), value.apply(threshold))),
                substitute(summary, threshold -> forPeople(unit.apply(threshold), value.apply(threshold))),
                substitute(description, threshold -> forPeople(unit.apply(threshold), value.apply(threshold))),
                runbookUrl, rule.remediation().strip());
    }

    /** Times as Prometheus durations (10m), which read well in an alert; everything else as the docs write it. */
    private static String forPeople(ThresholdUnit unit, double value) {
        return unit == ThresholdUnit.MILLISECONDS ? promDuration(value) : unit.format(value);
    }

    private static String substitute(String text, Function<String, String> replacement) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement.apply(matcher.group(1))));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** A threshold in Prometheus' base units, written without exponent or trailing zeros. */
    static String promNumber(ThresholdUnit unit, double value) {
        double base = unit == ThresholdUnit.MILLISECONDS ? value / 1000 : value;
        BigDecimal decimal = BigDecimal.valueOf(base).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
    }

    /** Milliseconds as a Prometheus duration in the largest unit that keeps it exact: 600000 is {@code 10m}. */
    static String promDuration(double millis) {
        long value = Math.round(millis);
        if (value == 0) {
            return "0s";
        }
        long[] factors = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < factors.length; i++) {
            if (value % factors[i] == 0) {
                return value / factors[i] + units[i];
            }
        }
        return value + "ms";
    }
}
