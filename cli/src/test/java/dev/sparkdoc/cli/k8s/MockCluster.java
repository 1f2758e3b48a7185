package dev.sparkdoc.cli.k8s;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's Kubernetes mock server in CRUD mode, on loopback, holding what a cluster running Spark really holds:
 * driver and executor pods labelled exactly as Spark and the operators label them, OOMKilled terminations (current and
 * before a restart), a crash loop, a pending executor with the scheduler's FailedScheduling event, an image pull error,
 * a JVM heap OOM (exit 52), SparkApplications of both operators in several states, and the driver services. It
 * writes a kubeconfig for it, so sparkdoc connects the way it connects to a real cluster.
 *
 * <p>The spark-submit application borrows the id of the committed sample log sample-eventlogs/logs/skewed-join.lz4,
 * so {@code diagnose --event-log} joins a log of the same application.
 */
final class MockCluster implements AutoCloseable {

    static final String SKEWED_ID = "local-1795252226878";
    static final String SKEWED_PREFIX = "skewed-join-4f1c2a9e8d7b6c50";
    static final String SKEWED_DRIVER = SKEWED_PREFIX + "-driver";
    static final String ETL_ID = "spark-6b3f0d2c9a8e4f1b8c7d6e5f4a3b2c1d";
    static final String SESSIONS_ID = "spark-a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String TOKEN = "s3cr3t-t0ken-never-print";
    static final String PODS_ONLY = "pods-only";
    static final String PODS_ONLY_ID = "spark-0a0b0c0d0e0f10111213141516171819";

    static final OperatorApp.Kind KUBEFLOW = OperatorApp.Kind.KUBEFLOW;
    static final OperatorApp.Kind APACHE = OperatorApp.Kind.APACHE;

