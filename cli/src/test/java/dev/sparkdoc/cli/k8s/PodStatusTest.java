package dev.sparkdoc.cli.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kubectl's STATUS column (printPod), its AGE format, label selectors and the exit-code table, case by case. */
class PodStatusTest {

    private static Pod pod(String phase, List<ContainerStatus> init, List<ContainerStatus> containers) {
        return new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec()
                .addNewContainer().withName("spark-kubernetes-executor").endContainer()
                .addNewInitContainer().withName("init").endInitContainer().endSpec()
                .withNewStatus().withPhase(phase).withInitContainerStatuses(init).withContainerStatuses(containers)
                .endStatus().build();
    }

    private static ContainerStatus terminated(int exit, String reason, Integer signal) {
        return new ContainerStatusBuilder().withName("c").withNewState().withNewTerminated().withExitCode(exit)
                .withReason(reason).withSignal(signal).endTerminated().endState().build();
    }

    private static ContainerStatus waiting(String reason) {
        return new ContainerStatusBuilder().withName("c").withNewState().withNewWaiting().withReason(reason)
                .endWaiting().endState().build();
    }

    @Test
    void statusIsTheMostTellingContainerStateNotThePhase() {
        assertEquals("OOMKilled", PodStatus.status(pod("Failed", List.of(), List.of(terminated(137, "OOMKilled",
                null)))));
        assertEquals("ExitCode:143", PodStatus.status(pod("Failed", List.of(), List.of(terminated(143, null, null)))));
        assertEquals("Signal:9", PodStatus.status(pod("Failed", List.of(), List.of(terminated(137, null, 9)))));
        assertEquals("CrashLoopBackOff", PodStatus.status(pod("Running", List.of(), List.of(
                waiting("CrashLoopBackOff")))));
        assertEquals("Init:ImagePullBackOff", PodStatus.status(pod("Pending", List.of(waiting("ImagePullBackOff")),
                List.of())));
        assertEquals("Init:Error", PodStatus.status(pod("Pending", List.of(terminated(1, "Error", null)), List.of())));
        assertEquals("Init:0/1", PodStatus.status(pod("Pending", List.of(new ContainerStatusBuilder().withName("i")
                .withNewState().withNewRunning().endRunning().endState().build()), List.of())));
        assertEquals("Pending", PodStatus.status(pod("Pending", List.of(), List.of())));
        Pod evicted = pod("Failed", List.of(), List.of());
        evicted.getStatus().setReason("Evicted");
        assertEquals("Evicted", PodStatus.status(evicted));
        Pod deleting = pod("Running", List.of(), List.of());
        deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        assertEquals("Terminating", PodStatus.status(deleting));
    }

    @Test
    void ageReadsLikeKubectl() {
        assertEquals("45s", Age.human(Duration.ofSeconds(45)));
        assertEquals("119s", Age.human(Duration.ofSeconds(119)));
        assertEquals("5m30s", Age.human(Duration.ofSeconds(330)));
        assertEquals("5m", Age.human(Duration.ofMinutes(5)));
        assertEquals("150m", Age.human(Duration.ofMinutes(150)));
        assertEquals("3h", Age.human(Duration.ofHours(3)));
        assertEquals("3h20m", Age.human(Duration.ofMinutes(200)));
        assertEquals("20h", Age.human(Duration.ofHours(20)));
        assertEquals("2d", Age.human(Duration.ofDays(2)));
        assertEquals("2d5h", Age.human(Duration.ofHours(53)));
        assertEquals("30d", Age.human(Duration.ofDays(30)));
        assertEquals("2y10d", Age.human(Duration.ofDays(740)));
    }

    @Test
    void labelSelectorsOfEveryKind() {
        Map<String, String> labels = Map.of("spark-role", "executor", "team", "etl");
        assertTrue(LabelSelector.parse("spark-role=executor,team==etl").matches(labels));
        assertFalse(LabelSelector.parse("team!=etl").matches(labels));
        assertTrue(LabelSelector.parse("team in (bi, etl)").matches(labels));
        assertFalse(LabelSelector.parse("team notin (etl)").matches(labels));
        assertTrue(LabelSelector.parse("spark-role,!spark-exec-id").matches(labels));
        assertFalse(LabelSelector.parse("spark-exec-id").matches(labels));
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse("a=(b"));
    }

    @Test
    void exitCodesAreExplainedForTheRightRole() {
        ContainerExit sigkill = new ContainerExit(137, java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty());
        assertTrue(sigkill.explanation("executor").contains("raise spark.executor.memoryOverhead"));
        assertTrue(sigkill.explanation("driver").contains("raise spark.driver.memoryOverhead"));
        assertEquals("exit 137 (SIGKILL)", sigkill.label());
        assertTrue(new ContainerExit(143, java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty()).explanation("executor").startsWith("terminated with SIGTERM"));
        assertTrue(new ContainerExit(52, java.util.Optional.of("Error"), java.util.Optional.empty(),
                java.util.Optional.empty()).explanation("executor").contains("JVM heap ran out of memory"));
        for (int code : new int[] {53, 126, 139}) {
            assertFalse(new ContainerExit(code, java.util.Optional.empty(), java.util.Optional.empty(),
                    java.util.Optional.empty()).explanation("executor").startsWith("exited with code"), "" + code);
        }
    }

    @Test
    void aWatchIgnoresCellsThatChangeOnlyWithTheClock() {
        java.util.List<String> headers = java.util.List.of("NAME", "STATUS", "RESTARTS", "AGE");
        org.junit.jupiter.api.Assertions.assertEquals(
                Watch.withoutClock(headers, java.util.List.of("exec-3", "CrashLoopBackOff", "2 (2m11s ago)", "10s")),
                Watch.withoutClock(headers, java.util.List.of("exec-3", "CrashLoopBackOff", "2 (2m12s ago)", "11s")));
        org.junit.jupiter.api.Assertions.assertNotEquals(
                Watch.withoutClock(headers, java.util.List.of("exec-4", "Pending", "0", "10s")),
                Watch.withoutClock(headers, java.util.List.of("exec-4", "Running", "0", "11s")));
    }
}
