package dev.sparkdoc.cli.k8s;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The STATUS, READY and RESTARTS columns of {@code kubectl get pods}, derived exactly as kubectl's {@code printPod}
 * does: not the phase, but the most telling container state (OOMKilled, CrashLoopBackOff, ImagePullBackOff,
 * Completed, Init:..., Terminating, ...).
 */
final class PodStatus {

    private PodStatus() {
    }

    static String status(Pod pod) {
        String reason = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Unknown"
                : pod.getStatus().getPhase();
        if (pod.getStatus() != null && notBlank(pod.getStatus().getReason())) {
            reason = pod.getStatus().getReason();
        }
        boolean initializing = false;
        List<ContainerStatus> initStatuses = pod.getStatus() == null ? List.of()
                : pod.getStatus().getInitContainerStatuses();
        int initContainers = pod.getSpec() == null ? 0 : pod.getSpec().getInitContainers().size();
        for (int i = 0; i < initStatuses.size(); i++) {
            ContainerStatus container = initStatuses.get(i);
            ContainerStateTerminated terminated = container.getState() == null ? null
                    : container.getState().getTerminated();
            if (terminated != null && Integer.valueOf(0).equals(terminated.getExitCode())) {
                continue;
            }
            if (terminated != null) {
                if (!notBlank(terminated.getReason())) {
                    reason = terminated.getSignal() != null && terminated.getSignal() != 0
                            ? "Init:Signal:" + terminated.getSignal()
                            : "Init:ExitCode:" + terminated.getExitCode();
                } else {
                    reason = "Init:" + terminated.getReason();
                }
            } else if (container.getState() != null && container.getState().getWaiting() != null
                    && notBlank(container.getState().getWaiting().getReason())
                    && !"PodInitializing".equals(container.getState().getWaiting().getReason())) {
                reason = "Init:" + container.getState().getWaiting().getReason();
            } else {
                reason = "Init:" + i + "/" + initContainers;
            }
            initializing = true;
            break;
        }
        if (!initializing || conditionTrue(pod, "Initialized")) {
            boolean hasRunning = false;
            List<ContainerStatus> statuses = containerStatuses(pod);
            for (int i = statuses.size() - 1; i >= 0; i--) {
                ContainerStatus container = statuses.get(i);
                if (container.getState() == null) {
                    continue;
                }
                ContainerStateTerminated terminated = container.getState().getTerminated();
                if (container.getState().getWaiting() != null
                        && notBlank(container.getState().getWaiting().getReason())) {
                    reason = container.getState().getWaiting().getReason();
                } else if (terminated != null && notBlank(terminated.getReason())) {
                    reason = terminated.getReason();
                } else if (terminated != null) {
                    reason = terminated.getSignal() != null && terminated.getSignal() != 0
                            ? "Signal:" + terminated.getSignal()
                            : "ExitCode:" + terminated.getExitCode();
                } else if (Boolean.TRUE.equals(container.getReady()) && container.getState().getRunning() != null) {
                    hasRunning = true;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = conditionTrue(pod, "Ready") ? "Running" : "NotReady";
            }
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            reason = pod.getStatus() != null && "NodeLost".equals(pod.getStatus().getReason()) ? "Unknown"
                    : "Terminating";
        }
        return reason;
    }

    /** "1/1", ready containers over containers. */
    static String ready(Pod pod) {
        int total = pod.getSpec() == null ? 0 : pod.getSpec().getContainers().size();
        int ready = 0;
        for (ContainerStatus container : containerStatuses(pod)) {
            if (Boolean.TRUE.equals(container.getReady()) && container.getState() != null
                    && container.getState().getRunning() != null) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    static int restartCount(Pod pod) {
        int restarts = 0;
        for (ContainerStatus container : containerStatuses(pod)) {
            restarts += container.getRestartCount() == null ? 0 : container.getRestartCount();
        }
        return restarts;
    }

    /** "0", or "3 (5m ago)" like kubectl. */
    static String restarts(Pod pod, Instant now) {
        int restarts = restartCount(pod);
        Optional<Instant> last = Optional.empty();
        for (ContainerStatus container : containerStatuses(pod)) {
            if (container.getLastState() != null && container.getLastState().getTerminated() != null) {
                Optional<Instant> finished = Age.parse(container.getLastState().getTerminated().getFinishedAt());
                if (finished.isPresent() && (last.isEmpty() || finished.get().isAfter(last.get()))) {
                    last = finished;
                }
            }
        }
        if (restarts == 0 || last.isEmpty()) {
            return Integer.toString(restarts);
        }
        return restarts + " (" + Age.human(java.time.Duration.between(last.get(), now)) + " ago)";
    }

    static List<ContainerStatus> containerStatuses(Pod pod) {
        return pod.getStatus() == null ? List.of() : pod.getStatus().getContainerStatuses();
    }

    /** Every termination the pod records, current state first then last state, main containers only. */
    static List<Termination> terminations(Pod pod) {
        List<Termination> terminations = new ArrayList<>();
        for (ContainerStatus container : containerStatuses(pod)) {
            if (container.getState() != null && container.getState().getTerminated() != null) {
                terminations.add(new Termination(container.getName(), false,
                        ContainerExit.of(container.getState().getTerminated())));
            }
            if (container.getLastState() != null && container.getLastState().getTerminated() != null) {
                terminations.add(new Termination(container.getName(), true,
                        ContainerExit.of(container.getLastState().getTerminated())));
            }
        }
        return terminations;
    }

    /** A container's termination: its current state ({@code previous} false) or the one before its last restart. */
    record Termination(String container, boolean previous, ContainerExit exit) {
    }

    static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static boolean conditionTrue(Pod pod, String type) {
        return condition(pod, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