    final KubernetesMockServer server;
    final KubernetesClient client;
    final Path kubeconfig;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** Held, so that the level stays set: the mock logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    MockCluster(Path directory) {
        // CRUD for objects, plus expectations (pod logs, a 403) that take precedence, as with
        // @EnableKubernetesMockClient(crud = true).
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
            kubeconfig = directory.resolve("kubeconfig");
            Files.writeString(kubeconfig, kubeconfig("http://127.0.0.1:" + server.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = server.createClient();
        seed();
    }

    static String kubeconfig(String url) {
        return "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: " + url + "\n"
                + "contexts:\n- name: mock\n  context:\n    cluster: mock\n    user: tester\n    namespace: spark\n"
                + "- name: bi\n  context:\n    cluster: mock\n    user: tester\n    namespace: analytics\n"
                + "current-context: mock\nusers:\n- name: tester\n  user:\n    token: " + TOKEN + "\n";
    }

    private String ago(Duration duration) {
        return now.minus(duration).toString();
    }

    private void seed() {
        seedSkewedJoin();
        seedEtlDaily();
        seedImageTypo();
        seedAnalytics();
        server.expect().get().withPath("/api/v1/namespaces/locked/pods?labelSelector=spark-role")
                .andReturn(403, new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
                        .withMessage("pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" "
                                + "in the namespace \"locked\"").build())
                .always();
    }

    /**
     * Namespace {@value #PODS_ONLY}: an application whose executor was OOMKilled, in a namespace where the user's
     * Role grants pods only: events, services and SparkApplications answer 403, as a real API server does. Not seeded
     * by default (it would add a row to every {@code -A} listing).
     */
    void seedPodsOnlyNamespace() {
        Map<String, String> labels = sparkLabels(PODS_ONLY_ID, "pods-only");
        create(driverPod(PODS_ONLY, "pods-only-driver", labels, ago(Duration.ofMinutes(9)), "node-a",
                running(ago(Duration.ofMinutes(9)))));
        create(executorPod(PODS_ONLY, "pods-only-exec-1", labels, "1", ago(Duration.ofMinutes(8)), "node-b",
                "Failed", new ContainerStatusBuilder().withName("spark-kubernetes-executor").withReady(false)
                        .withRestartCount(0).withImage("apache/spark:4.2.0").withNewState().withNewTerminated()
                        .withExitCode(137).withReason("OOMKilled").withFinishedAt(ago(Duration.ofMinutes(3)))
                        .endTerminated().endState().build()));
        forbid("/api/v1/namespaces/" + PODS_ONLY + "/events", "events", "");
        forbid("/api/v1/namespaces/" + PODS_ONLY + "/services?labelSelector=spark-app-selector%3D" + PODS_ONLY_ID,
                "services", "");
        for (OperatorApp.Kind kind : OperatorApp.Kind.values()) {
            forbid("/apis/" + kind.apiVersion() + "/namespaces/" + PODS_ONLY + "/sparkapplications",
                    "sparkapplications", kind.apiVersion().substring(0, kind.apiVersion().indexOf('/')));
        }
    }

    private void forbid(String path, String resource, String group) {
        server.expect().get().withPath(path).andReturn(403, new StatusBuilder().withStatus("Failure")
                .withReason("Forbidden").withCode(403).withMessage(resource + " is forbidden: User \"jane\" cannot "
                        + "list resource \"" + resource + "\" in API group \"" + group + "\" in the namespace \""
                        + PODS_ONLY + "\"").build()).always();
    }

    // ---- spark-submit: driver running, executors OOMKilled, crash-looping, pending ----

    private void seedSkewedJoin() {
        Map<String, String> labels = sparkLabels(SKEWED_ID, "skewed-join");
        create(driverPod("spark", SKEWED_DRIVER, labels, ago(Duration.ofMinutes(20)), "node-a",
                running(ago(Duration.ofMinutes(19)))));
        create(executorPod("spark", SKEWED_PREFIX + "-exec-1", labels, "1", ago(Duration.ofMinutes(18)), "node-a",
                "Running", running(ago(Duration.ofMinutes(18)))));
        create(executorPod("spark", SKEWED_PREFIX + "-exec-2", labels, "2", ago(Duration.ofMinutes(18)), "node-b",
                "Failed", new ContainerStatusBuilder().withName("spark-kubernetes-executor").withReady(false)
                        .withRestartCount(0).withImage("apache/spark:4.2.0").withNewState().withNewTerminated()
                        .withExitCode(137).withReason("OOMKilled").withStartedAt(ago(Duration.ofMinutes(17)))
                        .withFinishedAt(ago(Duration.ofMinutes(5))).endTerminated().endState().build()));
        create(executorPod("spark", SKEWED_PREFIX + "-exec-3", labels, "3", ago(Duration.ofMinutes(18)), "node-c",
                "Running", new ContainerStatusBuilder().withName("spark-kubernetes-executor").withReady(false)
                        .withRestartCount(2).withImage("apache/spark:4.2.0").withNewState().withNewWaiting()
                        .withReason("CrashLoopBackOff").withMessage("back-off 40s restarting failed container")
                        .endWaiting().endState().withNewLastState().withNewTerminated().withExitCode(137)
                        .withReason("OOMKilled").withFinishedAt(ago(Duration.ofMinutes(2))).endTerminated()
                        .endLastState().build()));
        Pod pending = executorPod("spark", SKEWED_PREFIX + "-exec-4", labels, "4", ago(Duration.ofMinutes(4)), null,
                "Pending", null);
        pending.getStatus().getConditions().add(new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient memory.").build());
        create(pending);
        event("spark", SKEWED_PREFIX + "-exec-4", "Warning", "FailedScheduling", "default-scheduler",
                "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No "
                        + "preemption victims found for incoming pod.", ago(Duration.ofMinutes(1)), 6);
        event("spark", SKEWED_PREFIX + "-exec-3", "Warning", "BackOff", "kubelet",
                "Back-off restarting failed container spark-kubernetes-executor in pod " + SKEWED_PREFIX + "-exec-3",
                ago(Duration.ofMinutes(1)), 4);
        event("spark", "unrelated-pod", "Normal", "Pulled", "kubelet", "not about Spark", ago(Duration.ofMinutes(1)),
                1);
        client.services().inNamespace("spark").resource(new ServiceBuilder().withNewMetadata()
                .withName(SKEWED_DRIVER + "-svc").withNamespace("spark").withLabels(Map.of("spark-app-selector",
                        SKEWED_ID)).endMetadata().withNewSpec().withClusterIP("None").addNewPort()
                .withName("driver-rpc-port").withPort(7078).endPort().addNewPort().withName("blockmanager")
                .withPort(7079).endPort().addNewPort().withName("spark-ui").withPort(4040).endPort()
                .withSelector(Map.of("spark-app-selector", SKEWED_ID, "spark-role", "driver")).endSpec().build())
                .create();
    }

    // ---- spark-operator: FAILED application, driver exit 1, one executor out of heap, others gone ----

    private void seedEtlDaily() {
        Map<String, String> labels = new LinkedHashMap<>(sparkLabels(ETL_ID, "etl-daily"));
        labels.put("sparkoperator.k8s.io/app-name", "etl-daily");
        labels.put("sparkoperator.k8s.io/launched-by-spark-operator", "true");
        labels.put("sparkoperator.k8s.io/submission-id", "4e5f6a7b-1c2d-4e3f-8a9b-0c1d2e3f4a5b");
        create(driverPod("spark", "etl-daily-driver", labels, ago(Duration.ofHours(3)), "node-b",
                new ContainerStatusBuilder().withName("spark-kubernetes-driver").withReady(false).withRestartCount(0)
                        .withImage("apache/spark:4.2.0").withNewState().withNewTerminated().withExitCode(1)
                        .withReason("Error").withFinishedAt(ago(Duration.ofHours(2))).endTerminated().endState()
                        .build()));
        driverPhase("spark", "etl-daily-driver", "Failed");
        create(executorPod("spark", "etl-daily-7c1e8a2b3c4d5e6f-exec-3", labels, "3", ago(Duration.ofHours(3)),
                "node-c", "Failed", new ContainerStatusBuilder().withName("spark-kubernetes-executor")
                        .withReady(false).withRestartCount(0).withImage("apache/spark:4.2.0").withNewState()
                        .withNewTerminated().withExitCode(52).withReason("Error")
                        .withFinishedAt(ago(Duration.ofHours(2))).endTerminated().endState().build()));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "Scala");
        spec.put("mode", "cluster");
        spec.put("image", "apache/spark:4.2.0");
        spec.put("mainClass", "com.example.EtlDaily");
        spec.put("mainApplicationFile", "local:///opt/app/etl.jar");
        spec.put("sparkVersion", "4.2.0");
        spec.put("sparkConf", Map.of("spark.sql.shuffle.partitions", "400"));
        spec.put("restartPolicy", Map.of("type", "OnFailure", "onFailureRetries", 1));
        spec.put("driver", Map.of("cores", 1, "memory", "2g", "serviceAccount", "spark"));
        spec.put("executor", Map.of("cores", 2, "instances", 3, "memory", "4g", "memoryOverhead", "512m"));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("sparkApplicationId", ETL_ID);
        status.put("submissionID", "4e5f6a7b-1c2d-4e3f-8a9b-0c1d2e3f4a5b");
        status.put("lastSubmissionAttemptTime", ago(Duration.ofHours(3)));
        status.put("terminationTime", ago(Duration.ofHours(2)));
        status.put("executionAttempts", 2);
        status.put("submissionAttempts", 1);
        status.put("applicationState", Map.of("state", "FAILED", "errorMessage",
                "driver container failed with ExitCode: 1, Reason: Error"));
        status.put("driverInfo", Map.of("podName", "etl-daily-driver", "webUIServiceName", "etl-daily-ui-svc",
                "webUIPort", 4040, "webUIAddress", "10.96.12.7:4040"));
        Map<String, String> executors = new LinkedHashMap<>();
        executors.put("etl-daily-7c1e8a2b3c4d5e6f-exec-1", "FAILED");
        executors.put("etl-daily-7c1e8a2b3c4d5e6f-exec-2", "COMPLETED");
        executors.put("etl-daily-7c1e8a2b3c4d5e6f-exec-3", "FAILED");
        status.put("executorState", executors);
        sparkApplication(KUBEFLOW, "spark", "etl-daily", Map.of("team", "etl"), ago(Duration.ofHours(3)), spec,
                status);
    }

    // ---- spark-operator: driver cannot pull its image ----

    private void seedImageTypo() {
        Map<String, String> labels = new LinkedHashMap<>(sparkLabels("spark-0f9e8d7c6b5a49382716051f4e3d2c1b",
                "image-typo"));
        labels.put("sparkoperator.k8s.io/app-name", "image-typo");
        create(driverPod("spark", "image-typo-driver", labels, ago(Duration.ofMinutes(7)), "node-a",
                new ContainerStatusBuilder().withName("spark-kubernetes-driver").withReady(false).withRestartCount(0)
                        .withImage("apache/spark:4.2.O").withNewState().withNewWaiting().withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"apache/spark:4.2.O\"").endWaiting().endState().build()));
        driverPhase("spark", "image-typo-driver", "Pending");
        event("spark", "image-typo-driver", "Warning", "Failed", "kubelet", "Failed to pull image "
                + "\"apache/spark:4.2.O\": rpc error: code = NotFound desc = manifest unknown",
                ago(Duration.ofMinutes(6)), 5);
        sparkApplication(KUBEFLOW, "spark", "image-typo", Map.of(), ago(Duration.ofMinutes(7)),
                Map.of("type", "Python", "mode", "cluster", "image", "apache/spark:4.2.O", "sparkVersion", "4.2.0"),
                Map.of("applicationState", Map.of("state", "SUBMITTED"), "driverInfo",
                        Map.of("podName", "image-typo-driver"), "submissionAttempts", 1));
    }

    // ---- namespace analytics: a COMPLETED kubeflow app and an Apache-operator app running healthy ----

    private void seedAnalytics() {
        Map<String, String> nightly = new LinkedHashMap<>(sparkLabels("spark-11112222333344445555666677778888",
                "nightly-report"));
        nightly.put("sparkoperator.k8s.io/app-name", "nightly-report");
        create(driverPod("analytics", "nightly-report-driver", nightly, ago(Duration.ofDays(2)), "node-d",
                new ContainerStatusBuilder().withName("spark-kubernetes-driver").withReady(false).withRestartCount(0)
                        .withImage("apache/spark:4.2.0").withNewState().withNewTerminated().withExitCode(0)
                        .withReason("Completed").withFinishedAt(ago(Duration.ofDays(2).minusHours(1))).endTerminated()
                        .endState().build()));
        driverPhase("analytics", "nightly-report-driver", "Succeeded");
        sparkApplication(KUBEFLOW, "analytics", "nightly-report", Map.of("team", "bi"), ago(Duration.ofDays(2)),
                Map.of("type", "Scala", "mode", "cluster", "image", "apache/spark:4.2.0", "sparkVersion", "4.2.0"),
                Map.of("sparkApplicationId", "spark-11112222333344445555666677778888", "applicationState",
                        Map.of("state", "COMPLETED"), "executorState", Map.of("nightly-report-exec-1", "COMPLETED"),
                        "driverInfo", Map.of("podName", "nightly-report-driver")));

        Map<String, String> sessions = new LinkedHashMap<>(sparkLabels(SESSIONS_ID, "sessions-agg"));
        sessions.put("spark.operator/spark-app-name", "sessions-agg");
        create(driverPod("analytics", "sessions-agg-0-driver", sessions, ago(Duration.ofHours(1)), "node-d",
                running(ago(Duration.ofHours(1)))));
        for (String id : List.of("1", "2")) {
            create(executorPod("analytics", "sessions-agg-0-exec-" + id, sessions, id, ago(Duration.ofMinutes(55)),
                    "node-e", "Running", running(ago(Duration.ofMinutes(55)))));
        }
        sparkApplication(APACHE, "analytics", "sessions-agg", Map.of(), ago(Duration.ofHours(1)),
                Map.of("mainClass", "com.example.Sessions", "runtimeVersions", Map.of("sparkVersion", "4.1.1")),
                Map.of("currentState", Map.of("currentStateSummary", "RunningHealthy", "message",
                        "Application is running healthy.")));
    }

    // ---- builders ----

    static Map<String, String> sparkLabels(String appId, String appName) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("spark-app-selector", appId);
        labels.put("spark-app-name", appName);
        labels.put("spark-version", "4.2.0");
        return labels;
    }

