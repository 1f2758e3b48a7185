package dev.sparkdoc.cli.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow: every run starts a JVM with Spark's classpath. The real {@code sparkdoc} command, each run its own JVM, against the mock API server through a generated kubeconfig
 * file: what a user types, what they see on stdout and stderr, and the exit code.
 */
@Tag("slow")
class KubernetesCliProcessTest {

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

    private static SparkdocProcess.Result sparkdoc(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", cluster.kubeconfig.toString()));
        return SparkdocProcess.sparkdoc(all.toArray(String[]::new));
    }

    @Test
    void getAppsThroughKubeconfigFromTheEnvironment() {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", SparkdocProcess.classpath(), "dev.sparkdoc.cli.SparkDoc", "get", "apps", "-A",
                "-o", "wide");
        builder.environment().put("KUBECONFIG", cluster.kubeconfig.toString());
        SparkdocProcess.Result run = SparkdocProcess.run(builder);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err(), "no log noise on stderr");
        assertTrue(run.out().startsWith("NAMESPACE   NAME "), run.out());
        assertEquals(6, run.out().lines().count(), run.out());
        assertTrue(run.out().contains("spark-kubernetes-operator"), run.out());
    }

    @Test
    void describeAndDiagnoseWithTheEventLogJoined() throws Exception {
        SparkdocProcess.Result describe = sparkdoc("describe", "app", "etl-daily");
        assertEquals(0, describe.exitCode(), describe.err());
        assertTrue(describe.out().contains("State:              FAILED"), describe.out());

        SparkdocProcess.Result diagnose = sparkdoc("diagnose", "skewed-join", "--event-log",
                KubernetesDiagnoseTest.SKEWED_JOIN_LOG, "-o", "json");
        assertEquals(0, diagnose.exitCode(), diagnose.err());
        assertEquals("", diagnose.err());
        JsonNode document = mapper.readTree(diagnose.out());
        assertEquals("sparkdoc.dev/v1", document.path("apiVersion").asText());
        assertTrue(document.path("eventLog").path("matchesApplication").asBoolean(), diagnose.out());
        assertTrue(document.path("findings").toString().contains("k8s-oom-killed"));
        assertTrue(document.path("eventLog").path("findings").toString().contains("data-skew"));
    }

    /** diagnose's text fits COLUMNS as analyze's does: prose wraps at spaces; only paste-ready code may be wider. */
    @Test
    void diagnoseTextFitsTheWidthGiven() {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", SparkdocProcess.classpath(), "dev.sparkdoc.cli.SparkDoc", "diagnose",
                "skewed-join", "--event-log", KubernetesDiagnoseTest.SKEWED_JOIN_LOG, "--kubeconfig",
                cluster.kubeconfig.toString());
        builder.environment().put("COLUMNS", "80");
        SparkdocProcess.Result run = SparkdocProcess.run(builder);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("CRITICAL k8s-oom-killed") && run.out().contains("data-skew"), run.out());
        // the advice's spark-submit, spark-defaults.conf and code blocks are code, pasted as they are: not wrapped
        String prose = run.out().substring(0, run.out().indexOf("Recommended configuration"));
        List<String> wide = prose.lines().filter(line -> line.length() > 80).toList();
        assertEquals(List.of(), wide, run.out());
    }

    @Test
    void errorsAreOneLineWithExitCodeThree() {
        SparkdocProcess.Result forbidden = sparkdoc("get", "drivers", "-n", "locked");
        assertEquals(3, forbidden.exitCode());
        assertEquals(1, forbidden.err().lines().count(), forbidden.err());
        assertTrue(forbidden.err().startsWith("sparkdoc: forbidden: User \"jane\" may not list pods"), forbidden.err());
        SparkdocProcess.Result missing = sparkdoc("describe", "app", "skewd-join");
        assertEquals(3, missing.exitCode());
        assertEquals("sparkdoc: application 'skewd-join' not found in namespace spark; did you mean skewed-join?\n",
                missing.err());
        assertTrue(!forbidden.err().contains(MockCluster.TOKEN) && !missing.err().contains(MockCluster.TOKEN));
    }

    @Test
    void watchPrintsAChangedRowAndStopsAtItsTimeout() throws Exception {
        Path out = directory.resolve("watch.out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", SparkdocProcess.classpath(), "dev.sparkdoc.cli.SparkDoc", "get", "executors",
                "skewed-join", "-w", "--watch-timeout", "10s", "--kubeconfig", cluster.kubeconfig.toString());
        builder.redirectOutput(out.toFile()).redirectError(directory.resolve("watch.err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (lines(out).size() < 5 && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(5, lines(out).size(), "the first table: header and 4 executors");
        Pod pending = cluster.client.pods().inNamespace("spark").withName(MockCluster.SKEWED_PREFIX + "-exec-4").get();
        pending.getSpec().setNodeName("node-d");
        pending.getStatus().setPhase("Running");
        pending.getStatus().getConditions().clear();
        pending.getStatus().getContainerStatuses().add(new ContainerStatusBuilder().withName("spark-kubernetes-executor")
                .withReady(true).withRestartCount(0).withNewState().withNewRunning().endRunning().endState().build());
        cluster.replacePod(pending);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the watch ends at its timeout");
        assertEquals(0, process.exitValue(), java.nio.file.Files.readString(directory.resolve("watch.err")));
        List<String> lines = lines(out);
        assertTrue(lines.get(4).matches(MockCluster.SKEWED_PREFIX + "-exec-4 +4 +0/1 +Pending .*"), lines.toString());
        assertEquals(6, lines.size(), "header, 4 executors, then the one that changed: " + lines);
        assertTrue(lines.get(5).matches(MockCluster.SKEWED_PREFIX + "-exec-4 +4 +1/1 +Running +0 +<none> .*"),
                lines.toString());
    }

    private static List<String> lines(Path file) throws java.io.IOException {
        return java.nio.file.Files.exists(file) ? java.nio.file.Files.readAllLines(file) : List.of();
    }
}
