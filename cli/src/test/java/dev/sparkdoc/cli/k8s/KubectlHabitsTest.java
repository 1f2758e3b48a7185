package dev.sparkdoc.cli.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl's habits on the Kubernetes commands, against the CRUD mock: flags before the command, {@code get apps NAME},
 * {@code -o name} (and its names taken back), one exit code for every usage error, {@code logs --since}.
 */
class KubectlHabitsTest {

    @TempDir
    static Path directory;
    static MockCluster cluster;
    static String driverLog;

    @BeforeAll
    static void start() {
        cluster = new MockCluster(directory);
        driverLog = "/api/v1/namespaces/spark/pods/" + MockCluster.SKEWED_DRIVER + "/log";
        cluster.server.expect().get().withPath(driverLog + "?pretty=false&container=spark-kubernetes-driver"
                + "&sinceSeconds=300").andReturn(200, "the last five minutes\n").always();
        cluster.server.expect().get().withPath(driverLog + "?pretty=false&container=spark-kubernetes-driver"
                + "&sinceSeconds=2").andReturn(200, "the last two seconds\n").always();
        cluster.server.expect().get().withPath(driverLog + "?pretty=false&container=spark-kubernetes-driver"
                + "&sinceTime=2026-12-04T09:00:00Z").andReturn(200, "since nine UTC\n").always();
        cluster.server.expect().get().withPath(driverLog + "?pretty=false&container=spark-kubernetes-driver"
                + "&sinceSeconds=3600&tailLines=1").andReturn(200, "the last line of the hour\n").always();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static String kubeconfig() {
        return cluster.kubeconfig.toString();
    }

    @Test
    void scopeFlagsBeforeTheCommandMeanWhatTheyMeanAfterIt() {
        Sparkdoc before = Sparkdoc.plain("--kubeconfig", kubeconfig(), "-n", "analytics", "get", "apps", "-o", "name");
        Sparkdoc after = Sparkdoc.plain("get", "apps", "-o", "name", "-n", "analytics", "--kubeconfig", kubeconfig());
        assertEquals(0, before.exitCode(), before.err());
        assertEquals(after.out(), before.out());
        assertTrue(before.out().contains("app/nightly-report\n"), before.out());
        assertFalse(before.out().contains("app/skewed-join"), before.out());
        Sparkdoc context = Sparkdoc.plain("--context", "bi", "--kubeconfig", kubeconfig(), "get", "apps", "-o",
                "name");
        assertEquals(before.out(), context.out(), "context bi's namespace is analytics");
        Sparkdoc all = Sparkdoc.plain("-A", "get", "apps", "--kubeconfig", kubeconfig());
        assertTrue(all.out().startsWith("NAMESPACE "), all.out());
        assertTrue(all.out().contains("nightly-report") && all.out().contains("skewed-join"), all.out());
        Sparkdoc missing = Sparkdoc.plain("--context", "nowhere", "get", "apps", "--kubeconfig", kubeconfig());
        assertEquals(3, missing.exitCode());
        assertTrue(missing.err().startsWith("sparkdoc: context 'nowhere' is not in "), missing.err());
    }

    @Test
    void theCommandsOwnFlagBeatsTheOneBeforeIt() {
        Sparkdoc run = Sparkdoc.plain("-n", "analytics", "get", "apps", "-n", "spark", "-o", "name", "--kubeconfig",
                kubeconfig());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("app/skewed-join\n"), run.out());
        assertFalse(run.out().contains("nightly-report"), run.out());
    }

