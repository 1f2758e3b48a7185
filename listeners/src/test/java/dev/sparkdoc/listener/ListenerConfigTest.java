package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Settings: defaults, valid values, and invalid ones warned about by key and replaced by the default (never fatal). */
class ListenerConfigTest {

    @Test
    void defaultsWithoutAnySetting() {
        ListenerConfig config = ListenerConfig.from(Map.of("spark.app.name", "x"));
        assertTrue(config.enabled());
        assertEquals(Optional.empty(), config.reportDir());
        assertEquals(OptionalInt.empty(), config.prometheusPort());
        assertEquals("0.0.0.0", config.prometheusHost());
        assertEquals(Optional.empty(), config.pushgatewayAddress());
        assertEquals("sparkdoc", config.pushgatewayJob());
        assertEquals(Optional.empty(), config.rulesFile());
        assertEquals(10_000, config.queueCapacity());
        assertEquals(100_000, config.retainedTaskRows());
        assertTrue(config.warnings().isEmpty());
    }

    @Test
    void validSettingsAreTaken() {
        ListenerConfig config = ListenerConfig.from(Map.of(
                "spark.sparkdoc.enabled", "TRUE",
                "spark.sparkdoc.report.dir", "s3a://bucket/sparkdoc/",
                "spark.sparkdoc.prometheus.port", "9464",
                "spark.sparkdoc.prometheus.host", "127.0.0.1",
                "spark.sparkdoc.pushgateway.address", "pushgateway.monitoring:9091",
                "spark.sparkdoc.pushgateway.job", "nightly",
                "spark.sparkdoc.rules", "/etc/sparkdoc/rules.yaml",
                "spark.sparkdoc.queue.capacity", " 50000 ",
                "spark.sparkdoc.retainedTaskRows", "0",
                "spark.sparkdoc.stageTaskRows", "256"));
        assertEquals(Optional.of("s3a://bucket/sparkdoc/"), config.reportDir());
        assertEquals(OptionalInt.of(9464), config.prometheusPort());
        assertEquals("127.0.0.1", config.prometheusHost());
        assertEquals(Optional.of("pushgateway.monitoring:9091"), config.pushgatewayAddress());
        assertEquals("nightly", config.pushgatewayJob());
        assertEquals(Optional.of("/etc/sparkdoc/rules.yaml"), config.rulesFile());
        assertEquals(50_000, config.queueCapacity());
        assertEquals(0, config.retainedTaskRows());
        assertEquals(256, config.stageTaskRows());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
        assertFalse(ListenerConfig.from(Map.of("spark.sparkdoc.enabled", "false")).enabled());
        assertEquals(OptionalInt.of(0), ListenerConfig.from(Map.of("spark.sparkdoc.prometheus.port", "0"))
                .prometheusPort());
        assertTrue(ListenerConfig.validPushgateway("https://push.example.org"));
        assertTrue(ListenerConfig.validPushgateway("http://127.0.0.1:9091"));
    }

    /** The final push is the default; deleting the group at the end is asked for, and nonsense keeps the push. */
    @Test
    void deleteOnEndIsOffByDefault() {
        assertFalse(ListenerConfig.from(Map.of()).pushgatewayDeleteOnEnd());
        assertTrue(ListenerConfig.from(Map.of(ListenerConfig.PUSHGATEWAY_DELETE_ON_END, "TRUE"))
                .pushgatewayDeleteOnEnd());
        ListenerConfig nonsense = ListenerConfig.from(Map.of(ListenerConfig.PUSHGATEWAY_DELETE_ON_END, "yes"));
        assertFalse(nonsense.pushgatewayDeleteOnEnd());
        assertEquals(List.of(ListenerConfig.PUSHGATEWAY_DELETE_ON_END + "=yes is not true or false; the final values"
                + " are pushed"), nonsense.warnings());
    }

