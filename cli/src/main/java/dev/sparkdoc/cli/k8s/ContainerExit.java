package dev.sparkdoc.cli.k8s;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import java.util.Optional;

/**
 * How a Spark container ended, explained: the exit code and termination reason Kubernetes recorded, what they mean
 * for a Spark driver or executor (Spark's own table in {@code ExecutorPodsLifecycleManager.describeExitCode}), and
 * what to change.
 */
record ContainerExit(int exitCode, Optional<String> reason, Optional<String> message, Optional<String> finishedAt) {

    ContainerExit {
        requireNonNull(reason, "reason is null");
        requireNonNull(message, "message is null");
        requireNonNull(finishedAt, "finishedAt is null");
    }

    static ContainerExit of(ContainerStateTerminated terminated) {
        return new ContainerExit(terminated.getExitCode() == null ? 0 : terminated.getExitCode(),
                nonBlank(terminated.getReason()), nonBlank(terminated.getMessage()),
                nonBlank(terminated.getFinishedAt()));
    }

    private static Optional<String> nonBlank(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    boolean oomKilled() {
        return reason.map("OOMKilled"::equals).orElse(false);
    }

    /** Killed for memory: the kernel's OOM killer said so, or SIGKILL (137), its usual signature. */
    boolean killedForMemory() {
        return oomKilled() || exitCode == 137;
    }

    boolean failed() {
        return exitCode != 0 || oomKilled();
    }

    /** "exit 137 OOMKilled", "exit 143 (SIGTERM)". */
    String label() {
        String signal = signalName().map(name -> " (" + name + ")").orElse("");
        return "exit " + exitCode + reason.map(text -> " " + text).orElse(signal);
    }

    Optional<String> signalName() {
        switch (exitCode) {
            case 134:
                return Optional.of("SIGABRT");
            case 137:
                return Optional.of("SIGKILL");
            case 139:
                return Optional.of("SIGSEGV");
            case 143:
                return Optional.of("SIGTERM");
            default:
                return Optional.empty();
        }
    }

    /** What the exit means for a container of {@code role} (driver or executor), and what to do about it. */
    String explanation(String role) {
        String memoryKey = "spark." + role + ".memory";
        String overheadKey = "spark." + role + ".memoryOverhead";
        if (oomKilled()) {
            return "killed by the kernel for exceeding the container's memory limit (OOMKilled): the JVM heap plus "
                    + "off-heap memory (netty buffers, Python workers, native libraries) outgrew "
                    + memoryKey + " + " + overheadKey + "; raise " + overheadKey
                    + " (or spark.kubernetes.memoryOverheadFactor)";
        }
        switch (exitCode) {
            case 0:
                return "completed successfully";
            case 1:
                return "failed with a generic error; the container log says why (sparkdoc logs APP)";
            case 10:
            case 50:
                return "an uncaught exception ended the " + role + "; the container log has the stack trace";
            case 52:
                return "the JVM heap ran out of memory (java.lang.OutOfMemoryError): raise " + memoryKey
                        + ", or give each task less data (more partitions)";
            case 53:
                return "Spark could not create its local directory (DiskStore); check spark.local.dir volumes "
                        + "and the node's ephemeral storage";
            case 126:
                return "the container command could not be executed (wrong image architecture, or an "
                        + "entrypoint without execute permission)";
            case 127:
                return "the container command was not found in the image; check spark.kubernetes.container.image";
            case 134:
                return "the JVM aborted (SIGABRT), usually a native crash; look for hs_err output in the log";
            case 137:
                return "killed with SIGKILL, most likely by the container memory limit: raise " + overheadKey
                        + " (or spark.kubernetes.memoryOverheadFactor); a pod deleted after its grace period "
                        + "also ends this way";
            case 139:
                return "segmentation fault (SIGSEGV) in native code: native libraries, off-heap memory, or a JVM bug";
            case 143:
                return "terminated with SIGTERM: the pod was deleted, preempted or evicted, its node drained, or "
                        + "Spark released an idle executor";
            case 255:
                return "exited with 255; the container log says why";
            default:
                return "exited with code " + exitCode + "; the container log says why";
        }
    }
}
