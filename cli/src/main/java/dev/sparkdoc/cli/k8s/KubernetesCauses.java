package dev.sparkdoc.cli.k8s;

import dev.sparkdoc.diagnosis.ConfigSizing;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleContext;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.event.ExecutorMetrics;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Thresholds;
import dev.sparkdoc.snapshot.ApplicationInfo;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.ExecutorSummary;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The Kubernetes-level causes of a Spark application's trouble, as {@link Finding}s so that their configuration
 * fixes merge with the event log's through the one {@code Advisor}: containers killed for memory, JVM heap
 * exhaustion, overhead below Spark's own sizing, unschedulable pods with the scheduler's reason, image pull errors,
 * crash loops, container config errors, evictions, a failed driver, and executors that failed or vanished.
 *
 * <p>Each cause is a rule of the catalog's {@code kubernetes-rules} ({@link #RULE_IDS}): its title, severity and
 * explanation come from the catalog, its numbers from typed threshold keys, and a user's rules file disables it or
 * tunes them as it does the event-log rules.
 */
final class KubernetesCauses {

    static final long MIB = 1L << 20;
    private static final long MIN_OVERHEAD = 384 * MIB;

    static final String OOM_KILLED = "k8s-oom-killed";
    static final String JVM_HEAP_OOM = "k8s-jvm-heap-oom";
    static final String MEMORY_OVERHEAD_SMALL = Thresholds.K8sMemoryOverheadSmall.RULE;
    static final String UNSCHEDULABLE = Thresholds.K8sUnschedulable.RULE;
    static final String IMAGE_PULL = "k8s-image-pull";
    static final String CRASH_LOOP = Thresholds.K8sCrashLoop.RULE;
    static final String CONTAINER_CONFIG = "k8s-container-config";
    static final String EVICTED = "k8s-evicted";
    static final String DRIVER_FAILED = "k8s-driver-failed";
    static final String EXECUTORS_FAILED = Thresholds.K8sExecutorsFailed.RULE;

    /** Every rule id this class can report; a test binds them to the catalog's kubernetes-rules both ways. */
    static final List<String> RULE_IDS = List.of(OOM_KILLED, JVM_HEAP_OOM, MEMORY_OVERHEAD_SMALL, UNSCHEDULABLE,
            IMAGE_PULL, CRASH_LOOP, CONTAINER_CONFIG, EVICTED, DRIVER_FAILED, EXECUTORS_FAILED);

    /** The catalog's severity case of k8s-unschedulable when the driver is among the pending pods. */
    static final String DRIVER_PENDING = "driver-pending";

    private final SparkApp app;
    private final List<Event> events;
    private final ApplicationSnapshot sizing;
    private final SparkSettings settings;
    private final Optional<ApplicationSnapshot> eventLog;
    private final Instant now;
    private final RuleSettings rules;
    private final List<Finding> findings = new ArrayList<>();

    private KubernetesCauses(AppDetails details, Optional<ApplicationSnapshot> eventLog, Instant now,
            RuleSettings rules) {
        this.rules = rules;
        this.app = details.app();
        this.events = details.events();
        this.eventLog = eventLog;
        this.now = now;
        this.sizing = eventLog.orElseGet(() -> snapshotFromKubernetes(app));
        this.settings = new SparkSettings(sizing);
    }