    private static ContainerStatus running(String since) {
        return new ContainerStatusBuilder().withName("spark-kubernetes-executor").withReady(true).withStarted(true)
                .withRestartCount(0).withImage("apache/spark:4.2.0").withNewState().withNewRunning()
                .withStartedAt(since).endRunning().endState().build();
    }

    private Pod driverPod(String namespace, String name, Map<String, String> labels, String created, String node,
            ContainerStatus status) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put("spark-role", "driver");
        ContainerStatus named = new ContainerStatusBuilder(status).withName("spark-kubernetes-driver").build();
        boolean running = named.getState() != null && named.getState().getRunning() != null;
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(all)
                .withCreationTimestamp(created).endMetadata()
                .withNewSpec().withNodeName(node).withRestartPolicy("Never").withServiceAccountName("spark")
                .withContainers(new ContainerBuilder().withName("spark-kubernetes-driver").withImage(named.getImage())
                        .withArgs("driver", "--properties-file", "/opt/spark/conf/spark.properties")
                        .addNewEnv().withName("SPARK_DRIVER_BIND_ADDRESS").withValue("10.0.0.1").endEnv()
                        .withNewResources().addToRequests("memory", new Quantity("2432Mi"))
                        .addToRequests("cpu", new Quantity("1")).addToLimits("memory", new Quantity("2432Mi"))
                        .endResources().build())
                .endSpec()
                .withNewStatus().withPhase(running ? "Running" : "Pending").withPodIP("10.0.0.1")
                .withContainerStatuses(named).endStatus().build();
    }

    private Pod executorPod(String namespace, String name, Map<String, String> labels, String id, String created,
            String node, String phase, ContainerStatus status) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put("spark-role", "executor");
        all.put("spark-exec-id", id);
        all.put("spark-exec-resourceprofile-id", "0");
        PodBuilder builder = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(all).withCreationTimestamp(created).endMetadata()
                .withNewSpec().withNodeName(node).withRestartPolicy("Never").withHostname(name)
                .withContainers(new ContainerBuilder().withName("spark-kubernetes-executor")
                        .withImage("apache/spark:4.2.0").withArgs("executor")
                        .addNewEnv().withName("SPARK_EXECUTOR_ID").withValue(id).endEnv()
                        .addNewEnv().withName("SPARK_EXECUTOR_MEMORY").withValue("4g").endEnv()
                        .addNewEnv().withName("SPARK_APPLICATION_ID").withValue(all.get("spark-app-selector"))
                        .endEnv()
                        .withNewResources().addToRequests("memory", new Quantity("4505Mi"))
                        .addToRequests("cpu", new Quantity("1")).addToLimits("memory", new Quantity("4505Mi"))
                        .endResources().build())
                .endSpec()
                .withNewStatus().withPhase(phase).withPodIP(node == null ? null : "10.0.1." + id).endStatus();
        Pod pod = builder.build();
        if (status != null) {
            pod.getStatus().getContainerStatuses().add(status);
        }
        return pod;
    }

    /** Creates the pod. The mock stamps creationTimestamp itself (now), so AGE columns read a few seconds. */
    private void create(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    private void driverPhase(String namespace, String name, String phase) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        pod.getStatus().setPhase(phase);
        client.pods().inNamespace(namespace).resource(pod).update();
    }

    private void event(String namespace, String object, String type, String reason, String component,
            String message, String when, int count) {
        client.v1().events().inNamespace(namespace).resource(new EventBuilder().withNewMetadata()
                .withName(object + "." + Long.toHexString(message.hashCode() & 0xffffffffL)).withNamespace(namespace)
                .endMetadata().withNewInvolvedObject().withKind("Pod").withName(object).withNamespace(namespace)
                .endInvolvedObject().withType(type).withReason(reason).withMessage(message).withNewSource()
                .withComponent(component).endSource().withFirstTimestamp(when).withLastTimestamp(when)
                .withCount(count).build()).create();
    }

    private void sparkApplication(OperatorApp.Kind kind, String namespace, String name, Map<String, String> labels,
            String created, Map<String, Object> spec, Map<String, Object> status) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", kind.apiVersion());
        object.put("kind", "SparkApplication");
        object.put("metadata", Map.of("name", name, "namespace", namespace, "labels", labels, "creationTimestamp",
                created));
        object.put("spec", spec);
        object.put("status", status);
        GenericKubernetesResource resource = new KubernetesSerialization().convertValue(object,
                GenericKubernetesResource.class);
        client.genericKubernetesResources(kind.context()).inNamespace(namespace).resource(resource).create();
    }

    /** Replaces a pod, as the kubelet does when its state changes (for watch tests). */
    void replacePod(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).update();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