    /** A config file's namespace is the default: a flag before the command beats it as one after it does. */
    @Test
    void aFlagBeforeTheCommandBeatsTheConfigFile() throws Exception {
        Path config = java.nio.file.Files.writeString(directory.resolve("config.yaml"),
                "defaults:\n  \"*\":\n    namespace: analytics\n");
        System.setProperty("sparkdoc.config", config.toString());
        try {
            Sparkdoc fromConfig = Sparkdoc.run(cluster, "get", "apps", "-o", "name");
            assertEquals(0, fromConfig.exitCode(), fromConfig.err());
            assertTrue(fromConfig.out().contains("app/nightly-report\n"), fromConfig.out());
            Sparkdoc global = Sparkdoc.run(cluster, "-n", "spark", "get", "apps", "-o", "name");
            assertTrue(global.out().contains("app/skewed-join\n"), global.out());
            assertFalse(global.out().contains("nightly-report"), global.out());
            // the same file does not turn a plain rule file into a PrometheusRule
            Sparkdoc alerts = Sparkdoc.plain("alerts", "export", "--source", "spark");
            assertEquals(0, alerts.exitCode(), alerts.err());
            assertTrue(alerts.out().contains("groups:"), alerts.out());
            // nor is it a flag typed before a command that takes none
            Sparkdoc rules = Sparkdoc.plain("rules", "list");
            assertEquals(0, rules.exitCode(), rules.err());
        } finally {
            System.clearProperty("sparkdoc.config");
        }
    }