    /** The findings of the rules {@code rules} has enabled, with its thresholds, most severe first. */
    static List<Finding> find(AppDetails details, Optional<ApplicationSnapshot> eventLog, Instant now,
            RuleSettings rules) {
        KubernetesCauses causes = new KubernetesCauses(details, eventLog, now, rules);
        if (rules.isEnabled(OOM_KILLED)) {
            causes.memoryKills("executor");
            causes.memoryKills("driver");
        }
        if (rules.isEnabled(JVM_HEAP_OOM)) {
            causes.heapExhaustion();
        }
        if (rules.isEnabled(MEMORY_OVERHEAD_SMALL)) {
            causes.smallOverhead();
        }
        if (rules.isEnabled(UNSCHEDULABLE)) {
            causes.unschedulable();
        }
        causes.waitingReasons();
        if (rules.isEnabled(EVICTED)) {
            causes.evictions();
        }
        if (rules.isEnabled(DRIVER_FAILED)) {
            causes.driverFailed();
        }
        if (rules.isEnabled(EXECUTORS_FAILED)) {
            causes.executorsFailed();
        }
        List<Finding> sorted = new ArrayList<>(causes.findings);
        sorted.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::ruleId));
        return sorted;
    }

    /**
     * What Kubernetes says the application runs with, as the Spark properties a snapshot would hold: the
     * SparkApplication's spec, and the executor pods' heap and real overhead (limit minus heap).
     */
    static ApplicationSnapshot snapshotFromKubernetes(SparkApp app) {
        Map<String, String> properties = new LinkedHashMap<>();
        app.operator().ifPresent(operator -> properties.putAll(operator.sparkConf()));
        properties.putIfAbsent("spark.master", "k8s://");
        for (Pod pod : app.executors()) {
            PodMemory memory = PodMemory.of(pod);
            if (memory.heap().isPresent()) {
                properties.putIfAbsent("spark.executor.memory", SparkSettings.formatBytes(memory.heap().getAsLong()));
            }
            if (memory.overhead().isPresent() && memory.overhead().getAsLong() > 0) {
                properties.putIfAbsent("spark.executor.memoryOverhead",
                        (memory.overhead().getAsLong() / MIB) + "m");
            }
        }
        ApplicationInfo info = new ApplicationInfo(app.name(), app.appId(), Optional.empty(), app.sparkVersion(), "",
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty(), List.of());
        return new ApplicationSnapshot(info, properties, Map.of(), Map.of(), Map.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), 0, ExecutorMetrics.empty());
    }

    private List<Pod> pods(String role) {
        if (role.equals("driver")) {
            return app.driver().map(List::of).orElse(List.of());
        }
        return app.executors();
    }

    private static String role(Pod pod) {
        return SparkLabels.isDriver(pod) ? "driver" : "executor";
    }

    private static String podLabel(Pod pod) {
        String id = SparkLabels.executorId(pod);
        return pod.getMetadata().getName() + (id.isEmpty() ? "" : " (executor " + id + ")");
    }

    private String when(ContainerExit exit) {
        return exit.finishedAt().map(time -> ", " + Age.since(time, now) + " ago").orElse("");
    }

    private void memoryKills(String role) {
        List<String> killed = new ArrayList<>();
        Optional<PodMemory> memory = Optional.empty();
        for (Pod pod : pods(role)) {
            for (PodStatus.Termination termination : PodStatus.terminations(pod)) {
                if (termination.exit().killedForMemory()) {
                    killed.add(podLabel(pod) + ": " + termination.exit().label()
                            + (termination.previous() ? " before its last restart" : "") + when(termination.exit()));
                    memory = Optional.of(PodMemory.of(pod));
                    break;
                }
            }
        }
        List<String> fromLog = new ArrayList<>();
        if (role.equals("executor") && eventLog.isPresent()) {
            for (ExecutorSummary executor : eventLog.get().executors()) {
                String reason = executor.removeReason().orElse("");
                if (reason.contains("exit code 137") || reason.contains("OOMKilled")) {
                    fromLog.add("executor " + executor.id() + ": " + reason);
                }
            }
        }
        if (killed.isEmpty() && fromLog.isEmpty()) {
            return;
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.count(role + " containers killed for memory (pods)", killed.size()));
        for (String pod : killed) {
            evidence.add(Evidence.text("pod", pod));
        }
        if (!fromLog.isEmpty()) {
            evidence.add(Evidence.count("executors removed for memory (event log)", fromLog.size()));
            for (String line : fromLog.subList(0, Math.min(5, fromLog.size()))) {
                evidence.add(Evidence.text("event log", line));
            }
        }
        memory.ifPresent(m -> addMemoryEvidence(evidence, m));
        Recommendation.ConfigChange fix = role.equals("executor")
                ? ConfigSizing.largerMemoryOverhead(settings, "containers were killed for exceeding their memory "
                        + "limit; the overhead covers everything outside the heap")
                : largerDriverOverhead(memory);
        int count = Math.max(killed.size(), fromLog.size());
        RuleContext rule = new RuleContext(OOM_KILLED, rules);
        findings.add(rule.finding(rule.severity(), new Scope.Application(),
                count + " " + role + " container" + (count == 1 ? " was" : "s were")
                        + " killed for exceeding the container memory limit (OOMKilled / exit 137).",
                evidence, List.of(fix), OptionalLong.empty()));
    }

    private Recommendation.ConfigChange largerDriverOverhead(Optional<PodMemory> memory) {
        long heap = settings.bytes("spark.driver.memory", MIB).orElse(1L << 30);
        long current = settings.bytes("spark.driver.memoryOverhead", MIB)
                .orElse(memory.flatMap(m -> m.overhead().isPresent() ? Optional.of(m.overhead().getAsLong())
                        : Optional.empty()).orElse(Math.max(MIN_OVERHEAD, heap / 10)));
        long proposed = Math.max(current * 2, heap / 5);
        long rounded = (proposed + 128 * MIB - 1) / (128 * MIB) * 128;
        return settings.raise("spark.driver.memoryOverhead", rounded + "m",
                "the driver container was killed for exceeding its memory limit");
    }

    private static void addMemoryEvidence(List<Evidence> evidence, PodMemory memory) {
        if (memory.limit().isPresent()) {
            evidence.add(Evidence.bytes("container memory limit", memory.limit().getAsLong()));
        }
        if (memory.heap().isPresent()) {
            evidence.add(Evidence.bytes("JVM heap (spark.executor.memory)", memory.heap().getAsLong()));
        }
        if (memory.overhead().isPresent() && memory.heap().isPresent() && memory.heap().getAsLong() > 0) {
            evidence.add(Evidence.bytes("memory outside the heap (limit - heap)", memory.overhead().getAsLong()));
            evidence.add(Evidence.fraction("overhead share of heap",
                    memory.overhead().getAsLong() / (double) memory.heap().getAsLong()));
        }
    }

    private void heapExhaustion() {
        List<String> pods = new ArrayList<>();
        for (Pod pod : app.executors()) {
            for (PodStatus.Termination termination : PodStatus.terminations(pod)) {
                if (termination.exit().exitCode() == 52) {
                    pods.add(podLabel(pod) + ": " + termination.exit().label() + when(termination.exit()));
                    break;
                }
            }
        }
        if (pods.isEmpty()) {
            return;
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.count("executors that ran out of heap (exit 52)", pods.size()));
        for (String pod : pods) {
            evidence.add(Evidence.text("pod", pod));
        }
        long proposed = ConfigSizing.largerExecutorMemory(sizing, settings);
        RuleContext rule = new RuleContext(JVM_HEAP_OOM, rules);
        findings.add(rule.finding(rule.severity(), new Scope.Application(), pods.size() + " executor"
                        + (pods.size() == 1 ? "" : "s")
                        + " exited with 52, Spark's exit code for java.lang.OutOfMemoryError in the heap.",
                evidence, List.of(settings.raise("spark.executor.memory", SparkSettings.formatBytes(proposed),
                        "executors ran out of heap (exit 52)")), OptionalLong.empty()));
    }

    private void smallOverhead() {
        RuleContext rule = new RuleContext(MEMORY_OVERHEAD_SMALL, rules);
        long minOverhead = rule.thresholdLong(Thresholds.K8sMemoryOverheadSmall.MIN_OVERHEAD);
        double minFraction = rule.threshold(Thresholds.K8sMemoryOverheadSmall.MIN_OVERHEAD_FRACTION);
        boolean sparkDefault = !rules.isOverridden(MEMORY_OVERHEAD_SMALL,
                Thresholds.K8sMemoryOverheadSmall.MIN_OVERHEAD.name())
                && !rules.isOverridden(MEMORY_OVERHEAD_SMALL,
                        Thresholds.K8sMemoryOverheadSmall.MIN_OVERHEAD_FRACTION.name());
        List<String> pods = new ArrayList<>();
        Optional<PodMemory> example = Optional.empty();
        for (Pod pod : app.executors()) {
            PodMemory memory = PodMemory.of(pod);
            if (memory.overhead().isEmpty() || memory.heap().isEmpty()) {
                continue;
            }
            if (memory.overhead().getAsLong() < overheadFloor(memory.heap().getAsLong(), minOverhead, minFraction)) {
                pods.add(pod.getMetadata().getName());
                example = Optional.of(memory);
            }
        }
        if (example.isEmpty()) {
            return;
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.count("executor pods", pods.size()));
        addMemoryEvidence(evidence, example.get());
        long floor = overheadFloor(example.get().heap().getAsLong(), minOverhead, minFraction);
        evidence.add(Evidence.bytes(sparkDefault ? "Spark's default overhead, max(384 MiB, 10% of heap)"
                : "overhead floor, max(min-overhead, min-overhead-fraction of heap)", floor));
        findings.add(rule.finding(rule.severity(), new Scope.Application(),
                "Executor containers leave " + PodMemory.mebibytes(example.get().overhead().getAsLong())
                        + " outside the heap, less than " + (sparkDefault ? "Spark's default of " : "the floor of ")
                        + PodMemory.mebibytes(floor) + ".",
                evidence, List.of(ConfigSizing.largerMemoryOverhead(settings, "the containers leave less memory "
                        + "outside the heap than " + (sparkDefault ? "Spark's own default" : "the floor in force"))),
                OptionalLong.empty()));
    }

    /**
     * The least memory outside the heap: max(min-overhead, min-overhead-fraction of the heap in whole MiB), which with
     * the defaults is Spark's own default overhead ({@link PodMemory#sparkDefaultOverhead}).
     */
    static long overheadFloor(long heapBytes, long minOverhead, double minFraction) {
        long share = (long) Math.floor((heapBytes >> 20) * minFraction + 1e-9) << 20;
        return Math.max(minOverhead, share);
    }

    private void unschedulable() {
        RuleContext rule = new RuleContext(UNSCHEDULABLE, rules);
        long minPending = rule.thresholdLong(Thresholds.K8sUnschedulable.MIN_PENDING_TIME);
        Map<String, String> reasons = new LinkedHashMap<>();
        boolean driver = false;
        for (Pod pod : allPods()) {
            if (!"Pending".equals(SparkApp.phase(pod))) {
                continue;
            }
            Optional<PodCondition> scheduled = PodStatus.condition(pod, "PodScheduled");
            boolean unschedulable = scheduled.map(c -> "False".equals(c.getStatus())).orElse(false);
            Optional<Event> event = latestEvent(pod.getMetadata().getName(), "FailedScheduling");
            if (!unschedulable && event.isEmpty()) {
                continue;
            }
            Optional<Instant> since = unschedulableSince(pod, scheduled, event);
            Optional<Duration> pending = since.map(time -> Duration.between(time, now));
            if (pending.isPresent() && Math.max(0, pending.get().toMillis()) < minPending) {
                continue;
            }
            String message = event.map(Event::getMessage)
                    .orElse(scheduled.map(PodCondition::getMessage).orElse("no reason given"));
            reasons.put(podLabel(pod), message + pending.filter(d -> !d.isNegative())
                    .map(d -> " (unschedulable for " + Age.human(d) + ")").orElse(""));
            driver |= SparkLabels.isDriver(pod);
        }
        if (reasons.isEmpty()) {
            return;
        }
        String messages = String.join(" ", reasons.values()).toLowerCase(Locale.ROOT);
        List<String> fixes = new ArrayList<>();
        if (messages.contains("insufficient memory")) {
            fixes.add("no node has the memory a pod requests free: add nodes (or let the cluster autoscaler), or "
                    + "lower spark.executor.memory / spark.executor.memoryOverhead");
        }
        if (messages.contains("insufficient cpu")) {
            fixes.add("no node has the CPU a pod requests free: add nodes, or lower spark.executor.cores / "
                    + "spark.kubernetes.executor.request.cores");
        }
        if (messages.contains("taint") || messages.contains("affinity") || messages.contains("selector")) {
            fixes.add("the pod's node selector, affinity or tolerations match no node: check "
                    + "spark.kubernetes.node.selector.* and the pod templates");
        }
        if (messages.contains("persistentvolumeclaim") || messages.contains("volume")) {
            fixes.add("a volume cannot be bound: check the PersistentVolumeClaims the pods mount");
        }
        if (fixes.isEmpty()) {
            fixes.add("read the scheduler's message above; 'kubectl describe node' shows what each node has free");
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.count("pods the scheduler cannot place", reasons.size()));
        for (Map.Entry<String, String> entry : reasons.entrySet()) {
            evidence.add(Evidence.text(entry.getKey(), entry.getValue()));
        }
        addRequestEvidence(evidence);
        findings.add(rule.finding(driver ? rule.severity(DRIVER_PENDING) : rule.severity(), new Scope.Application(),
                reasons.size() + " pod" + (reasons.size() == 1 ? " is" : "s are") + " Pending because the scheduler "
                        + "cannot place " + (reasons.size() == 1 ? "it" : "them") + (driver ? " (the driver among them)"
                                : "") + ".",
                evidence, "To fix: " + String.join("; ", fixes) + ". " + rule.rule().explanation(), List.of(),
                OptionalLong.empty()));
    }

    /**
     * Since when a pod has been unschedulable: its PodScheduled condition's last transition, else the first
     * FailedScheduling event about it, else its creation; empty when none can be read.
     */
    private static Optional<Instant> unschedulableSince(Pod pod, Optional<PodCondition> scheduled,
            Optional<Event> event) {
        return scheduled.flatMap(condition -> Age.parse(condition.getLastTransitionTime()))
                .or(() -> event.flatMap(e -> Age.parse(e.getFirstTimestamp())))
                .or(() -> event.flatMap(e -> Optional.ofNullable(e.getEventTime())
                        .flatMap(time -> Age.parse(time.getTime()))))
                .or(() -> Age.parse(pod.getMetadata().getCreationTimestamp()));
    }

    /** A finding of a rule with the catalog's severity and its explanation, then its remediation as the fix. */
    private Finding catalogFinding(String ruleId, String summary, List<Evidence> evidence) {
        RuleContext rule = new RuleContext(ruleId, rules);
        return rule.finding(rule.severity(), new Scope.Application(), summary, evidence,
                rule.rule().explanation() + " To fix: " + rule.rule().remediation(), List.of(), OptionalLong.empty());
    }

    private void addRequestEvidence(List<Evidence> evidence) {
        for (Pod pod : app.executors()) {
            PodMemory memory = PodMemory.of(pod);
            if (memory.request().isPresent()) {
                evidence.add(Evidence.bytes("memory request per executor pod", memory.request().getAsLong()));
                return;
            }
        }
    }

    private void waitingReasons() {
        Optional<RuleContext> crashLoop = rules.isEnabled(CRASH_LOOP) ? Optional.of(new RuleContext(CRASH_LOOP, rules))
                : Optional.empty();
        long minRestarts = crashLoop.map(rule -> rule.thresholdLong(Thresholds.K8sCrashLoop.MIN_RESTARTS)).orElse(0L);
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        Map<String, String> images = new LinkedHashMap<>();
        for (Pod pod : allPods()) {
            for (ContainerStatus container : PodStatus.containerStatuses(pod)) {
                ContainerStateWaiting waiting = container.getState() == null ? null : container.getState().getWaiting();
                if (waiting == null || waiting.getReason() == null) {
                    continue;
                }
                String reason = waiting.getReason();
                String detail = podLabel(pod) + ": " + reason + (PodStatus.notBlank(waiting.getMessage())
                        ? " (" + KubeConnection.firstLine(waiting.getMessage()) + ")" : "");
                if (reason.equals("ErrImagePull") || reason.equals("ImagePullBackOff")
                        || reason.equals("InvalidImageName") || reason.equals("ErrImageNeverPull")) {
                    byReason.computeIfAbsent("image", key -> new ArrayList<>()).add(detail);
                    images.put(container.getImage(), pod.getMetadata().getName());
                } else if (reason.equals("CrashLoopBackOff")) {
                    Integer restarts = container.getRestartCount();
                    if (restarts != null && restarts < minRestarts) {
                        continue;
                    }
                    String last = PodStatus.terminations(pod).stream().filter(PodStatus.Termination::previous)
                            .findFirst().map(t -> "; last " + t.exit().label() + ": "
                                    + t.exit().explanation(role(pod))).orElse("");
                    byReason.computeIfAbsent("crash", key -> new ArrayList<>()).add(detail
                            + (restarts == null ? "" : ", " + restarts + " restart" + (restarts == 1 ? "" : "s"))
                            + last);
                } else if (reason.equals("CreateContainerConfigError") || reason.equals("CreateContainerError")) {
                    byReason.computeIfAbsent("config", key -> new ArrayList<>()).add(detail);
                }
            }
        }
        for (Event event : events) {
            if ("FailedMount".equals(event.getReason())) {
                byReason.computeIfAbsent("config", key -> new ArrayList<>()).add(event.getInvolvedObject().getName()
                        + ": FailedMount (" + KubeConnection.firstLine(event.getMessage()) + ")");
            }
        }
        if (byReason.containsKey("image") && rules.isEnabled(IMAGE_PULL)) {
            List<Evidence> evidence = evidenceLines("pods that cannot pull their image", byReason.get("image"));
            for (String image : images.keySet()) {
                evidence.add(Evidence.text("image", image));
            }
            findings.add(catalogFinding(IMAGE_PULL, "The container image " + String.join(", ", images.keySet())
                    + " cannot be pulled.", evidence));
        }
        if (byReason.containsKey("crash") && crashLoop.isPresent()) {
            RuleContext rule = crashLoop.get();
            findings.add(rule.finding(rule.severity(), new Scope.Application(), byReason.get("crash").size()
                            + " container" + (byReason.get("crash").size() == 1 ? " keeps" : "s keep")
                            + " crashing and Kubernetes backs off before restarting it (CrashLoopBackOff).",
                    evidenceLines("pods in CrashLoopBackOff", byReason.get("crash")),
                    rule.rule().explanation() + " To fix: " + rule.rule().remediation(), List.of(),
                    OptionalLong.empty()));
        }
        if (byReason.containsKey("config") && rules.isEnabled(CONTAINER_CONFIG)) {
            findings.add(catalogFinding(CONTAINER_CONFIG, "Containers cannot start: a ConfigMap, Secret or volume "
                    + "they need is missing or wrong.", evidenceLines("problems", byReason.get("config"))));
        }
    }

    private static List<Evidence> evidenceLines(String countName, List<String> lines) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.count(countName, lines.size()));
        for (String line : lines) {
            evidence.add(Evidence.text("pod", line));
        }
        return evidence;
    }

    private void evictions() {
        List<String> pods = new ArrayList<>();
        for (Pod pod : allPods()) {
            if (pod.getStatus() != null && "Evicted".equals(pod.getStatus().getReason())) {
                pods.add(podLabel(pod) + ": " + KubeConnection.firstLine(pod.getStatus().getMessage()));
            }
        }
        if (pods.isEmpty()) {
            return;
        }
        findings.add(catalogFinding(EVICTED, pods.size() + " pod" + (pods.size() == 1 ? " was" : "s were")
                + " evicted by the kubelet under node pressure.", evidenceLines("evicted pods", pods)));
    }

    private void driverFailed() {
        Optional<String> operatorError = app.operator().filter(OperatorApp::failed)
                .flatMap(operator -> operator.errorMessage().or(() -> Optional.of("state " + operator.state())));
        Optional<PodStatus.Termination> termination = app.driver().flatMap(pod -> PodStatus.terminations(pod)
                .stream().filter(t -> !t.previous() && t.exit().failed() && !t.exit().killedForMemory()).findFirst());
        if (operatorError.isEmpty() && termination.isEmpty()) {
            return;
        }
        List<Evidence> evidence = new ArrayList<>();
        operatorError.ifPresent(error -> evidence.add(Evidence.text("SparkApplication error", error)));
        termination.ifPresent(t -> evidence.add(Evidence.text("driver container", t.exit().label()
                + when(t.exit()) + ": " + t.exit().explanation("driver"))));
        termination.flatMap(t -> t.exit().message()).ifPresent(message -> evidence.add(Evidence.text(
                "termination message", KubeConnection.firstLine(message))));
        findings.add(catalogFinding(DRIVER_FAILED, "The application failed" + termination.map(t -> ": the driver "
                + "container ended with " + t.exit().label()).orElse(operatorError.map(e -> ": " + e).orElse(""))
                + ".", evidence));
    }

    private void executorsFailed() {
        List<String> lines = new ArrayList<>();
        for (Pod pod : app.executors()) {
            for (PodStatus.Termination termination : PodStatus.terminations(pod)) {
                ContainerExit exit = termination.exit();
                if (exit.failed() && !exit.killedForMemory() && exit.exitCode() != 52) {
                    lines.add(podLabel(pod) + ": " + exit.label() + when(exit) + ": " + exit.explanation("executor"));
                    break;
                }
            }
        }
        long gone = app.missingExecutors().values().stream().filter("FAILED"::equals).count();
        RuleContext rule = new RuleContext(EXECUTORS_FAILED, rules);
        long minFailed = rule.thresholdLong(Thresholds.K8sExecutorsFailed.MIN_FAILED_EXECUTORS);
        if (lines.size() + gone == 0 || lines.size() + gone < minFailed) {
            return;
        }
        List<Evidence> evidence = evidenceLines("failed executor pods still present", lines);
        if (gone > 0) {
            evidence.add(Evidence.count("failed executors whose pods are gone (operator's executorState)", gone));
        }
        findings.add(rule.finding(rule.severity(), new Scope.Application(), (lines.size() + gone) + " executor"
                        + (lines.size() + gone == 1 ? "" : "s") + " failed for other reasons than memory.", evidence,
                rule.rule().explanation() + " To fix: " + rule.rule().remediation(), List.of(),
                OptionalLong.empty()));
    }

    private List<Pod> allPods() {
        List<Pod> pods = new ArrayList<>();
        app.driver().ifPresent(pods::add);
        pods.addAll(app.executors());
        return pods;
    }

    private Optional<Event> latestEvent(String object, String reason) {
        Optional<Event> latest = Optional.empty();
        for (Event event : events) {
            if (reason.equals(event.getReason()) && object.equals(event.getInvolvedObject().getName())) {
                latest = Optional.of(event);
            }
        }
        return latest;
    }
}
