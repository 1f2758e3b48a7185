package dev.sparkdoc.diagnosis;

import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.rules.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Merges the findings' recommendations into one consistent set.
 *
 * <ol>
 * <li>A change that does not move its key the way its intent says (a raise not above the value in force, a lower
 * not below it, a set equal to it) is dropped, with a note.</li>
 * <li>One value per key. Raises: the largest (it satisfies every rule). Lowers: the one nearest the current value
 * (every lowering rule's margin is kept). A raise and a lower of the same key: the more severe finding's direction
 * is kept and the others are dropped with a note; at equal severity the rules contradict each other and neither is
 * kept (a note says so). Sets: the most severe finding's value.</li>
 * <li>Derived quantities stay consistent ({@link #keepMemoryPerCore}, {@link #fitContainer},
 * {@link #partitionsInWholeWaves}).</li>
 * <li>The merged value is checked against its intent once more.</li>
 * </ol>
 * Code changes are kept once each.
 */
public final class Advisor {

    static final String CORES = "spark.executor.cores";
    static final String MEMORY = "spark.executor.memory";
    static final String OVERHEAD = "spark.executor.memoryOverhead";
    static final String PARTITIONS = "spark.sql.shuffle.partitions";
    private static final long MIB = 1L << 20;
    /** The smallest executor heap a cores change may leave (Spark itself refuses less than 450 MiB). */
    static final long MIN_EXECUTOR_MEMORY = 1L << 30;

    private Advisor() {
    }

    /** Merged without knowing the executors' resources (the consistency rules that need them do nothing). */
    public static Advice advise(List<Finding> findingsBySeverity) {
        return advise(findingsBySeverity, ExecutorResources.unknown());
    }

    public static Advice advise(List<Finding> findingsBySeverity, ExecutorResources resources) {
        Map<String, List<Proposal>> byKey = new TreeMap<>();
        Map<String, Recommendation.CodeChange> code = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Finding finding : findingsBySeverity) {
            for (Recommendation recommendation : finding.recommendations()) {
                if (recommendation instanceof Recommendation.ConfigChange change) {
                    if (!change.movesWithIntent()) {
                        notes.add(finding.ruleId() + ": " + change.key() + "=" + change.proposedValue()
                                + " dropped: it would not " + change.intent().label() + " the current "
                                + change.currentValue().orElse("value") + ".");
                        continue;
                    }
                    byKey.computeIfAbsent(change.key(), key -> new ArrayList<>())
                            .add(new Proposal(finding.ruleId(), finding.severity(), change));
                } else if (recommendation instanceof Recommendation.CodeChange change) {
                    code.putIfAbsent(change.kind() + "\u0000" + change.summary(), change);
                }
            }
        }
        Map<String, Merged> merged = new TreeMap<>();
        for (Map.Entry<String, List<Proposal>> entry : byKey.entrySet()) {
            resolve(entry.getKey(), entry.getValue(), notes).ifPresent(m -> merged.put(entry.getKey(), m));
        }
        keepMemoryPerCore(merged, resources, notes);
        fitContainer(merged, resources, notes);
        partitionsInWholeWaves(merged, resources, notes);
        List<Advice.Setting> settings = new ArrayList<>();
        for (Merged m : merged.values()) {
            Advice.Setting setting = m.setting();
            if (!setting.asChange().movesWithIntent()) {
                notes.add(String.join(", ", m.ruleIds) + ": " + m.key + " dropped: after merging, "
                        + m.proposed + " would not " + m.intent.label() + " the current "
                        + m.current.orElse("value") + ".");
                continue;
            }
            settings.add(setting);
        }
        return new Advice(settings, new ArrayList<>(code.values()), notes);
    }

    private record Proposal(String ruleId, Severity severity, Recommendation.ConfigChange change) {
    }

    /** One key's merged value while the consistency rules run. */
    static final class Merged {
        final String key;
        final Optional<String> current;
        final boolean currentIsDefault;
        String proposed;
        Recommendation.Intent intent;
        final List<String> ruleIds = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Merged(String key, Optional<String> current, boolean currentIsDefault, String proposed,
                Recommendation.Intent intent) {
            this.key = key;
            this.current = current;
            this.currentIsDefault = currentIsDefault;
            this.proposed = proposed;
            this.intent = intent;
        }

        void addRule(String ruleId, String reason) {
            if (!ruleIds.contains(ruleId)) {
                ruleIds.add(ruleId);
            }
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
        }

        Advice.Setting setting() {
            return new Advice.Setting(key, current, currentIsDefault, proposed, intent, ruleIds, reasons, notes);
        }
    }

    private static Optional<Merged> resolve(String key, List<Proposal> proposals, List<String> notes) {
        Optional<Proposal> firstRaise = first(proposals, Recommendation.Intent.RAISE);
        Optional<Proposal> firstLower = first(proposals, Recommendation.Intent.LOWER);
        Recommendation.Intent direction;
        if (firstRaise.isPresent() && firstLower.isPresent()) {
            int order = firstRaise.get().severity().compareTo(firstLower.get().severity());
            if (order == 0) {
                notes.add(key + ": " + firstRaise.get().ruleId() + " asks to raise it to "
                        + firstRaise.get().change().proposedValue() + ", " + firstLower.get().ruleId()
                        + " to lower it to " + firstLower.get().change().proposedValue()
                        + " (equally severe findings): neither is proposed; read both findings.");
                return Optional.empty();
            }
            direction = order > 0 ? Recommendation.Intent.RAISE : Recommendation.Intent.LOWER;
        } else if (firstRaise.isPresent()) {
            direction = Recommendation.Intent.RAISE;
        } else if (firstLower.isPresent()) {
            direction = Recommendation.Intent.LOWER;
        } else {
            direction = Recommendation.Intent.SET;
        }
        Proposal chosen = null;
        for (Proposal proposal : proposals) {
            if (proposal.change().intent() != direction) {
                continue;
            }
            if (chosen == null || direction != Recommendation.Intent.SET && SettingValues.compare(key,
                    proposal.change().proposedValue(), chosen.change().proposedValue()).orElse(0) > 0) {
                chosen = proposal;
            }
        }
        Recommendation.ConfigChange change = chosen.change();
        Merged merged = new Merged(key, change.currentValue(), change.currentIsDefault(), change.proposedValue(),
                direction);
        for (Proposal proposal : proposals) {
            Recommendation.ConfigChange other = proposal.change();
            boolean agrees = other.intent() == direction && (direction != Recommendation.Intent.SET
                    || SettingValues.same(key, other.proposedValue(), change.proposedValue()));
            if (agrees) {
                merged.addRule(proposal.ruleId(), other.why());
            } else {
                merged.notes.add(proposal.ruleId() + " asked to " + other.intent().label() + " it to "
                        + other.proposedValue() + "; dropped for the more severe " + chosen.ruleId() + " finding.");
            }
        }
        return Optional.of(merged);
    }

    private static Optional<Proposal> first(List<Proposal> proposals, Recommendation.Intent intent) {
        return proposals.stream().filter(p -> p.change().intent() == intent).findFirst();
    }

    /**
     * Memory per core: when the set changes {@code spark.executor.cores} from C to C', executor memory becomes the
     * per-core memory the rules ask for (the raised memory, or the current one, over C) times C', so that fewer cores
     * never multiply each task's memory and more cores never divide it. When the current cores or memory are
     * unknown, or the scaled heap would fall below {@link #MIN_EXECUTOR_MEMORY}, the cores change is dropped.
     */
    static void keepMemoryPerCore(Map<String, Merged> merged, ExecutorResources resources, List<String> notes) {
        Merged cores = merged.get(CORES);
        if (cores == null) {
            return;
        }
        OptionalLong currentCores = cores.current.map(v -> parseLong(v)).orElse(OptionalLong.empty());
        if (currentCores.isEmpty() && resources.coresPerExecutor().isPresent()) {
            currentCores = OptionalLong.of(resources.coresPerExecutor().getAsInt());
        }
        OptionalLong proposedCores = parseLong(cores.proposed);
        Merged memory = merged.get(MEMORY);
        OptionalLong currentMemory = memory != null && memory.current.isPresent()
                ? bytes(MEMORY, memory.current.get()) : resources.executorMemoryBytes();
        if (currentCores.isEmpty() || proposedCores.isEmpty() || currentMemory.isEmpty()
                || currentCores.getAsLong() <= 0) {
            merged.remove(CORES);
            notes.add(String.join(", ", cores.ruleIds) + ": " + CORES + "=" + cores.proposed
                    + " dropped: the current cores or memory per executor are unknown, so memory per core could "
                    + "not be kept.");
            return;
        }
        long wantedMemory = memory != null && memory.intent == Recommendation.Intent.RAISE
                ? bytes(MEMORY, memory.proposed).orElse(currentMemory.getAsLong()) : currentMemory.getAsLong();
        long perCore = wantedMemory / currentCores.getAsLong();
        long scaled = (perCore * proposedCores.getAsLong() + MIB - 1) / MIB * MIB;
        if (scaled < MIN_EXECUTOR_MEMORY) {
            merged.remove(CORES);
            notes.add(String.join(", ", cores.ruleIds) + ": " + CORES + "=" + cores.proposed + " dropped: keeping "
                    + Formats.bytes(perCore) + " per core would leave executors " + Formats.bytes(scaled)
                    + " of heap, below " + Formats.bytes(MIN_EXECUTOR_MEMORY) + ".");
            return;
        }
        if (scaled == currentMemory.getAsLong()) {
            if (memory != null) {
                merged.remove(MEMORY);
            }
            return;
        }
        if (memory == null) {
            memory = new Merged(MEMORY, Optional.of(SparkSettings.formatBytes(currentMemory.getAsLong())), false,
                    "", Recommendation.Intent.SET);
            merged.put(MEMORY, memory);
        }
        memory.proposed = SparkSettings.formatBytes(scaled);
        memory.intent = scaled > currentMemory.getAsLong() ? Recommendation.Intent.RAISE
                : Recommendation.Intent.LOWER;
        memory.addRule(cores.ruleIds.get(0), "Scaled with " + CORES + " " + currentCores.getAsLong() + " -> "
                + proposedCores.getAsLong() + " to keep " + Formats.bytes(perCore) + " per core.");
        memory.notes.add("Memory per core kept at " + Formats.bytes(perCore) + " (" + Formats.bytes(wantedMemory)
                + " over " + currentCores.getAsLong() + " cores) for " + proposedCores.getAsLong() + " cores.");
    }

    /**
     * Heap plus overhead within the largest container the cluster grants, when the log says: a raised heap is capped
     * (and dropped if the cap is not above the current heap); a raised overhead alone takes its room from the heap.
     */
    static void fitContainer(Map<String, Merged> merged, ExecutorResources resources, List<String> notes) {
        if (resources.containerLimitBytes().isEmpty() || resources.executorMemoryBytes().isEmpty()) {
            return;
        }
        long limit = resources.containerLimitBytes().getAsLong();
        Merged memory = merged.get(MEMORY);
        Merged overhead = merged.get(OVERHEAD);
        long currentHeap = resources.executorMemoryBytes().getAsLong();
        long heap = memory == null ? currentHeap : bytes(MEMORY, memory.proposed).orElse(currentHeap);
        long currentOverhead = resources.memoryOverheadBytes().orElse(Math.max(384 * MIB, currentHeap / 10));
        long extra = overhead == null ? resources.memoryOverheadBytes().orElse(Math.max(384 * MIB, heap / 10))
                : bytes(OVERHEAD, overhead.proposed).orElse(currentOverhead);
        if (heap + extra <= limit) {
            return;
        }
        long room = (limit - extra) / MIB * MIB;
        String why = "heap + overhead must fit the " + Formats.bytes(limit) + " container the cluster grants"
                + " (yarn.scheduler.maximum-allocation-mb)";
        if (memory != null && memory.intent == Recommendation.Intent.RAISE) {
            if (room <= currentHeap) {
                merged.remove(MEMORY);
                notes.add(MEMORY + "=" + memory.proposed + " dropped: " + why + "; add executors instead.");
                return;
            }
            memory.proposed = SparkSettings.formatBytes(room);
            memory.notes.add("Capped: " + why + ".");
            return;
        }
        if (overhead != null && room > 0 && room < currentHeap) {
            Merged lowered = memory != null ? memory : new Merged(MEMORY,
                    Optional.of(SparkSettings.formatBytes(currentHeap)), false, "", Recommendation.Intent.LOWER);
            lowered.proposed = SparkSettings.formatBytes(room);
            lowered.intent = Recommendation.Intent.LOWER;
            lowered.addRule(overhead.ruleIds.get(0), "Makes room for the larger " + OVERHEAD + ": " + why + ".");
            merged.put(MEMORY, lowered);
        }
    }

    /**
     * {@code spark.sql.shuffle.partitions} in whole waves: a multiple of the application's total cores and never
     * below them, rounded up; a lower that rounding brings back to the current value or above is dropped.
     */
    static void partitionsInWholeWaves(Map<String, Merged> merged, ExecutorResources resources, List<String> notes) {
        Merged partitions = merged.get(PARTITIONS);
        int cores = resources.totalCores();
        if (partitions == null || cores <= 0) {
            return;
        }
        OptionalLong proposed = parseLong(partitions.proposed);
        if (proposed.isEmpty()) {
            return;
        }
        long waves = Math.max(cores, (proposed.getAsLong() + cores - 1) / cores * cores);
        if (waves != proposed.getAsLong()) {
            partitions.notes.add("Rounded " + proposed.getAsLong() + " up to " + waves + ", a multiple of the "
                    + cores + " cores.");
            partitions.proposed = Long.toString(waves);
        }
    }

    private static OptionalLong parseLong(String value) {
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong bytes(String key, String value) {
        OptionalDouble magnitude = SettingValues.magnitude(key, value);
        return magnitude.isPresent() ? OptionalLong.of((long) magnitude.getAsDouble()) : OptionalLong.empty();
    }
}
