package dev.sparkdoc.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule catalog: one YAML resource ({@code catalog.yaml} beside this class) drives the analyzers' thresholds,
 * {@code sparkdoc rules}, the documentation pages and the exported alert rules.
 *
 * <p>It holds three kinds of rules ({@link RuleKind}): those {@code sparkdoc analyze} checks (one analyzer each,
 * {@link #rules()}), those only the exported Prometheus alerts check ({@link #alertOnlyRules()}), such as a job
 * slower than its baseline across runs, and those {@code sparkdoc diagnose} checks against what Kubernetes shows
 * ({@link #kubernetesRules()}). All are tuned and disabled the same way and all have a documentation page.
 */
public final class RuleCatalog {

    private static final RuleCatalog BUILT_IN = load();

    private final Map<String, Rule> rules;
    private final String runbookBaseUrl;

    private RuleCatalog(List<Rule> rules, String runbookBaseUrl) {
        Map<String, Rule> byId = new LinkedHashMap<>();
        Set<String> alertNames = new HashSet<>();
        rules.stream().sorted(Comparator.comparing(Rule::id)).forEach(rule -> {
            if (byId.put(rule.id(), rule) != null) {
                throw new IllegalStateException("rule " + rule.id() + " appears twice in the catalog");
            }
            for (AlertTemplate alert : rule.alerts()) {
                alert.validateAgainst(rule);
                if (!alertNames.add(alert.name())) {
                    throw new IllegalStateException("alert " + alert.name() + " appears twice in the catalog");
                }
            }
        });
        this.rules = Collections.unmodifiableMap(byId);
        this.runbookBaseUrl = runbookBaseUrl;
    }

    public static RuleCatalog builtIn() {
        return BUILT_IN;
    }

    /** Every rule {@code sparkdoc analyze} checks (each has one analyzer), sorted by id. */
    public List<Rule> rules() {
        return rules(RuleKind.ANALYZE);
    }

    /** The rules only the exported alerts check, sorted by id. */
    public List<Rule> alertOnlyRules() {
        return rules(RuleKind.ALERTS);
    }

    /** The rules {@code sparkdoc diagnose} checks against Kubernetes, sorted by id. */
    public List<Rule> kubernetesRules() {
        return rules(RuleKind.KUBERNETES);
    }

    /** The rules of one kind, sorted by id. */
    public List<Rule> rules(RuleKind kind) {
        return rules.values().stream().filter(rule -> rule.kind() == kind).toList();
    }

    /** Every kind of rule, sorted by id. */
    public List<Rule> everyRule() {
        return List.copyOf(rules.values());
    }

    /**
     * Where the documentation pages of the rules are published (the docs/rules/ folder); exported alerts point their
     * runbook_url at {@code <this>/<rule id>.md} unless told otherwise.
     */
    public String runbookBaseUrl() {
        return runbookBaseUrl;
    }

    public Optional<Rule> rule(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    public Rule require(String id) {
        Rule rule = rules.get(id);
        if (rule == null) {
            throw new IllegalArgumentException("no rule " + id + " in the catalog");
        }
        return rule;
    }

    private static RuleCatalog load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = RuleCatalog.class.getResourceAsStream("catalog.yaml")) {
            if (in == null) {
                throw new IllegalStateException("catalog.yaml is missing from the rules jar");
            }
            JsonNode root = yaml.readTree(in);
            List<Rule> rules = new ArrayList<>();
            for (RuleKind kind : RuleKind.values()) {
                for (JsonNode node : root.path(kind.catalogSection())) {
                    rules.add(parseRule(node, kind));
                }
            }
            return new RuleCatalog(rules, text(root, "runbook-base-url"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in rule catalog", e);
        }
    }

    private static Rule parseRule(JsonNode node, RuleKind kind) {
        List<Threshold> thresholds = new ArrayList<>();
        for (JsonNode threshold : node.path("thresholds")) {
            String unit = text(threshold, "unit");
            thresholds.add(new Threshold(text(threshold, "name"),
                    ThresholdUnit.parse(unit).orElseThrow(() -> new IllegalStateException("unknown unit " + unit)),
                    threshold.path("default").asDouble(), text(threshold, "description")));
        }
        List<AlertTemplate> alerts = new ArrayList<>();
        for (JsonNode alert : node.path("alerts")) {
            String source = text(alert, "source");
            String severity = text(alert, "severity");
            alerts.add(new AlertTemplate(text(alert, "name"),
                    AlertSource.parse(source).orElseThrow(() -> new IllegalStateException("unknown source " + source)),
                    Severity.parse(severity).orElseThrow(() -> new IllegalStateException("unknown severity " + severity)),
                    text(alert, "for"), text(alert, "expr"), text(alert, "summary"), text(alert, "description")));
        }
        Optional<Severity> severity = node.has("severity") ? Optional.of(severity(text(node, "severity")))
                : Optional.empty();
        List<Rule.SeverityCase> cases = new ArrayList<>();
        for (JsonNode severityCase : node.path("severity-cases")) {
            cases.add(new Rule.SeverityCase(text(severityCase, "name"), severity(text(severityCase, "severity")),
                    text(severityCase, "description")));
        }
        return new Rule(text(node, "id"), text(node, "title"), text(node, "category"), text(node, "detects"),
                text(node, "gate"), text(node, "explanation"), text(node, "remediation"), thresholds, kind, severity,
                cases, alerts);
    }

    private static Severity severity(String text) {
        return Severity.parse(text).orElseThrow(() -> new IllegalStateException("unknown severity " + text));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode()) {
            throw new IllegalStateException("catalog entry " + node.path("id").asText(node.path("name").asText("?"))
                    + " lacks " + field);
        }
        return value.asText().strip();
    }
}
