package dev.sparkdoc.cli.k8s;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code SparkApplication} of kubeflow's spark-operator ({@code sparkoperator.k8s.io/v1beta2}) or of Apache's
 * spark-kubernetes-operator ({@code spark.apache.org/v1}). Both use the short name {@code sparkapp}, so sparkdoc
 * always addresses them by group and version, as generic resources (no CRD classes to keep in step).
 */
record OperatorApp(Kind kind, GenericKubernetesResource resource, JsonNode json) {

    enum Kind {
        KUBEFLOW("sparkoperator.k8s.io", "v1beta2", "spark-operator"),
        APACHE("spark.apache.org", "v1", "spark-kubernetes-operator");

        final String group;
        final String version;
        final String operator;

        Kind(String group, String version, String operator) {
            this.group = group;
            this.version = version;
            this.operator = operator;
        }

        ResourceDefinitionContext context() {
            return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
                    .withKind("SparkApplication").withPlural("sparkapplications").withNamespaced(true).build();
        }

        String apiVersion() {
            return group + "/" + version;
        }

        /** "sparkapplications.sparkoperator.k8s.io", as RBAC and kubectl name the resource. */
        String resourceName() {
            return "sparkapplications." + group;
        }
    }

    OperatorApp {
        requireNonNull(kind, "kind is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(json, "json is null");
    }

    static OperatorApp of(Kind kind, GenericKubernetesResource resource) {
        return new OperatorApp(kind, resource, Output.tree(resource));
    }

    String name() {
        return resource.getMetadata().getName();
    }

    String namespace() {
        return resource.getMetadata().getNamespace();
    }

    Map<String, String> labels() {
        return resource.getMetadata().getLabels() == null ? Map.of() : resource.getMetadata().getLabels();
    }

    /** The operator's state: {@code status.applicationState.state} or {@code status.currentState.currentStateSummary}. */
    String state() {
        String state = kind == Kind.KUBEFLOW ? text("status", "applicationState", "state")
                : text("status", "currentState", "currentStateSummary");
        return state.isEmpty() ? "NEW" : state;
    }

    Optional<String> errorMessage() {
        String message = kind == Kind.KUBEFLOW ? text("status", "applicationState", "errorMessage")
                : text("status", "currentState", "message");
        return message.isEmpty() ? Optional.empty() : Optional.of(message);
    }

    Optional<String> applicationId() {
        return optional(text("status", "sparkApplicationId"));
    }

    Optional<String> driverPodName() {
        return optional(text("status", "driverInfo", "podName"));
    }

    Optional<String> webUiService() {
        return optional(text("status", "driverInfo", "webUIServiceName"));
    }

    Optional<String> webUiPort() {
        return optional(text("status", "driverInfo", "webUIPort"));
    }

    Optional<String> webUiAddress() {
        String ingress = text("status", "driverInfo", "webUIIngressAddress");
        return optional(ingress.isEmpty() ? text("status", "driverInfo", "webUIAddress") : ingress);
    }

    Optional<String> sparkVersion() {
        String version = kind == Kind.KUBEFLOW ? text("spec", "sparkVersion")
                : text("spec", "runtimeVersions", "sparkVersion");
        return optional(version);
    }

    Optional<String> executionAttempts() {
        return optional(text("status", "executionAttempts"));
    }

    /** Executor pod name to PENDING|RUNNING|COMPLETED|FAILED|UNKNOWN, as the operator last saw it (kubeflow only). */
    Map<String, String> executorStates() {
        Map<String, String> states = new LinkedHashMap<>();
        JsonNode node = json.path("status").path("executorState");
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            states.put(entry.getKey(), entry.getValue().asText());
        }
        return states;
    }

    /**
     * The Spark properties the spec sets: {@code spec.sparkConf}, then the operator's typed fields for memory and
     * cores, which the operator turns into the same properties.
     */
    Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : json.path("spec").path("sparkConf").properties()) {
            conf.put(entry.getKey(), entry.getValue().asText());
        }
        for (String role : new String[] {"driver", "executor"}) {
            JsonNode spec = json.path("spec").path(role);
            putIfText(conf, "spark." + role + ".memory", spec.path("memory"));
            putIfText(conf, "spark." + role + ".memoryOverhead", spec.path("memoryOverhead"));
            putIfText(conf, "spark." + role + ".cores", spec.path("cores"));
        }
        putIfText(conf, "spark.executor.instances", json.path("spec").path("executor").path("instances"));
        putIfText(conf, "spark.kubernetes.container.image", json.path("spec").path("image"));
        return conf;
    }

    private static void putIfText(Map<String, String> conf, String key, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull() && !value.asText().isEmpty()) {
            conf.put(key, value.asText());
        }
    }

    boolean terminal() {
        String state = state();
        return state.equals("COMPLETED") || state.equals("FAILED") || state.equals("SUBMISSION_FAILED")
                || state.equals("Succeeded") || state.equals("Failed") || state.equals("SchedulingFailure");
    }

    boolean failed() {
        String state = state();
        return state.contains("FAIL") || state.equals("Failed") || state.equals("SchedulingFailure")
                || state.endsWith("TimedOut") || state.equals("DriverEvicted");
    }

    private String text(String... path) {
        JsonNode node = json;
        for (String step : path) {
            node = node.path(step);
        }
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }

    private static Optional<String> optional(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
