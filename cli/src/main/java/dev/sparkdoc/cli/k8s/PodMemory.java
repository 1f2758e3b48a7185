package dev.sparkdoc.cli.k8s;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.diagnosis.SparkSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The memory of a Spark pod's main container: its request and limit, and the JVM heap Spark gave it (executors carry
 * {@code SPARK_EXECUTOR_MEMORY}). Spark sizes the container as heap + memoryOverhead (+ PySpark and off-heap memory),
 * so limit minus heap is the overhead the container really had.
 */
record PodMemory(String container, OptionalLong request, OptionalLong limit, OptionalLong heap) {

    private static final List<String> SPARK_CONTAINERS = List.of("spark-kubernetes-executor",
            "spark-kubernetes-driver", "executor", "driver");

    PodMemory {
        requireNonNull(container, "container is null");
        requireNonNull(request, "request is null");
        requireNonNull(limit, "limit is null");
        requireNonNull(heap, "heap is null");
    }

    static PodMemory of(Pod pod) {
        Optional<Container> main = mainContainer(pod);
        if (main.isEmpty()) {
            return new PodMemory("", OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
        }
        Container container = main.get();
        OptionalLong request = OptionalLong.empty();
        OptionalLong limit = OptionalLong.empty();
        if (container.getResources() != null) {
            request = bytes(container.getResources().getRequests() == null ? null
                    : container.getResources().getRequests().get("memory"));
            limit = bytes(container.getResources().getLimits() == null ? null
                    : container.getResources().getLimits().get("memory"));
        }
        OptionalLong heap = OptionalLong.empty();
        for (EnvVar env : container.getEnv()) {
            if (("SPARK_EXECUTOR_MEMORY".equals(env.getName()) || "SPARK_DRIVER_MEMORY".equals(env.getName()))
                    && env.getValue() != null) {
                heap = SparkSettings.parseBytes(env.getValue(), 1L << 20);
            }
        }
        return new PodMemory(container.getName(), request, limit, heap);
    }

    static Optional<Container> mainContainer(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getContainers().isEmpty()) {
            return Optional.empty();
        }
        for (String name : SPARK_CONTAINERS) {
            for (Container container : pod.getSpec().getContainers()) {
                if (name.equals(container.getName())) {
                    return Optional.of(container);
                }
            }
        }
        return Optional.of(pod.getSpec().getContainers().get(0));
    }

    private static OptionalLong bytes(Quantity quantity) {
        if (quantity == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Quantity.getAmountInBytes(quantity).longValue());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** Limit minus heap: what is left for everything outside the heap. */
    OptionalLong overhead() {
        if (limit.isEmpty() || heap.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(limit.getAsLong() - heap.getAsLong());
    }

    /** Spark's default overhead for a heap: max(384 MiB, 10% of the heap in whole MiB), as Spark computes it. */
    static long sparkDefaultOverhead(long heapBytes) {
        return Math.max(384L << 20, ((heapBytes >> 20) / 10) << 20);
    }

    static String mebibytes(long bytes) {
        return (bytes >> 20) + "Mi";
    }
}