    /** Pushes while running are off unless asked for; a few seconds is raised to 5, nonsense falls back to off. */
    @Test
    void pushIntervalIsOffByDefaultAtLeastFiveSecondsAndWarnedAbout() {
        assertEquals(0, ListenerConfig.from(Map.of()).pushIntervalSeconds());
        assertEquals(30, ListenerConfig.from(Map.of(ListenerConfig.PUSHGATEWAY_INTERVAL, "30")).pushIntervalSeconds());
        ListenerConfig tooOften = ListenerConfig.from(Map.of(ListenerConfig.PUSHGATEWAY_INTERVAL, "1"));
        assertEquals(5, tooOften.pushIntervalSeconds());
        assertEquals(List.of(ListenerConfig.PUSHGATEWAY_INTERVAL + "=1 is under 5 seconds; using 5"),
                tooOften.warnings());
        ListenerConfig nonsense = ListenerConfig.from(Map.of(ListenerConfig.PUSHGATEWAY_INTERVAL, "often"));
        assertEquals(0, nonsense.pushIntervalSeconds());
        assertEquals(1, nonsense.warnings().size(), nonsense.warnings().toString());
        assertTrue(nonsense.warnings().get(0).startsWith(ListenerConfig.PUSHGATEWAY_INTERVAL + "=often"));
    }

    @Test
    void invalidValuesAreWarnedAboutByKeyAndFallBackWithoutStoppingTheJob() {
        ListenerConfig config = ListenerConfig.from(Map.of(
                "spark.sparkdoc.enabled", "yes",
                "spark.sparkdoc.prometheus.port", "metrics",
                "spark.sparkdoc.pushgateway.address", "just-a-host",
                "spark.sparkdoc.queue.capacity", "0",
                "spark.sparkdoc.retainedTaskRows", "-1",
                "spark.sparkdoc.stageTaskRows", "100",
                "spark.sparkdoc.report.dir", " ",
                "spark.sparkdoc.reports.dir", "/tmp/typo"));
        assertTrue(config.enabled());
        assertEquals(OptionalInt.empty(), config.prometheusPort());
        assertEquals(Optional.empty(), config.pushgatewayAddress());
        assertEquals(10_000, config.queueCapacity());
        assertEquals(Optional.empty(), config.reportDir());
        assertEquals(100_000, config.retainedTaskRows());
        assertEquals(100_000, config.stageTaskRows());
        assertEquals(8, config.warnings().size(), String.join("\n", config.warnings()));
        assertWarning(config, "spark.sparkdoc.stageTaskRows=100 is not a whole number from 256 to 2147483647;"
                + " using 100000");
        assertWarning(config, "spark.sparkdoc.retainedTaskRows=-1 is not a whole number of 0 or more; using 100000");
        assertWarning(config, "spark.sparkdoc.enabled=yes is not true or false; the listener stays enabled");
        assertWarning(config, "spark.sparkdoc.prometheus.port=metrics is not a port number from 0 to 65535"
                + " (0: any free port); the metrics endpoint is off");
        assertWarning(config, "spark.sparkdoc.pushgateway.address=just-a-host is not host:port or an http(s):// URL;"
                + " nothing is pushed");
        assertWarning(config, "spark.sparkdoc.queue.capacity=0 is not a whole number from 1 to 10000000; using 10000");
        assertWarning(config, "spark.sparkdoc.report.dir is empty; no report is written");
        assertTrue(config.warnings().stream().anyMatch(warning -> warning.startsWith(
                "spark.sparkdoc.reports.dir is not a sparkdoc setting and is ignored; the settings are")));
        assertEquals(OptionalInt.empty(), ListenerConfig.from(Map.of("spark.sparkdoc.prometheus.port", "70000"))
                .prometheusPort());
    }

    private static void assertWarning(ListenerConfig config, String expected) {
        assertTrue(config.warnings().contains(expected), "no warning '" + expected + "' in:\n"
                + String.join("\n", config.warnings()));
    }
}
