package dev.sparkdoc.cli.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'sparkdoc describe app' and 'sparkdoc logs' against the CRUD mock. */
class DescribeAndLogsTest {

    @TempDir
    static Path directory;
    static MockCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new MockCluster(directory);
        String driverLog = "/api/v1/namespaces/spark/pods/" + MockCluster.SKEWED_DRIVER + "/log";
        String executorLog = "/api/v1/namespaces/spark/pods/" + MockCluster.SKEWED_PREFIX + "-exec-2/log";
        cluster.server.expect().get().withPath(driverLog + "?pretty=false&container=spark-kubernetes-driver")
                .andReturn(200, "INFO SparkContext: Running Spark version 4.2.0\nWARN TaskSetManager: Lost task 3.0\n"
                        + "ERROR TaskSchedulerImpl: Lost executor 2: The executor with id 2 exited with exit code "
                        + "137(SIGKILL, possible container OOM).\n").always();
        cluster.server.expect().get().withPath(driverLog
                + "?pretty=false&container=spark-kubernetes-driver&tailLines=1")
                .andReturn(200, "ERROR TaskSchedulerImpl: Lost executor 2\n").always();
        cluster.server.expect().get().withPath(executorLog + "?pretty=false&container=spark-kubernetes-executor")
                .andReturn(200, "INFO Executor: Running task 3.0 in stage 2.0 (TID 7)\n").always();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void describeShowsPodsTerminationsExplainedMemoryEventsAndTheUiService() {
        Sparkdoc run = Sparkdoc.run(cluster, "describe", "app", "skewed-join");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("Name:               skewed-join\n"), out);
        assertTrue(out.contains("Application ID:     " + MockCluster.SKEWED_ID), out);
        assertTrue(out.contains("Source:             spark-submit"), out);
        assertTrue(out.contains("Driver UI:          svc/" + MockCluster.SKEWED_DRIVER + "-svc:4040  (kubectl "
                + "port-forward -n spark svc/" + MockCluster.SKEWED_DRIVER + "-svc 4040:4040)"), out);
        assertTrue(out.contains("Executors:          2 running, 1 pending, 1 failed"), out);
        assertTrue(out.lines().anyMatch(line -> line.matches(" +" + MockCluster.SKEWED_PREFIX
                + "-exec-2 \\[spark-kubernetes-executor\\]: exit 137 OOMKilled, 5m\\d*s? ago")), out);
        assertTrue(out.contains("killed by the kernel for exceeding the container's memory limit (OOMKilled)"), out);
        assertTrue(out.contains(MockCluster.SKEWED_PREFIX + "-exec-3 [spark-kubernetes-executor] before its last "
                + "restart: exit 137 OOMKilled"), out);
        assertTrue(out.lines().anyMatch(line -> line.matches(" +" + MockCluster.SKEWED_PREFIX
                + "-exec-1 +spark-kubernetes-executor +4096Mi +409Mi +4505Mi +4505Mi +overhead 10% of heap")), out);
        assertTrue(out.lines().anyMatch(line -> line.matches(" +Warning +FailedScheduling +\\d+s \\(x6\\) "
                + "+default-scheduler +pod/" + MockCluster.SKEWED_PREFIX + "-exec-4 +0/3 nodes are available: 3 "
                + "Insufficient memory\\..*")), out);
        assertFalse(out.contains("not about Spark"), "events of other pods: " + out);
        assertFalse(out.contains("SparkApplication spec"), out);
    }

    @Test
    void describeOfAnOperatorAppShowsItsStateErrorGoneExecutorsSpecAndStatus() {
        Sparkdoc run = Sparkdoc.run(cluster, "describe", "app", "etl-daily");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("Source:             spark-operator (SparkApplication sparkoperator.k8s.io/v1beta2)"),
                out);
        assertTrue(out.contains("State:              FAILED\nError:              driver container failed with "
                + "ExitCode: 1, Reason: Error"), out);
        assertTrue(out.contains("Driver UI:          svc/etl-daily-ui-svc:4040"), out);
        assertTrue(out.contains("Attempts:           2"), out);
        assertTrue(out.lines().anyMatch(line -> line.matches(" +etl-daily-7c1e8a2b3c4d5e6f-exec-1 +executor +<none> "
                + "+<none> +Gone:FAILED.*")), out);
        assertTrue(out.contains("exit 52 Error"), out);
        assertTrue(out.contains("the JVM heap ran out of memory (java.lang.OutOfMemoryError): raise "
                + "spark.executor.memory"), out);
        assertTrue(out.contains("spec: spark.executor.memory=4g, spark.executor.memoryOverhead=512m, "
                + "spark.driver.memory=2g"), out);
        assertTrue(out.contains("SparkApplication spec:\n  type: Scala\n"), out);
        assertTrue(out.contains("SparkApplication status:\n"), out);
        assertTrue(out.contains("    state: FAILED"), out);
    }

    @Test
    void anApplicationCanBeNamedByIdOrDriverPodAndAMissOffersCloseMatches() {
        assertEquals(0, Sparkdoc.run(cluster, "describe", "app", MockCluster.ETL_ID).exitCode());
        assertEquals(0, Sparkdoc.run(cluster, "describe", "app", MockCluster.SKEWED_DRIVER).exitCode());
        Sparkdoc miss = Sparkdoc.run(cluster, "describe", "app", "etl-dialy");
        assertEquals(3, miss.exitCode());
        assertEquals("sparkdoc: application 'etl-dialy' not found in namespace spark; did you mean etl-daily?",
                miss.err().trim());
        Sparkdoc far = Sparkdoc.run(cluster, "describe", "app", "zzz");
        assertEquals("sparkdoc: application 'zzz' not found in namespace spark (3 Spark applications there; "
                + "'sparkdoc get apps' lists them, -A looks in every namespace)", far.err().trim());
        Sparkdoc everywhere = Sparkdoc.run(cluster, "describe", "app", "sessions-agg", "-A");
        assertEquals(0, everywhere.exitCode(), everywhere.err());
        assertTrue(everywhere.out().contains("Source:             spark-kubernetes-operator (SparkApplication "
                + "spark.apache.org/v1)"), everywhere.out());
    }

    @Test
    void logsOfTheDriverAndOfAnExecutorFoundByLabel() {
        Sparkdoc driver = Sparkdoc.run(cluster, "logs", "skewed-join");
        assertEquals(0, driver.exitCode(), driver.err());
        assertTrue(driver.out().contains("exited with exit code 137(SIGKILL, possible container OOM)"),
                () -> {
                    try {
                        return cluster.server.getLastRequest().getPath();
                    } catch (InterruptedException e) {
                        return "";
                    }
                });
        Sparkdoc tail = Sparkdoc.run(cluster, "logs", "skewed-join", "--tail", "1");
        assertEquals("ERROR TaskSchedulerImpl: Lost executor 2\n", tail.out());
        Sparkdoc executor = Sparkdoc.run(cluster, "logs", MockCluster.SKEWED_ID, "--executor", "2");
        assertEquals(0, executor.exitCode(), executor.err());
        assertEquals("INFO Executor: Running task 3.0 in stage 2.0 (TID 7)\n", executor.out());
        Sparkdoc follow = Sparkdoc.run(cluster, "logs", "skewed-join", "-e", "2", "-f");
        assertEquals(0, follow.exitCode(), follow.err());
    }

    @Test
    void logsOfAnExecutorWithoutAPodSayWhy() {
        Sparkdoc gone = Sparkdoc.run(cluster, "logs", "etl-daily", "--executor", "1");
        assertEquals(3, gone.exitCode());
        assertEquals("sparkdoc: application 'etl-daily' has no executor pod with spark-exec-id 1; its pod "
                + "etl-daily-7c1e8a2b3c4d5e6f-exec-1 is gone (FAILED): Spark deletes finished executor pods unless "
                + "spark.kubernetes.executor.deleteOnTermination=false; executors with pods: 3", gone.err().trim());
    }
}
