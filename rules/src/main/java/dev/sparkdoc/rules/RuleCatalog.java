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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule catalog: one YAML resource ({@code catalog.yaml} beside this class) drives the analyzers' thresholds,
 * {@code sparkdoc rules}, the documentation pages and the exported alert rules.
 */
public final class RuleCatalog {

    private static final RuleCatalog BUILT_IN = load();

    private final Map<String, Rule> rules;

    private RuleCatalog(List<Rule> rules) {
        Map<String, Rule> byId = new LinkedHashMap<>();
        rules.stream().sorted(Comparator.comparing(Rule::id)).forEach(rule -> {
            if (byId.put(rule.id(), rule) != null) {
                throw new IllegalStateException("rule " + rule.id() + " appears twice in the catalog");
            }
        });
        this.rules = Collections.unmodifiableMap(byId);
    }

    public static RuleCatalog builtIn() {
        return BUILT_IN;
    }

    /** Every rule, sorted by id. */
    public List<Rule> rules() {
        return List.copyOf(rules.values());
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
            for (JsonNode node : root.path("rules")) {
                rules.add(parseRule(node));
            }
            return new RuleCatalog(rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in rule catalog", e);
        }
    }

    private static Rule parseRule(JsonNode node) {
        List<Threshold> thresholds = new ArrayList<>();
        for (JsonNode threshold : node.path("thresholds")) {
            String unit = text(threshold, "unit");
            thresholds.add(new Threshold(text(threshold, "name"),
                    ThresholdUnit.parse(unit).orElseThrow(() -> new IllegalStateException("unknown unit " + unit)),
                    threshold.path("default").asDouble(), text(threshold, "description")));
        }
        return new Rule(text(node, "id"), text(node, "title"), text(node, "category"), text(node, "detects"),
                text(node, "gate"), text(node, "explanation"), text(node, "remediation"), thresholds);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode()) {
            throw new IllegalStateException("catalog entry " + node.path("id").asText("?") + " lacks " + field);
        }
        return value.asText().strip();
    }
}
