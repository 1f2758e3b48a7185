package dev.sparkdoc.cli.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;

/** The labels Spark and the operators put on pods (Spark's {@code Constants.scala}, spark-operator's spark.go). */
final class SparkLabels {

    static final String APP_ID = "spark-app-selector";
    static final String ROLE = "spark-role";
    static final String EXECUTOR_ID = "spark-exec-id";
    static final String APP_NAME = "spark-app-name";
    static final String VERSION = "spark-version";
    static final String KUBEFLOW_APP_NAME = "sparkoperator.k8s.io/app-name";
    static final String APACHE_OPERATOR_APP_NAME = "spark.operator/spark-app-name";
    static final String DRIVER = "driver";
    static final String EXECUTOR = "executor";

    private SparkLabels() {
    }

    static Optional<String> label(Pod pod, String key) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        String value = labels == null ? null : labels.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    static boolean isDriver(Pod pod) {
        return label(pod, ROLE).map(DRIVER::equals).orElse(false);
    }

    static boolean isExecutor(Pod pod) {
        return label(pod, ROLE).map(EXECUTOR::equals).orElse(false);
    }

    static String executorId(Pod pod) {
        return label(pod, EXECUTOR_ID).orElse("");
    }

    /** The SparkApplication a pod belongs to, by either operator's label. */
    static Optional<String> operatorAppName(Pod pod) {
        Optional<String> kubeflow = label(pod, KUBEFLOW_APP_NAME);
        return kubeflow.isPresent() ? kubeflow : label(pod, APACHE_OPERATOR_APP_NAME);
    }
}
