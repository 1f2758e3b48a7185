package dev.sparkdoc.cli.k8s;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Spark application on Kubernetes: its driver and executor pods (found by Spark's labels, never by name) and,
 * when an operator runs it, its SparkApplication. {@code missingExecutors} are executors the operator recorded whose
 * pods are gone (Spark deletes finished executor pods), with the operator's last state for each.
 */
record SparkApp(String namespace, String name, Optional<String> appId, Optional<OperatorApp> operator,
        Optional<Pod> driver, List<Pod> executors, Map<String, String> missingExecutors) {

    SparkApp {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
        requireNonNull(appId, "appId is null");
        requireNonNull(operator, "operator is null");
        requireNonNull(driver, "driver is null");
        executors = executors.stream().sorted(Comparator.comparingInt(SparkApp::executorOrder)
                .thenComparing(pod -> pod.getMetadata().getName())).toList();
        missingExecutors = Map.copyOf(missingExecutors);
    }

    private static int executorOrder(Pod pod) {
        try {
            return Integer.parseInt(SparkLabels.executorId(pod));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** "spark-operator", "spark-kubernetes-operator" or "spark-submit". */
    String source() {
        return operator.map(app -> app.kind().operator).orElse("spark-submit");
    }

    /** The operator's state, else one derived from the driver pod's phase. */
    String state() {
        if (operator.isPresent()) {
            return operator.get().state();
        }
        if (driver.isEmpty()) {
            return "UNKNOWN";
        }
        String phase = driver.get().getStatus() == null ? "" : String.valueOf(driver.get().getStatus().getPhase());
        switch (phase) {
            case "Pending":
                return "PENDING";
            case "Running":
                return "RUNNING";
            case "Succeeded":
                return "COMPLETED";
            case "Failed":
                return "FAILED";
            default:
                return "UNKNOWN";
        }
    }

    String driverStatus() {
        return driver.map(PodStatus::status).orElse(Age.NONE);
    }

    long runningExecutors() {
        return executors.stream().filter(pod -> "Running".equals(phase(pod)) && !failed(pod)).count();
    }

    long pendingExecutors() {
        return executors.stream().filter(pod -> "Pending".equals(phase(pod))).count();
    }

    long failedExecutors() {
        long gone = missingExecutors.values().stream().filter("FAILED"::equals).count();
        return executors.stream().filter(SparkApp::failed).count() + gone;
    }

    static boolean failed(Pod pod) {
        if ("Failed".equals(phase(pod))) {
            return true;
        }
        return PodStatus.terminations(pod).stream().anyMatch(t -> !t.previous() && t.exit().failed());
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null ? "" : String.valueOf(pod.getStatus().getPhase());
    }

    /** When the application was created: its SparkApplication, else its driver pod, else its oldest executor. */
    String createdAt() {
        if (operator.isPresent()) {
            return operator.get().resource().getMetadata().getCreationTimestamp();
        }
        if (driver.isPresent()) {
            return driver.get().getMetadata().getCreationTimestamp();
        }
        return executors.stream().map(pod -> pod.getMetadata().getCreationTimestamp()).filter(t -> t != null)
                .sorted().findFirst().orElse("");
    }

    Optional<String> sparkVersion() {
        Optional<String> label = driver.flatMap(pod -> SparkLabels.label(pod, SparkLabels.VERSION));
        if (label.isPresent()) {
            return label;
        }
        Optional<String> spec = operator.flatMap(OperatorApp::sparkVersion);
        return spec.isPresent() ? spec
                : executors.stream().map(pod -> SparkLabels.label(pod, SparkLabels.VERSION))
                        .flatMap(Optional::stream).findFirst();
    }

    /** The names a user may call this application by. */
    List<String> names() {
        java.util.List<String> names = new java.util.ArrayList<>();
        names.add(name);
        appId.ifPresent(names::add);
        driver.ifPresent(pod -> names.add(pod.getMetadata().getName()));
        driver.flatMap(pod -> SparkLabels.label(pod, SparkLabels.APP_NAME)).ifPresent(names::add);
        return names.stream().distinct().toList();
    }
}
