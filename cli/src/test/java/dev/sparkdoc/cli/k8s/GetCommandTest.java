package dev.sparkdoc.cli.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'sparkdoc get apps|drivers|executors' against the CRUD mock holding realistic Spark objects. The mock stamps every
 * object's creation time itself, so AGE reads seconds here; AgeTest covers kubectl's longer forms.
 */
class GetCommandTest {

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
    void appsInTheContextNamespaceJoinPodsAndSparkApplications() {
        Sparkdoc run = Sparkdoc.run(cluster, "get", "apps");
        assertEquals(0, run.exitCode(), run.err());
        String header = run.out().lines().findFirst().orElseThrow();
        assertTrue(header.matches("NAME +APP-ID +STATE +DRIVER +EXECUTORS\\(R/P/F\\) +AGE"), header);
        assertTrue(run.row("skewed-join").matches("skewed-join +" + MockCluster.SKEWED_ID
                + " +RUNNING +Running +2/1/1 +\\d+s"), run.out());
        assertTrue(run.row("etl-daily").matches("etl-daily +" + MockCluster.ETL_ID + " +FAILED +Error +0/0/2 +\\d+s"),
                run.out());
        assertTrue(run.row("image-typo").matches("image-typo +spark-0f9e\\S+ +SUBMITTED +ImagePullBackOff +0/0/0 +\\d+s"),
                run.out());
        assertFalse(run.out().contains("nightly-report"), "other namespace: " + run.out());
    }

