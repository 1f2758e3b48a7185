package dev.sparkdoc.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The typed threshold keys and the catalog name the same thresholds, both ways. */
class ThresholdsTest {

    static Set<ThresholdKey> declaredKeys() throws IllegalAccessException {
        Set<ThresholdKey> keys = new java.util.HashSet<>();
        for (Class<?> rule : Thresholds.class.getDeclaredClasses()) {
            String ruleId = (String) field(rule, "RULE").get(null);
            for (Field field : rule.getDeclaredFields()) {
                if (field.getType() == ThresholdKey.class && Modifier.isStatic(field.getModifiers())) {
                    ThresholdKey key = (ThresholdKey) field.get(null);
                    assertEquals(ruleId, key.ruleId(), rule.getSimpleName() + "." + field.getName());
                    String constant = key.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
                    assertEquals(constant, field.getName(), "constant named after its threshold");
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(type.getSimpleName() + " has no " + name, e);
        }
    }

    @Test
    void everyKeyIsACatalogThreshold() throws Exception {
        List<String> unknown = new ArrayList<>();
        for (ThresholdKey key : declaredKeys()) {
            boolean known = RuleCatalog.builtIn().rule(key.ruleId())
                    .flatMap(rule -> rule.threshold(key.name())).isPresent();
            if (!known) {
                unknown.add(key.toString());
            }
        }
        assertTrue(unknown.isEmpty(), "keys not in the catalog: " + unknown);
    }

    @Test
    void everyCatalogThresholdHasAKey() throws Exception {
        Set<ThresholdKey> keys = declaredKeys();
        Set<String> missing = new TreeSet<>();
        for (Rule rule : RuleCatalog.builtIn().everyRule()) {
            for (Threshold threshold : rule.thresholds()) {
                if (!keys.contains(new ThresholdKey(rule.id(), threshold.name()))) {
                    missing.add(rule.id() + "/" + threshold.name());
                }
            }
        }
        assertTrue(missing.isEmpty(), "catalog thresholds without a key in Thresholds: " + missing);
    }

    @Test
    void aKeyReadsTheValueInForce() throws Exception {
        RuleSettings settings = RuleSettings.parse("test", """
                rules:
                  executor-cores:
                    thresholds:
                      max-cores: 8
                """);
        assertEquals(8, settings.threshold(Thresholds.ExecutorCores.MAX_CORES));
        assertEquals(2, settings.threshold(Thresholds.ExecutorCores.MIN_CORES));
    }
}