    @Test
    void aFlagBeforeACommandThatTakesNoneIsAUsageError() {
        Sparkdoc run = Sparkdoc.plain("--context", "bi", "rules", "list");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("sparkdoc: --context (before the command) is for the commands that take it"),
                run.err());
        assertTrue(run.err().contains("'sparkdoc rules list' does not"), run.err());
    }

    @Test
    void getAppsNameShowsThatOneApplicationByAnyOfItsNames() {
        Sparkdoc one = Sparkdoc.run(cluster, "get", "apps", "skewed-join");
        assertEquals(0, one.exitCode(), one.err());
        assertEquals(2, one.out().lines().count(), one.out());
        assertTrue(one.row("skewed-join").matches("skewed-join +" + MockCluster.SKEWED_ID + " .*"), one.out());
        Sparkdoc byId = Sparkdoc.run(cluster, "get", "app", MockCluster.SKEWED_ID, "-o", "name");
        assertEquals("app/skewed-join\n", byId.out(), byId.err());
        Sparkdoc missing = Sparkdoc.run(cluster, "get", "apps", "skewed-jion");
        assertEquals(3, missing.exitCode());
        assertTrue(missing.err().contains("application 'skewed-jion' not found in namespace spark; did you mean"
                + " skewed-join"), missing.err());
        Sparkdoc both = Sparkdoc.run(cluster, "get", "apps", "skewed-join", "-l", "team=etl");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().startsWith("sparkdoc: name an application or select with -l, not both"), both.err());
    }

    @Test
    void getAppsNameAsYamlIsTheOneItemList() throws Exception {
        Sparkdoc run = Sparkdoc.run(cluster, "get", "apps", "etl-daily", "-o", "YAML");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(run.out());
        assertEquals("SparkAppList", document.path("kind").asText());
        assertEquals(1, document.path("items").size());
        assertEquals(MockCluster.ETL_ID, document.path("items").get(0).path("applicationId").asText());
    }

    @Test
    void outputNameIsKindSlashNameAndThoseNamesAreTakenBack() {
        Sparkdoc apps = Sparkdoc.run(cluster, "get", "apps", "-o", "name");
        assertEquals(0, apps.exitCode(), apps.err());
        List<String> names = apps.out().lines().toList();
        assertTrue(names.contains("app/skewed-join") && names.contains("app/etl-daily"), apps.out());
        assertTrue(names.stream().allMatch(name -> name.startsWith("app/")), apps.out());
        Sparkdoc sparkapp = Sparkdoc.run(cluster, "get", "sparkapp", "-o", "name");
        assertEquals(apps.out(), sparkapp.out(), "kubectl's short name of SparkApplications is an alias of apps");
        Sparkdoc drivers = Sparkdoc.run(cluster, "get", "drivers", "-o", "name");
        assertTrue(drivers.out().lines().toList().contains("pod/" + MockCluster.SKEWED_DRIVER), drivers.out());
        Sparkdoc executors = Sparkdoc.run(cluster, "get", "executors", "skewed-join", "-o", "name");
        assertTrue(executors.out().lines().allMatch(line -> line.startsWith("pod/" + MockCluster.SKEWED_PREFIX
                + "-exec-")), executors.out());
        assertFalse(executors.out().isEmpty());
        Sparkdoc describeApp = Sparkdoc.run(cluster, "describe", "app", "app/skewed-join");
        assertEquals(0, describeApp.exitCode(), describeApp.err());
        assertTrue(describeApp.out().contains(MockCluster.SKEWED_ID), describeApp.out());
        Sparkdoc describePod = Sparkdoc.run(cluster, "describe", "app", "pod/" + MockCluster.SKEWED_DRIVER);
        assertEquals(describeApp.exitCode(), describePod.exitCode(), describePod.err());
        assertTrue(describePod.out().contains(MockCluster.SKEWED_ID), describePod.out());
    }

    @Test
    void aBadOutputAndAMalformedSelectorAreBothUsageErrorsNamingTheValidForms() {
        Sparkdoc output = Sparkdoc.run(cluster, "get", "apps", "-o", "xml");
        assertEquals(2, output.exitCode());
        assertTrue(output.err().startsWith("sparkdoc: Invalid value for option '--output': expected one of [wide, json,"
                + " yaml, name]"), output.err());
        Sparkdoc selector = Sparkdoc.run(cluster, "get", "apps", "-l", "a=(b");
        assertEquals(2, selector.exitCode());
        assertTrue(selector.err().startsWith("sparkdoc: -l 'a=(b': "), selector.err());
        assertTrue(selector.err().contains("a selector is comma-separated k=v, k!=v, 'k in (a,b)'"),
                selector.err());
        Sparkdoc diagnose = Sparkdoc.run(cluster, "diagnose", "skewed-join", "-o", "html");
        assertEquals(2, diagnose.exitCode());
        assertTrue(diagnose.err().contains("expected one of [text, json, yaml]"), diagnose.err());
        Sparkdoc watchName = Sparkdoc.run(cluster, "get", "apps", "-w", "-o", "name");
        assertEquals(2, watchName.exitCode());
        assertTrue(watchName.err().startsWith("sparkdoc: -w prints tables; use it without -o name"), watchName.err());
    }

    @Test
    void diagnoseOutputIsCaseInsensitiveAsEveryOtherFormat() throws Exception {
        Sparkdoc run = Sparkdoc.run(cluster, "diagnose", "skewed-join", "-o", "JSON");
        assertTrue(run.exitCode() == 0 || run.exitCode() == 4, run.err());
        assertTrue(new ObjectMapper().readTree(run.out()).isObject(), run.out());
    }

    @Test
    void logsSinceAndSinceTimeAskTheServerForTheNewerLinesOnly() {
        Sparkdoc minutes = Sparkdoc.run(cluster, "logs", "skewed-join", "--since", "5m");
        assertEquals(0, minutes.exitCode(), minutes.err());
        assertEquals("the last five minutes\n", minutes.out());
        Sparkdoc partSecond = Sparkdoc.run(cluster, "logs", "skewed-join", "--since", "1500ms");
        assertEquals("the last two seconds\n", partSecond.out(), partSecond.err());
        Sparkdoc time = Sparkdoc.run(cluster, "logs", "skewed-join", "--since-time", "2026-12-04T10:00:00+01:00");
        assertEquals("since nine UTC\n", time.out(), time.err());
        Sparkdoc tail = Sparkdoc.run(cluster, "logs", "skewed-join", "--since", "1h", "--tail", "1");
        assertEquals("the last line of the hour\n", tail.out(), tail.err());
    }

    @Test
    void badSinceValuesAreUsageErrors() {
        Sparkdoc notDuration = Sparkdoc.run(cluster, "logs", "skewed-join", "--since", "yesterday");
        assertEquals(2, notDuration.exitCode());
        assertTrue(notDuration.err().startsWith("sparkdoc: --since 'yesterday' is not a duration; write it like"),
                notDuration.err());
        Sparkdoc both = Sparkdoc.run(cluster, "logs", "skewed-join", "--since", "5m", "--since-time",
                "2026-12-04T09:00:00Z");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().startsWith("sparkdoc: --since and --since-time exclude each other"), both.err());
        Sparkdoc notTime = Sparkdoc.run(cluster, "logs", "skewed-join", "--since-time", "9am");
        assertEquals(2, notTime.exitCode());
        assertTrue(notTime.err().startsWith("sparkdoc: --since-time '9am' is not an RFC 3339 time"), notTime.err());
        Sparkdoc zero = Sparkdoc.run(cluster, "logs", "skewed-join", "--since", "0s");
        assertEquals(2, zero.exitCode());
    }
}