    @Test
    void allNamespacesAddsTheNamespaceColumnAndBothOperators() {
        Sparkdoc run = Sparkdoc.run(cluster, "get", "apps", "-A", "-o", "wide");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("NAMESPACE "), run.out());
        assertTrue(run.out().contains("SOURCE"), run.out());
        String sessions = run.out().lines().filter(line -> line.contains("sessions-agg")).findFirst().orElseThrow();
        assertTrue(sessions.matches("analytics +sessions-agg +" + MockCluster.SESSIONS_ID
                + " +RunningHealthy +Running +2/0/0 +\\d+s +spark-kubernetes-operator +sessions-agg-0-driver +node-d"
                + " +4.2.0"), sessions);
        String nightly = run.out().lines().filter(line -> line.contains("nightly-report")).findFirst().orElseThrow();
        assertTrue(nightly.matches("analytics +nightly-report +spark-1111\\S+ +COMPLETED +Completed +0/0/0 +\\d+s .*"),
                nightly);
    }

    @Test
    void labelSelectorsIncludingSetBasedOnesAreAppliedEvenWhereTheServerIgnoresThem() {
        Sparkdoc equality = Sparkdoc.run(cluster, "get", "apps", "-A", "-l", "team=etl");
        assertEquals(0, equality.exitCode(), equality.err());
        assertEquals(2, equality.out().lines().count(), equality.out());
        assertTrue(equality.out().contains("etl-daily"));
        Sparkdoc set = Sparkdoc.run(cluster, "get", "drivers", "-A", "-l", "spark-app-name in (etl-daily,sessions-agg)");
        assertEquals(0, set.exitCode(), set.err());
        assertEquals(3, set.out().lines().count(), set.out());
        assertTrue(set.out().contains("etl-daily-driver") && set.out().contains("sessions-agg-0-driver"), set.out());
        Sparkdoc notIn = Sparkdoc.run(cluster, "get", "drivers", "-l", "spark-app-name notin (etl-daily)");
        assertFalse(notIn.out().contains("etl-daily-driver"), notIn.out());
        assertTrue(notIn.out().contains(MockCluster.SKEWED_DRIVER), notIn.out());
        Sparkdoc bad = Sparkdoc.run(cluster, "get", "apps", "-l", "a=(b");
        assertEquals(2, bad.exitCode(), "a usage error, as a bad -o is");
    }

    @Test
    void driversShowKubectlStatusAndTheirApplication() {
        Sparkdoc run = Sparkdoc.run(cluster, "get", "drivers");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("NAME"), run.out());
        assertTrue(run.row(MockCluster.SKEWED_DRIVER).matches(MockCluster.SKEWED_DRIVER
                + " +1/1 +Running +0 +skewed-join +\\d+s"), run.out());
        assertTrue(run.row("etl-daily-driver").matches("etl-daily-driver +0/1 +Error +0 +etl-daily +\\d+s"), run.out());
        assertTrue(run.row("image-typo-driver").contains("ImagePullBackOff"), run.out());
    }

    @Test
    void executorsOfAnAppExplainTheirLastExitAndListThoseWhosePodsAreGone() {
        Sparkdoc run = Sparkdoc.run(cluster, "get", "executors", "skewed-join", "-o", "wide");
        assertEquals(0, run.exitCode(), run.err());
        String prefix = MockCluster.SKEWED_PREFIX;
        assertTrue(run.row(prefix + "-exec-2").matches(prefix + "-exec-2 +2 +0/1 +OOMKilled +0 +137 OOMKilled +\\d+s"
                + " +10.0.1.2 +node-b +4505Mi"), run.out());
        assertTrue(run.row(prefix + "-exec-3").matches(prefix + "-exec-3 +3 +0/1 +CrashLoopBackOff +2 \\(2m\\d*s? ago\\)"
                + " +137 OOMKilled +\\d+s .*"), run.out());
        assertTrue(run.row(prefix + "-exec-4").matches(prefix + "-exec-4 +4 +0/1 +Pending +0 +<none> +\\d+s .*"),
                run.out());
        Sparkdoc etl = Sparkdoc.run(cluster, "get", "executors", "etl-daily");
        assertTrue(etl.row("etl-daily-7c1e8a2b3c4d5e6f-exec-1").contains("Gone:FAILED"), etl.out());
        assertTrue(etl.row("etl-daily-7c1e8a2b3c4d5e6f-exec-3").contains("52 Error"), etl.out());
    }

    @Test
    void appsAsJsonAndYamlAreSparkdocsVersionedDocument() throws Exception {
        Sparkdoc run = Sparkdoc.run(cluster, "get", "apps", "-o", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode document = mapper.readTree(run.out());
        assertEquals("sparkdoc.dev/v1", document.path("apiVersion").asText());
        assertEquals("SparkAppList", document.path("kind").asText());
        JsonNode etl = null;
        for (JsonNode item : document.path("items")) {
            if (item.path("name").asText().equals("etl-daily")) {
                etl = item;
            }
        }
        assertTrue(etl != null, run.out());
        assertEquals("spark-operator", etl.path("source").asText());
        assertEquals("FAILED", etl.path("state").asText());
        assertEquals("driver container failed with ExitCode: 1, Reason: Error", etl.path("errorMessage").asText());
        assertEquals("sparkoperator.k8s.io/v1beta2", etl.path("sparkApplication").path("apiVersion").asText());
        assertEquals(2, etl.path("executors").path("failed").asInt());
        assertEquals("FAILED", etl.path("executors").path("podsGone").path("etl-daily-7c1e8a2b3c4d5e6f-exec-1")
                .asText());
        JsonNode exit = etl.path("driver").path("terminations").get(0);
        assertEquals(1, exit.path("exitCode").asInt());

        Sparkdoc yaml = Sparkdoc.run(cluster, "get", "apps", "-o", "yaml", "--context", "bi");
        assertEquals(0, yaml.exitCode(), yaml.err());
        assertTrue(yaml.out().startsWith("apiVersion: sparkdoc.dev/v1\nkind: SparkAppList\nitems:\n"), yaml.out());
        assertTrue(yaml.out().contains("name: sessions-agg") && yaml.out().contains("state: RunningHealthy"),
                yaml.out());
    }

    @Test
    void podsAsJsonAreAKubectlListOfThePodsThemselves() throws Exception {
        Sparkdoc run = Sparkdoc.run(cluster, "get", "executors", "skewed-join", "-o", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode list = mapper.readTree(run.out());
        assertEquals("List", list.path("kind").asText());
        assertEquals(4, list.path("items").size());
        JsonNode exec2 = list.path("items").get(1);
        assertEquals("2", exec2.path("metadata").path("labels").path("spark-exec-id").asText());
        assertEquals("OOMKilled", exec2.path("status").path("containerStatuses").get(0).path("state")
                .path("terminated").path("reason").asText());
    }

    @Test
    void anEmptyNamespaceSaysSoOnStderr() {
        Sparkdoc run = Sparkdoc.run(cluster, "get", "apps", "-n", "empty");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals("No Spark applications found in namespace empty.", run.err().trim());
    }
}
