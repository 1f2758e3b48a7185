package dev.sparkdoc.cli.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'sparkdoc diagnose APP': Kubernetes causes with their fixes, and the event log's findings joined in. */
class KubernetesDiagnoseTest {

    /** The committed sample log whose application id the mock's spark-submit application carries. */
    static final String SKEWED_JOIN_LOG = Path.of("..", "sample-eventlogs", "logs", "skewed-join.lz4")
            .toAbsolutePath().normalize().toString();

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

    private static List<String> rules(JsonNode findings) {
        List<String> rules = new ArrayList<>();
        findings.forEach(finding -> rules.add(finding.path("rule").asText()));
        return rules;
    }

    @Test
    void oomKilledCrashLoopAndUnschedulableExecutorsWithTheirFixes() throws Exception {
        Sparkdoc run = Sparkdoc.run(cluster, "diagnose", "skewed-join", "-o", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode document = mapper.readTree(run.out());
        assertEquals("SparkAppDiagnosis", document.path("kind").asText());
        assertEquals(List.of("k8s-crash-loop", "k8s-oom-killed", "k8s-unschedulable"),
                rules(document.path("findings")));
        JsonNode oom = document.path("findings").get(1);
        assertEquals("critical", oom.path("severity").asText());
        assertTrue(oom.path("summary").asText().startsWith("2 executor containers were killed"), oom.toString());
        JsonNode fix = oom.path("recommendations").get(0);
        assertEquals("spark.executor.memoryOverhead", fix.path("key").asText());
        assertEquals("409m", fix.path("current").asText());
        assertEquals("896m", fix.path("proposed").asText(), "twice what was in force, rounded up to 128 MiB");
        JsonNode pending = document.path("findings").get(2);
        assertEquals("warning", pending.path("severity").asText());
        assertTrue(pending.path("explanation").asText().contains("lower spark.executor.memory"), pending.toString());
        assertTrue(pending.toString().contains("0/3 nodes are available: 3 Insufficient memory."), pending.toString());
        assertTrue(document.path("eventLog").isNull());
        assertEquals("--conf spark.executor.memoryOverhead=896m",
                document.path("advice").path("confArguments").get(0).asText());
    }

    @Test
    void anOperatorAppThatFailedWithHeapOomAndExecutorsGone() throws Exception {
        Sparkdoc run = Sparkdoc.run(cluster, "diagnose", "etl-daily", "-o", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode findings = mapper.readTree(run.out()).path("findings");
        assertEquals(List.of("k8s-driver-failed", "k8s-jvm-heap-oom", "k8s-executors-failed"), rules(findings));
        assertTrue(findings.get(0).toString().contains("driver container failed with ExitCode: 1, Reason: Error"));
        JsonNode heap = findings.get(1).path("recommendations").get(0);
        assertEquals("spark.executor.memory", heap.path("key").asText());
        assertEquals("4g", heap.path("current").asText());
        assertEquals("6g", heap.path("proposed").asText());
        assertTrue(findings.get(2).toString().contains("failed executors whose pods are gone"), findings.toString());
    }

    @Test
    void imagePullErrorsNameTheImageAndTheSettingToFix() {
        Sparkdoc run = Sparkdoc.run(cluster, "diagnose", "image-typo");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("CRITICAL k8s-image-pull  application"), run.out());
        assertTrue(run.out().contains("The container image apache/spark:4.2.O cannot be pulled."), run.out());
        assertTrue(run.out().contains("spark.kubernetes.container.image"), run.out());
    }

    @Test
    void theEventLogsFindingsAreJoinedAndAllAdviceMergedIntoOneSet() {
        Sparkdoc run = Sparkdoc.run(cluster, "diagnose", "skewed-join", "--event-log", SKEWED_JOIN_LOG);
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.startsWith("Application skewed-join (namespace spark, app id " + MockCluster.SKEWED_ID
                + ", spark-submit, state RUNNING)\n\nKubernetes: 2 critical, 1 warning\n"), out);
        int kubernetes = out.indexOf("CRITICAL k8s-oom-killed");
        int eventLog = out.indexOf("Event log ");
        assertTrue(kubernetes > 0 && eventLog > kubernetes, out);
        assertTrue(out.substring(eventLog).contains("data-skew"), out);
        // the line wraps at spaces to the width (100 off a terminal)
        assertTrue(out.replaceAll("\\s+", " ").contains("(application " + MockCluster.SKEWED_ID
                + ", sparkdoc skewed-join)"), out);
        String advice = out.substring(out.indexOf("Recommended configuration"));
        assertTrue(advice.contains("--conf spark.executor.memoryOverhead="), advice);
        assertTrue(advice.contains("k8s-oom-killed"), advice);
        assertTrue(advice.contains("--conf spark.sql.adaptive.enabled=true"), advice);
        assertFalse(run.err().contains("warning"), run.err());
    }

