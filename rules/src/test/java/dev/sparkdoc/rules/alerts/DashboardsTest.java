package dev.sparkdoc.rules.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recording rules load in promtool; the dashboard reads only defined series; the PodMonitor targets drivers. */
class DashboardsTest {

    @Test
    void recordingRulesPassPromtoolAndEveryPanelReadsKnownSeries(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("recording.yml");
        Files.writeString(file, Dashboards.recordingRules("# test\n"));
        PrometheusTools.Result check = PrometheusTools.promtool(directory, "check", "rules", file.toString());
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("SUCCESS: " + Dashboards.RECORDINGS.size() + " rules found"),
                check.output());

        JsonNode dashboard = new ObjectMapper().readTree(Dashboards.grafana("test"));
        assertEquals(Dashboards.PANELS.size(), dashboard.path("panels").size());
        Set<String> recorded = new HashSet<>();
        Dashboards.RECORDINGS.forEach(recording -> recorded.add(recording.record()));
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate panel id " + panel);
            String expr = panel.path("targets").get(0).path("expr").asText();
            assertTrue(expr.contains(Dashboards.APPLICATION_FILTER), "no application filter: " + expr);
            for (String name : expr.split("[^A-Za-z0-9_:]+")) {
                if (name.startsWith("sparkdoc:")) {
                    assertTrue(recorded.contains(name), name + " is no recording rule");
                }
            }
        }
        assertEquals("label_values(sparkdoc_build_info, application_name)",
                dashboard.path("templating").path("list").get(1).path("query").asText());
    }

    @Test
    void podMonitorSelectsDriverPodsAtTheListenersPort() throws Exception {
        JsonNode resource = new ObjectMapper(new YAMLFactory()).readTree(Dashboards.podMonitor(9464,
                Optional.of("spark"), "# test\n"));
        assertEquals("PodMonitor", resource.path("kind").asText());
        assertEquals("spark", resource.path("metadata").path("namespace").asText());
        assertEquals("driver", resource.path("spec").path("selector").path("matchLabels").path("spark-role").asText());
        assertEquals(9464, resource.path("spec").path("podMetricsEndpoints").get(0).path("targetPort").asInt());
        JsonNode everywhere = new ObjectMapper(new YAMLFactory()).readTree(Dashboards.podMonitor(9464,
                Optional.empty(), ""));
        assertTrue(everywhere.path("spec").path("namespaceSelector").path("any").asBoolean());
    }
}
