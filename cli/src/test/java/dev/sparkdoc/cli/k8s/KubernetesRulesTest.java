package dev.sparkdoc.cli.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdoc.rules.Rule;
import dev.sparkdoc.rules.RuleCatalog;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Threshold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The causes 'sparkdoc diagnose' finds on Kubernetes are catalog rules: each id KubernetesCauses can report is a
 * kubernetes rule of the catalog and back, their findings carry the catalog's title and severity, a rules file
 * disables them or tunes their thresholds (run against fabric8's mock server), and 'sparkdoc rules' lists them.
 */
class KubernetesRulesTest {

    private static final Path CAUSES = Path.of("src", "main", "java", "dev", "sparkdoc", "cli", "k8s",
            "KubernetesCauses.java");

    @TempDir
    static Path directory;
    static MockCluster cluster;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void start() {
        cluster = new MockCluster(directory);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void theRuleIdsOfKubernetesCausesAreTheCatalogsKubernetesRules() throws Exception {
        List<String> catalog = RuleCatalog.builtIn().kubernetesRules().stream().map(Rule::id).toList();
        assertEquals(catalog, KubernetesCauses.RULE_IDS.stream().sorted().toList());
        // and no id is written out in the source beside the list (a finding of an id the catalog lacks)
        String source = Files.readString(CAUSES);
        Set<String> literals = new TreeSet<>();
        Matcher matcher = Pattern.compile("\"(k8s-[a-z0-9-]+)\"").matcher(source);
        while (matcher.find()) {
            literals.add(matcher.group(1));
        }
        assertTrue(catalog.containsAll(literals), "ids in KubernetesCauses that are not catalog rules: " + literals);
        assertFalse(source.contains("new Finding("), "findings are made through RuleContext, from the catalog");
    }

    /** Every threshold of a Kubernetes rule is read by KubernetesCauses through its typed key. */
    @Test
    void everyKubernetesThresholdIsReadThroughItsTypedKey() throws Exception {
        String source = Files.readString(CAUSES);
        List<String> unread = new ArrayList<>();
        for (Rule rule : RuleCatalog.builtIn().kubernetesRules()) {
            String ruleClass = java.util.Arrays.stream(rule.id().split("-"))
                    .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                    .collect(Collectors.joining());
            for (Threshold threshold : rule.thresholds()) {
                String constant = threshold.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
                if (!source.contains("Thresholds." + ruleClass + "." + constant)) {
                    unread.add(rule.id() + "/" + threshold.name());
                }
            }
        }
        assertEquals(List.of(), unread);
    }

    /** The findings of every seeded application carry their rule's catalog title and one of its severities. */
    @Test
    void findingsCarryTheCatalogsTitleAndSeverity() throws Exception {
        Set<String> seen = new HashSet<>();
        for (String[] app : List.of(new String[] {"skewed-join"}, new String[] {"etl-daily"},
                new String[] {"image-typo"}, new String[] {"sessions-agg", "--context", "bi"})) {
            List<String> args = new ArrayList<>(List.of("diagnose"));
            args.addAll(List.of(app));
            args.addAll(List.of("-o", "json"));
            Sparkdoc run = Sparkdoc.run(cluster, args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            for (JsonNode finding : mapper.readTree(run.out()).path("findings")) {
                String id = finding.path("rule").asText();
                Rule rule = RuleCatalog.builtIn().require(id);
                assertEquals(dev.sparkdoc.rules.RuleKind.KUBERNETES, rule.kind(), id);
                assertEquals(rule.title(), finding.path("title").asText(), id);
                Set<String> severities = new HashSet<>();
                severities.add(rule.fixedSeverity().label());
                rule.severityCases().forEach(c -> severities.add(c.severity().label()));
                assertTrue(severities.contains(finding.path("severity").asText()), finding.toString());
                seen.add(id);
            }
        }
        assertEquals(Set.of("k8s-crash-loop", "k8s-oom-killed", "k8s-unschedulable", "k8s-driver-failed",
                "k8s-jvm-heap-oom", "k8s-executors-failed", "k8s-image-pull"), seen);
    }

    private List<String> kubernetesRules(String app, String rulesYaml) throws Exception {
        return findings(app, rulesYaml).stream().map(f -> f.path("rule").asText()).toList();
    }

    private List<JsonNode> findings(String app, String rulesYaml) throws Exception {
        Path file = Files.createTempFile(directory, "rules", ".yaml");
        Files.writeString(file, rulesYaml);
        Sparkdoc run = Sparkdoc.run(cluster, "diagnose", app, "-o", "json", "--rules", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> findings = new ArrayList<>();
        mapper.readTree(run.out()).path("findings").forEach(findings::add);
        return findings;
    }

    private static JsonNode finding(List<JsonNode> findings, String rule) {
        return findings.stream().filter(f -> f.path("rule").asText().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " in " + findings));
    }

    @Test
    void aDisabledKubernetesRuleIsSilent() throws Exception {
        assertEquals(List.of("k8s-crash-loop", "k8s-unschedulable"),
                kubernetesRules("skewed-join", "rules:\n  k8s-oom-killed:\n    enabled: false\n"));
        assertEquals(List.of("k8s-driver-failed", "k8s-executors-failed"),
                kubernetesRules("etl-daily", "rules:\n  k8s-jvm-heap-oom:\n    enabled: false\n"));
        assertEquals(List.of(), kubernetesRules("image-typo", "rules:\n  k8s-image-pull:\n    enabled: false\n"));
    }

    /** The crash-looping executor has restarted twice: reported from 2 restarts, not from 3. */
    @Test
    void minRestartsDecidesACrashLoop() throws Exception {
        List<JsonNode> two = findings("skewed-join", "rules:\n  k8s-crash-loop:\n    thresholds:\n"
                + "      min-restarts: 2\n");
        JsonNode crash = finding(two, "k8s-crash-loop");
        assertTrue(crash.toString().contains("2 restarts"), crash.toString());
        JsonNode applied = crash.path("thresholds").get(0);
        assertEquals("min-restarts", applied.path("name").asText());
        assertEquals(2, applied.path("value").asInt());
        assertTrue(applied.path("overridden").asBoolean());
        assertFalse(kubernetesRules("skewed-join", "rules:\n  k8s-crash-loop:\n    thresholds:\n"
                + "      min-restarts: 3\n").contains("k8s-crash-loop"));
    }

    /** The pending executor's first FailedScheduling event is a minute old (and more, as the tests run). */
    @Test
    void minPendingTimeDecidesAnUnschedulablePod() throws Exception {
        JsonNode pending = finding(findings("skewed-join", "rules:\n  k8s-unschedulable:\n    thresholds:\n"
                + "      min-pending-time: 30s\n"), "k8s-unschedulable");
        assertTrue(pending.toString().contains("(unschedulable for "), pending.toString());
        assertEquals("warning", pending.path("severity").asText(), "an executor, not the driver");
        assertFalse(kubernetesRules("skewed-join", "rules:\n  k8s-unschedulable:\n    thresholds:\n"
                + "      min-pending-time: 10min\n").contains("k8s-unschedulable"));
    }

    /** etl-daily has one executor that failed for other reasons than memory (its pod is gone). */
    @Test
    void minFailedExecutorsDecidesExecutorsFailed() throws Exception {
        assertTrue(kubernetesRules("etl-daily", "rules:\n  k8s-executors-failed:\n    thresholds:\n"
                + "      min-failed-executors: 1\n").contains("k8s-executors-failed"));
        assertFalse(kubernetesRules("etl-daily", "rules:\n  k8s-executors-failed:\n    thresholds:\n"
                + "      min-failed-executors: 2\n").contains("k8s-executors-failed"));
    }

    /**
     * skewed-join's executors have a 4 GiB heap and a 4505 MiB limit: 409 MiB outside the heap, exactly Spark's
     * default (10% of 4096 MiB in whole MiB), so quiet by default; a 15% floor (614 MiB) or a 512 MiB one reports it.
     */
    @Test
    void theOverheadFloorIsTunable() throws Exception {
        assertFalse(kubernetesRules("skewed-join", "rules: {}\n").contains("k8s-memory-overhead-small"));
        JsonNode share = finding(findings("skewed-join", "rules:\n  k8s-memory-overhead-small:\n    thresholds:\n"
                + "      min-overhead-fraction: 15%\n"), "k8s-memory-overhead-small");
        assertTrue(share.path("summary").asText().contains("409Mi outside the heap, less than the floor of 614Mi"),
                share.toString());
        assertEquals("warning", share.path("severity").asText());
        JsonNode floor = finding(findings("skewed-join", "rules:\n  k8s-memory-overhead-small:\n    thresholds:\n"
                + "      min-overhead: 512m\n"), "k8s-memory-overhead-small");
        assertTrue(floor.path("summary").asText().contains("less than the floor of 512Mi"), floor.toString());
        // exactly at the floor is quiet
        assertFalse(kubernetesRules("skewed-join", "rules:\n  k8s-memory-overhead-small:\n    thresholds:\n"
                + "      min-overhead: 409m\n").contains("k8s-memory-overhead-small"));
    }

    @Test
    void theDefaultFloorIsSparksOwnOverhead() {
        long mib = 1L << 20;
        for (long heapMib : new long[] {512, 1024, 3840, 4096, 4100, 8192, 10000, 30001}) {
            assertEquals(PodMemory.sparkDefaultOverhead(heapMib * mib),
                    KubernetesCauses.overheadFloor(heapMib * mib, 384 * mib, 0.1), heapMib + " MiB");
        }
    }

    @Test
    void aBadKubernetesThresholdIsBadInputNamingTheKey() throws Exception {
        Path file = Files.createTempFile(directory, "bad", ".yaml");
        Files.writeString(file, "rules:\n  k8s-crash-loop:\n    thresholds:\n      min-restart: 3\n");
        Sparkdoc run = Sparkdoc.run(cluster, "diagnose", "skewed-join", "--rules", file.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("rules.k8s-crash-loop.thresholds.min-restart': no such threshold;"
                + " k8s-crash-loop has: min-restarts"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void rulesListsAndShowsTheKubernetesRules() {
        Sparkdoc list = Sparkdoc.plain("rules", "list");
        assertEquals(0, list.exitCode(), list.err());
        for (Rule rule : RuleCatalog.builtIn().kubernetesRules()) {
            assertTrue(list.row(rule.id()).endsWith(rule.title() + " (Kubernetes: sparkdoc diagnose)"), list.out());
        }
        Sparkdoc show = Sparkdoc.plain("rules", "show", "k8s-unschedulable");
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().contains("Checked by:   sparkdoc diagnose"), show.out());
        assertTrue(show.out().contains("Severity:     warning; critical when the driver is among"), show.out());
        assertTrue(show.out().contains("min-pending-time = 0 ms"), show.out());
        assertEquals(Severity.CRITICAL, RuleCatalog.builtIn().require("k8s-unschedulable")
                .severity(KubernetesCauses.DRIVER_PENDING));
    }
}