    /** --rules applies to the joined event log as in 'sparkdoc analyze': here it turns data-skew off. */
    @Test
    void theRulesFileAppliesToTheJoinedEventLog() throws Exception {
        Path rulesFile = directory.resolve("no-skew.yaml");
        Files.writeString(rulesFile, "rules:\n  data-skew:\n    enabled: false\n");
        Sparkdoc run = Sparkdoc.run(cluster, "diagnose", "skewed-join", "--event-log", SKEWED_JOIN_LOG, "-o", "json",
                "--rules", rulesFile.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> joined = rules(mapper.readTree(run.out()).path("eventLog").path("findings"));
        assertFalse(joined.contains("data-skew"), joined.toString());
        assertTrue(joined.contains("aqe-disabled"), joined.toString());

        Path broken = directory.resolve("broken.yaml");
        Files.writeString(broken, "rules:\n  data-skew:\n    thresholds:\n      warning-ratio: lots\n");
        Sparkdoc bad = Sparkdoc.run(cluster, "diagnose", "skewed-join", "--event-log", SKEWED_JOIN_LOG, "--rules",
                broken.toString());
        assertEquals(3, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("warning-ratio"), bad.err());
    }

    /** --fail-on gates on every finding shown, Kubernetes causes and the joined log's alike (exit 4). */
    @Test
    void failOnGatesOnKubernetesAndEventLogFindings() {
        Sparkdoc oomKilled = Sparkdoc.run(cluster, "diagnose", "skewed-join", "--fail-on", "critical");
        assertEquals(4, oomKilled.exitCode(), oomKilled.err());
        assertTrue(oomKilled.out().contains("CRITICAL k8s-oom-killed"), oomKilled.out());
        assertTrue(oomKilled.err().contains("--fail-on critical"), oomKilled.err());

        Sparkdoc healthy = Sparkdoc.run(cluster, "diagnose", "sessions-agg", "--context", "bi", "--fail-on",
                "warning");
        assertEquals(0, healthy.exitCode(), healthy.err());
    }

    @Test
    void anEventLogOfAnotherApplicationIsJoinedWithAWarning() throws Exception {
        Sparkdoc run = Sparkdoc.run(cluster, "diagnose", "etl-daily", "--event-log", SKEWED_JOIN_LOG, "-o", "json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: the event log is of application " + MockCluster.SKEWED_ID + ", not "
                + MockCluster.ETL_ID), run.err());
        JsonNode log = mapper.readTree(run.out()).path("eventLog");
        assertFalse(log.path("matchesApplication").asBoolean());
        assertTrue(rules(log.path("findings")).contains("data-skew"));
    }

    @Test
    void aHealthyApplicationHasNoKubernetesCauses() {
        Sparkdoc run = Sparkdoc.run(cluster, "diagnose", "sessions-agg", "--context", "bi");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Kubernetes: no causes found"), run.out());
    }
}
