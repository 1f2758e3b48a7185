package dev.sparkdoc.rules;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule catalog: one YAML resource ({@code catalog.yaml} beside this class; served at run time by the
 * {@link GeneratedCatalog} generated from it) drives the analyzers' thresholds,
 * {@code sparkdoc rules}, the documentation pages and the exported alert rules.
 *
 * <p>It holds three kinds of rules ({@link RuleKind}): those {@code sparkdoc analyze} checks (one analyzer each,
 * {@link #rules()}), those only the exported Prometheus alerts check ({@link #alertOnlyRules()}), such as a job
 * slower than its baseline across runs, and those {@code sparkdoc diagnose} checks against what Kubernetes shows
 * ({@link #kubernetesRules()}). All are tuned and disabled the same way and all have a documentation page.
 */
public final class RuleCatalog {

    // From GeneratedCatalog, catalog.yaml's content as Java: no YAML parser and no jackson-databind start with the
    // command (GeneratedCatalogTest keeps the two equal).
    private static final RuleCatalog BUILT_IN = new RuleCatalog(GeneratedCatalog.rules(),
            GeneratedCatalog.RUNBOOK_BASE_URL);

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

    /** The catalog as catalog.yaml says it, read with YAML: the build's check of {@link GeneratedCatalog}. */
    static RuleCatalog fromYaml() {
        CatalogYaml.Parsed parsed = CatalogYaml.read();
        return new RuleCatalog(parsed.rules(), parsed.runbookBaseUrl());
    }
}
