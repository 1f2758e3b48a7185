package dev.sparkdoc.cli.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way the cluster side can fail is one line on stderr with exit code 3, and never shows the token. */
class KubernetesErrorsTest {

    @TempDir
    static Path directory;
    static MockCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new MockCluster(directory);
        cluster.seedPodsOnlyNamespace();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static void oneLine(Sparkdoc run) {
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("sparkdoc: "), run.err());
        assertFalse(run.err().contains(MockCluster.TOKEN), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void forbiddenNamesTheVerbAndTheResource() {
        Sparkdoc run = Sparkdoc.run(cluster, "get", "apps", "-n", "locked");
        oneLine(run);
        assertEquals("sparkdoc: forbidden: User \"jane\" may not list pods in namespace locked; ask for a Role "
                + "granting 'list' on pods (docs/kubernetes.md lists the read-only Role sparkdoc needs)",
                run.err().trim());
    }

    @Test
    void anUnreachableApiServerFailsFast(@TempDir Path dir) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, MockCluster.kubeconfig("http://127.0.0.1:" + port));
        Sparkdoc run = Sparkdoc.plain("get", "apps", "--kubeconfig", kubeconfig.toString());
        oneLine(run);
        // refused at once, not waited out: the reason is the refusal, not a timeout (no timing asserted on a
        // busy machine)
        assertEquals("sparkdoc: cannot reach the Kubernetes API server at http://127.0.0.1:" + port
                + "/ (context mock): connection refused; check the cluster is up and the context is right"
                + " (--context, --kubeconfig)\n", run.err());
    }

    @Test
    void aMissingKubeconfigAndAnUnknownContext() {
        Sparkdoc missing = Sparkdoc.plain("get", "apps", "--kubeconfig", directory.resolve("nope").toString());
        oneLine(missing);
        assertTrue(missing.err().contains("no such file"), missing.err());
        Sparkdoc context = Sparkdoc.run(cluster, "get", "apps", "--context", "prod");
        oneLine(context);
        assertTrue(context.err().contains("context 'prod' is not in"), context.err());
        assertTrue(context.err().endsWith("use one of: bi, mock\n"), context.err());
    }

    @Test
    void noKubeconfigAnywhere() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", SparkdocProcess.classpath(),
                "dev.sparkdoc.cli.SparkDoc", "get", "apps");
        builder.environment().remove("KUBECONFIG");
        builder.environment().remove("KUBERNETES_SERVICE_HOST");
        builder.environment().put("HOME", directory.toString());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        SparkdocProcess.Result result = SparkdocProcess.run(builder, "-Duser.home=" + directory);
        assertEquals(3, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("sparkdoc: no kubeconfig: ~/.kube/config does not exist"), result.err());
    }

    @Test
    void aRoleThatMayReadPodsOnlyStillGetsThePodsExplained() {
        for (String command : List.of("describe", "diagnose")) {
            Sparkdoc run = command.equals("describe")
                    ? Sparkdoc.run(cluster, "describe", "app", "pods-only", "-n", MockCluster.PODS_ONLY)
                    : Sparkdoc.run(cluster, "diagnose", "pods-only", "-n", MockCluster.PODS_ONLY);
            assertEquals(0, run.exitCode(), command + ": " + run.err());
            assertTrue(run.out().contains("pods-only-exec-1"), command + ": " + run.out());
            assertTrue(run.out().contains("OOMKilled") || run.out().contains("k8s-oom-killed")
                    || run.out().contains("out of memory"), command + ": " + run.out());
            List<String> warnings = run.err().lines().toList();
            for (String resource : List.of("events", "services", "sparkapplications")) {
                assertTrue(warnings.stream().anyMatch(line -> line.startsWith("sparkdoc: warning: forbidden: User "
                        + "\"jane\" may not list " + resource)), command + " names " + resource + ": " + run.err());
            }
            assertFalse(run.err().contains("\tat "), run.err());
            assertFalse(run.err().contains(MockCluster.TOKEN), run.err());
        }
    }

    @Test
    void unknownApplicationsAndBadDurations() {
        Sparkdoc app = Sparkdoc.run(cluster, "logs", "nope");
        oneLine(app);
        Sparkdoc duration = Sparkdoc.run(cluster, "get", "apps", "--request-timeout", "soon");
        oneLine(duration);
        assertTrue(duration.err().contains("is not a duration"), duration.err());
    }
}
