package dev.sparkdoc.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertTemplateTest {

    @Test
    void thresholdsBecomePrometheusNumbersInBaseUnits() {
        assertEquals("0.05", AlertTemplate.promNumber(ThresholdUnit.FRACTION, 0.05));
        assertEquals("10", AlertTemplate.promNumber(ThresholdUnit.RATIO, 10));
        assertEquals("67108864", AlertTemplate.promNumber(ThresholdUnit.BYTES, 64 << 20));
        assertEquals("60", AlertTemplate.promNumber(ThresholdUnit.MILLISECONDS, 60_000));
        assertEquals("1.5", AlertTemplate.promNumber(ThresholdUnit.MILLISECONDS, 1500));
        assertEquals("0", AlertTemplate.promNumber(ThresholdUnit.COUNT, 0));
    }

    @Test
    void timeThresholdsBecomePrometheusDurations() {
        assertEquals("10m", AlertTemplate.promDuration(600_000));
        assertEquals("2h", AlertTemplate.promDuration(7_200_000));
        assertEquals("1d", AlertTemplate.promDuration(86_400_000));
        assertEquals("90s", AlertTemplate.promDuration(90_000));
        assertEquals("1500ms", AlertTemplate.promDuration(1500));
        assertEquals("0s", AlertTemplate.promDuration(0));
    }

    @Test
    void resolvingFillsEachPlaceholderForItsPlaceWithTheThresholdInForce() throws RuleSettingsException {
        Rule pods = RuleCatalog.builtIn().require("kubernetes-pods");
        AlertTemplate pending = pods.alerts().stream().filter(alert -> alert.name().equals("SparkPodPending"))
                .findFirst().orElseThrow();
        assertEquals(Set.of("max-pending-time"), pending.placeholders());
        AlertRule byDefault = pending.resolve(pods, RuleSettings.defaults(), "https://example.test/pods.md");
        assertEquals("10m", byDefault.forDuration());
        assertTrue(byDefault.summary().endsWith("has been Pending for 10m"), byDefault.summary());
        assertEquals("https://example.test/pods.md", byDefault.runbookUrl());

        RuleSettings tuned = RuleSettings.parse("t.yaml", """
                rules:
                  kubernetes-pods:
                    thresholds:
                      max-pending-time: 90s
                  data-skew:
                    thresholds:
                      critical-ratio: 12.5
                  shuffle-spill:
                    thresholds:
                      warning-spill-ratio: 12.5%
                """);
        assertEquals("90s", pending.resolve(pods, tuned, "u").forDuration());
        Rule spill = RuleCatalog.builtIn().require("shuffle-spill");
        AlertRule spilled = spill.alerts().get(0).resolve(spill, tuned, "u");
        assertTrue(spilled.expr().contains(") >= 0.125\n"), spilled.expr());
        assertTrue(spilled.description().contains("threshold 12.5%"), spilled.description());
        assertTrue(!spilled.expr().contains("${") && !spilled.description().contains("${"), spilled.toString());
        // The skew alert reads the listener's findings; the thresholds in force show in its words.
        Rule skew = RuleCatalog.builtIn().require("data-skew");
        AlertRule skewed = skew.alerts().get(0).resolve(skew, tuned, "u");
        assertTrue(skewed.description().contains("reached 12.5x the median"), skewed.description());
        assertTrue(!skewed.expr().contains("${") && !skewed.description().contains("${"), skewed.toString());
    }

    @Test
    void unknownPlaceholdersAndBadNamesAreRejected() {
        AlertTemplate template = new AlertTemplate("Demo", AlertSource.SPARK, Severity.INFO, "5m", "x > ${nope}",
                "s", "d");
        Rule rule = new Rule("demo", "Demo", "performance", "d", "g", "e", "r", List.of(), RuleKind.ANALYZE, List.of());
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> template.validateAgainst(rule));
        assertTrue(error.getMessage().contains("${nope}"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new AlertTemplate("lower", AlertSource.SPARK, Severity.INFO, "5m", "x", "s", "d"));
        assertThrows(IllegalArgumentException.class,
                () -> new AlertTemplate("Demo", AlertSource.SPARK, Severity.INFO, "five minutes", "x", "s", "d"));
        assertThrows(IllegalArgumentException.class, () -> new Rule("demo", "Demo", "performance", "d", "g", "e", "r",
                List.of(), RuleKind.ALERTS, List.of()));
    }
}
