package dev.sparkdoc.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.report.FindingsText;
import dev.sparkdoc.report.HtmlReport;
import dev.sparkdoc.report.JsonReport;
import dev.sparkdoc.report.MarkdownReport;
import dev.sparkdoc.rules.RuleSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Findings of one rule grouped, on real logs: one group per rule, its members the rule's findings in report order,
 * its time lost their sum, and every output (text, Markdown, HTML, JSON) shows the same groups.
 */
class FindingGroupTest {

    private static final Path LOGS = Path.of("src", "test", "resources", "eventlogs", "nvidia-spark-rapids-tools");
    /** Five broadcast-join-opportunity findings, one per SQL execution, and one data-skew finding. */
    private static final Path FIVE_SQL = LOGS.resolve(
            "spark-events-qualification/cluster_information/eventlog_4nodes_8cores_dynamic_alloc.zstd");
    /** Three shuffle-spill findings on stages, and one task-failures finding on the application. */
    private static final Path THREE_STAGES = LOGS.resolve("spark-events-profiling/gpu_oom_eventlog.zstd");

    @Test
    void oneGroupPerRuleHoldingEveryFindingOnce() throws Exception {
        for (Path log : List.of(FIVE_SQL, THREE_STAGES)) {
            Diagnosis diagnosis = diagnose(log).diagnosis();
            List<FindingGroup> groups = diagnosis.findingGroups();
            List<Finding> members = new ArrayList<>();
            for (FindingGroup group : groups) {
                members.addAll(group.members());
                assertTrue(group.members().stream().allMatch(f -> f.ruleId().equals(group.ruleId())), group.ruleId());
                assertEquals(group.members().stream().map(Finding::severity).max(Enum::compareTo).orElseThrow(),
                        group.severity(), "worst severity of " + group.ruleId());
                assertEquals(group.worst().severity(), group.severity(), "the worst member comes first");
                long sum = group.members().stream().mapToLong(f -> f.timeLostMillis().orElse(0)).sum();
                assertEquals(sum, group.timeLostMillis().orElse(0), "time lost of " + group.ruleId());
            }
            assertEquals(diagnosis.findings().size(), members.size(), "every finding in one group");
            assertTrue(members.containsAll(diagnosis.findings()));
            assertEquals(groups.stream().map(FindingGroup::ruleId).distinct().count(), groups.size(), "one per rule");
            assertEquals(diagnosis.topFinding().orElseThrow(), groups.get(0).worst(), "the top finding leads");
            long groupsLost = groups.stream().mapToLong(g -> g.timeLostMillis().orElse(0)).sum();
            assertEquals(diagnosis.timeLostMillis(), groupsLost, "no time lost counted twice or dropped");
        }
    }

    @Test
    void aGroupNamesItsScopesWorstFirst() throws Exception {
        FindingGroup sql = group(diagnose(FIVE_SQL).diagnosis(), "broadcast-join-opportunity");
        assertEquals(5, sql.size());
        String named = sql.members().subList(0, 3).stream().map(f -> f.scope().id()).reduce((a, b) -> a + ", " + b)
                .orElseThrow();
        assertEquals("SQL executions " + named + " (+2 more)", sql.scopeLabel());
        FindingGroup spill = group(diagnose(THREE_STAGES).diagnosis(), "shuffle-spill");
        assertEquals(3, spill.size());
        assertTrue(spill.scopeLabel().matches("stages \\d+\\.\\d+, \\d+\\.\\d+, \\d+\\.\\d+"), spill.scopeLabel());
        FindingGroup failures = group(diagnose(THREE_STAGES).diagnosis(), "task-failures");
        assertEquals("application", failures.scopeLabel());
    }

    @Test
    void everyOutputShowsTheSameGroups() throws Exception {
        DiagnosedLog diagnosed = diagnose(FIVE_SQL);
        List<FindingGroup> groups = diagnosed.diagnosis().findingGroups();

        StringWriter text = new StringWriter();
        FindingsText.renderFindings(diagnosed.diagnosis(), new PrintWriter(text));
        for (FindingGroup group : groups) {
            assertEquals(1, count(text.toString(), "  " + group.severity().name() + "\\s+" + group.ruleId() + "  "
                    + Pattern.quote(group.scopeLabel()) + "\n"), "one text block for " + group.ruleId());
        }
        assertTrue(text.toString().contains("Findings (" + FindingsText.counts(diagnosed.diagnosis().findings())
                + ") from " + groups.size() + " rules"), text.toString());

        StringWriter markdown = new StringWriter();
        MarkdownReport.render(diagnosed, new PrintWriter(markdown));
        assertEquals(groups.size(), count(markdown.toString(), "(?m)^### (CRITICAL|WARNING|INFO) `"),
                "one markdown section per group");

        StringWriter html = new StringWriter();
        HtmlReport.render(List.of(diagnosed), "test", html);
        assertEquals(groups.size(), count(html.toString(), "<article class=\"finding "), "one HTML card per group");
        assertEquals(groups.stream().filter(g -> g.size() > 1).count(),
                count(html.toString(), "<details class=\"members\">"), "members expandable where several");
        FindingGroup sql = group(diagnosed.diagnosis(), "broadcast-join-opportunity");
        String details = html.toString().substring(html.toString().indexOf("<details class=\"members\">"));
        details = details.substring(0, details.indexOf("</details>"));
        assertEquals(sql.size(), count(details, "<tr><td>"), "every member listed");

        StringWriter json = new StringWriter();
        JsonReport.render(List.of(diagnosed), "test", json);
        JsonNode app = new ObjectMapper().readTree(json.toString()).path("applications").get(0);
        assertEquals(groups.size(), app.path("groups").size());
        List<Integer> seen = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            JsonNode group = app.path("groups").get(g);
            assertEquals(groups.get(g).ruleId(), group.path("rule").asText());
            assertEquals(groups.get(g).scopeLabel(), group.path("where").asText());
            assertEquals(groups.get(g).size(), group.path("members").size());
            for (JsonNode index : group.path("members")) {
                assertEquals(groups.get(g).ruleId(), app.path("findings").get(index.asInt()).path("rule").asText());
                seen.add(index.asInt());
            }
        }
        assertEquals(app.path("findings").size(), seen.size(), "each finding in one group");
        assertFalse(seen.stream().distinct().count() < seen.size(), "no finding in two groups");
    }

    private static FindingGroup group(Diagnosis diagnosis, String rule) {
        return diagnosis.findingGroups().stream().filter(g -> g.ruleId().equals(rule)).findFirst().orElseThrow();
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static DiagnosedLog diagnose(Path log) throws Exception {
        AnalyzedLog analyzed = EventLogAnalysis.analyze(EventLogLocator.locate(log.toString()).get(0));
        return new DiagnosedLog(analyzed, Diagnoser.diagnose(analyzed.application(), RuleSettings.defaults()));
    }
}
