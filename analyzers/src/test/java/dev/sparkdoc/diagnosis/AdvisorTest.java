package dev.sparkdoc.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.rules.Severity;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AdvisorTest {

    private static Recommendation.ConfigChange change(String key, String current, String proposed,
            Recommendation.Intent intent) {
        return new Recommendation.ConfigChange(key, Optional.ofNullable(current), false, proposed, intent,
                intent.label() + " " + key);
    }

    private static Finding finding(String rule, Severity severity, Recommendation... recommendations) {
        return new Finding(rule, rule, severity, new Scope.Application(), "summary", List.of(), List.of(),
                "explanation", List.of(recommendations), OptionalLong.empty());
    }

    private static ExecutorResources resources(int cores, long memory, int executors, long containerLimit) {
        return new ExecutorResources(OptionalInt.of(cores), executors, cores * executors, OptionalLong.of(memory),
                OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                containerLimit > 0 ? OptionalLong.of(containerLimit) : OptionalLong.empty());
    }

    private static Advice.Setting setting(Advice advice, String key) {
        return advice.settings().stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + advice.settings()));
    }

    private static boolean has(Advice advice, String key) {
        return advice.settings().stream().anyMatch(s -> s.key().equals(key));
    }

    @Test
    void aRaiseNotAboveTheCurrentValueIsDroppedWithANote() {
        Advice advice = Advisor.advise(List.of(finding("broadcast-join-opportunity", Severity.WARNING,
                change("spark.sql.autoBroadcastJoinThreshold", "26214400", "16m", Recommendation.Intent.RAISE))));
        assertTrue(advice.settings().isEmpty(), advice.settings().toString());
        assertEquals(1, advice.notes().size());
        assertTrue(advice.notes().get(0).contains("would not raise the current 26214400"), advice.notes().get(0));
    }

    @Test
    void aLowerNotBelowTheCurrentValueIsDroppedAndAnEqualSetToo() {
        Advice advice = Advisor.advise(List.of(finding("executor-cores", Severity.INFO,
                change("spark.executor.cores", "1", "4", Recommendation.Intent.LOWER),
                change("spark.serializer", "org.apache.spark.serializer.KryoSerializer",
                        "org.apache.spark.serializer.KryoSerializer", Recommendation.Intent.SET))));
        assertTrue(advice.settings().isEmpty());
        assertEquals(2, advice.notes().size());
    }

    @Test
    void twoRaisesOfOneKeyKeepTheLarger() {
        Advice advice = Advisor.advise(List.of(
                finding("task-failures", Severity.WARNING, change("spark.executor.memory", "16G", "24g",
                        Recommendation.Intent.RAISE)),
                finding("shuffle-spill", Severity.INFO, change("spark.executor.memory", "16G", "32g",
                        Recommendation.Intent.RAISE))));
        Advice.Setting memory = setting(advice, "spark.executor.memory");
        assertEquals("32g", memory.proposedValue());
        assertEquals(Recommendation.Intent.RAISE, memory.intent());
        assertEquals(List.of("task-failures", "shuffle-spill"), memory.ruleIds());
    }

    @Test
    void aRaiseAndALowerOfEqualSeverityCancelWithANote() {
        Advice advice = Advisor.advise(List.of(
                finding("gc-pressure", Severity.WARNING, change("spark.executor.memory", "8g", "12g",
                        Recommendation.Intent.RAISE)),
                finding("idle-executors", Severity.WARNING, change("spark.executor.memory", "8g", "4g",
                        Recommendation.Intent.LOWER))));
        assertTrue(advice.settings().isEmpty());
        assertTrue(advice.notes().get(0).contains("neither is proposed"), advice.notes().get(0));
    }

    @Test
    void aRaiseAndALowerKeepTheMoreSevereFindingsDirection() {
        Advice advice = Advisor.advise(List.of(
                finding("task-failures", Severity.CRITICAL, change("spark.executor.memory", "8g", "12g",
                        Recommendation.Intent.RAISE)),
                finding("gc-pressure", Severity.INFO, change("spark.executor.memory", "8g", "4g",
                        Recommendation.Intent.LOWER))));
        Advice.Setting memory = setting(advice, "spark.executor.memory");
        assertEquals("12g", memory.proposedValue());
        assertEquals(List.of("task-failures"), memory.ruleIds());
        assertTrue(memory.notes().get(0).contains("gc-pressure asked to lower it to 4g"), memory.notes().toString());
    }

    @Test
    void twoLowersKeepTheOneNearestTheCurrentValue() {
        Advice advice = Advisor.advise(List.of(
                finding("a", Severity.INFO, change("spark.dynamicAllocation.executorIdleTimeout", "60s", "30s",
                        Recommendation.Intent.LOWER)),
                finding("b", Severity.INFO, change("spark.dynamicAllocation.executorIdleTimeout", "60s", "10s",
                        Recommendation.Intent.LOWER))));
        assertEquals("30s", setting(advice, "spark.dynamicAllocation.executorIdleTimeout").proposedValue());
    }

    /** The case: cores 16 -> 4 beside a memory raise 16G -> 24g kept 6 GiB per core; now 1.5 GiB. */
    @Test
    void fewerCoresScaleTheRaisedMemoryToKeepMemoryPerCore() {
        Advice advice = Advisor.advise(List.of(
                finding("task-failures", Severity.WARNING, change("spark.executor.memory", "16G", "24g",
                        Recommendation.Intent.RAISE)),
                finding("executor-cores", Severity.INFO, change("spark.executor.cores", "16", "4",
                        Recommendation.Intent.LOWER))),
                resources(16, 16L << 30, 2, 0));
        assertEquals("4", setting(advice, "spark.executor.cores").proposedValue());
        Advice.Setting memory = setting(advice, "spark.executor.memory");
        assertEquals("6g", memory.proposedValue());
        assertEquals(Recommendation.Intent.LOWER, memory.intent());
        assertTrue(memory.ruleIds().contains("executor-cores"));
        assertTrue(memory.notes().get(0).contains("1.5 GiB"), memory.notes().toString());
    }

    @Test
    void moreCoresWithoutAMemoryProposalRaiseMemoryWithThem() {
        Advice advice = Advisor.advise(List.of(finding("executor-cores", Severity.INFO,
                change("spark.executor.cores", "1", "4", Recommendation.Intent.RAISE))),
                resources(1, 2L << 30, 8, 0));
        Advice.Setting memory = setting(advice, "spark.executor.memory");
        assertEquals("8g", memory.proposedValue());
        assertEquals(Recommendation.Intent.RAISE, memory.intent());
    }

    @Test
    void aCoresChangeWithUnknownCurrentCoresIsDropped() {
        Advice advice = Advisor.advise(List.of(finding("executor-cores", Severity.INFO,
                change("spark.executor.cores", null, "4", Recommendation.Intent.LOWER))));
        assertTrue(advice.settings().isEmpty());
        assertTrue(advice.notes().get(0).contains("memory per core could not be kept"), advice.notes().get(0));
    }

    @Test
    void aRaisedOverheadTakesItsRoomFromTheHeapWhenTheContainerIsFull() {
        Advice advice = Advisor.advise(List.of(finding("task-failures", Severity.WARNING,
                change("spark.executor.memoryOverhead", "1g", "4096m", Recommendation.Intent.RAISE))),
                resources(4, 12L << 30, 2, 14L << 30));
        assertEquals("4096m", setting(advice, "spark.executor.memoryOverhead").proposedValue());
        Advice.Setting heap = setting(advice, "spark.executor.memory");
        assertEquals("10g", heap.proposedValue());
        assertEquals(Recommendation.Intent.LOWER, heap.intent());
    }

    @Test
    void aRaisedHeapIsCappedByTheContainerOrDropped() {
        Advice capped = Advisor.advise(List.of(finding("gc-pressure", Severity.WARNING,
                change("spark.executor.memory", "8g", "16g", Recommendation.Intent.RAISE))),
                resources(4, 8L << 30, 2, 12L << 30));
        // 12 GiB container, 10% overhead of the 16 GiB asked for (1.6 GiB): 10.4 GiB of heap fit.
        assertEquals("10649m", setting(capped, "spark.executor.memory").proposedValue());
        Advice dropped = Advisor.advise(List.of(finding("gc-pressure", Severity.WARNING,
                change("spark.executor.memory", "8g", "16g", Recommendation.Intent.RAISE))),
                resources(4, 8L << 30, 2, 9L << 30));
        assertTrue(!has(dropped, "spark.executor.memory"), dropped.settings().toString());
        assertTrue(dropped.notes().get(0).contains("container"), dropped.notes().get(0));
    }

    @Test
    void shufflePartitionsAreRoundedUpToWholeWavesOverTheCores() {
        Advice advice = Advisor.advise(List.of(finding("shuffle-spill", Severity.WARNING,
                change("spark.sql.shuffle.partitions", "200", "300", Recommendation.Intent.RAISE))),
                resources(16, 16L << 30, 4, 0));
        assertEquals("320", setting(advice, "spark.sql.shuffle.partitions").proposedValue());
        Advice lowered = Advisor.advise(List.of(finding("tiny-tasks", Severity.WARNING,
                change("spark.sql.shuffle.partitions", "200", "20", Recommendation.Intent.LOWER))),
                resources(16, 16L << 30, 4, 0));
        assertEquals("64", setting(lowered, "spark.sql.shuffle.partitions").proposedValue());
        Advice back = Advisor.advise(List.of(finding("tiny-tasks", Severity.WARNING,
                change("spark.sql.shuffle.partitions", "200", "190", Recommendation.Intent.LOWER))),
                resources(50, 16L << 30, 4, 0));
        assertTrue(back.settings().isEmpty(), back.settings().toString());
    }

    /** 1 GiB over 12 cores kept for 4 cores is 342 MiB of heap: too small to run, so the cores stay. */
    @Test
    void aCoresChangeThatWouldLeaveATinyHeapIsDropped() {
        Advice advice = Advisor.advise(List.of(finding("executor-cores", Severity.WARNING,
                change("spark.executor.cores", "12", "4", Recommendation.Intent.LOWER))),
                resources(12, 1L << 30, 3, 0));
        assertTrue(advice.settings().isEmpty(), advice.settings().toString());
        assertTrue(advice.notes().get(0).contains("below 1.0 GiB"), advice.notes().get(0));
        Advice exactly = Advisor.advise(List.of(finding("executor-cores", Severity.WARNING,
                change("spark.executor.cores", "12", "4", Recommendation.Intent.LOWER))),
                resources(12, 3L << 30, 3, 0));
        assertEquals("1g", setting(exactly, "spark.executor.memory").proposedValue());
    }
}
