package dev.sparkdoc.cli.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The merged advice's derived quantities: memory per core. */
class LogJudgeTest {

    private static Optional<Verdict.WrongAdvice> judge(String cores, String proposedCores, String memory,
            String proposedMemory) {
        return LogJudge.memoryPerCore(List.of(
                new LogJudge.MergedSetting("spark.executor.cores", Optional.of(cores), proposedCores,
                        List.of("executor-cores")),
                new LogJudge.MergedSetting("spark.executor.memory", Optional.of(memory), proposedMemory,
                        List.of("task-failures"))));
    }

    @Test
    void fewerCoresAndMoreMemoryCompoundMemoryPerCore() {
        Verdict.WrongAdvice wrong = judge("16", "4", "16G", "24g").orElseThrow();
        assertEquals(List.of("executor-cores", "task-failures"), wrong.ruleIds());
        assertTrue(wrong.why().contains("1.0 GiB -> 6.0 GiB (6.0x)"), wrong.why());
    }

    @Test
    void fewerCoresWithLessOrTheSameMemoryKeepsItConsistent() {
        assertEquals(Optional.empty(), judge("16", "4", "16G", "4g"));
        assertEquals(Optional.empty(), judge("16", "4", "16G", "16G"));
    }

    @Test
    void moreCoresAndLessMemoryCompoundTheOtherWay() {
        assertTrue(judge("2", "4", "8g", "4g").isPresent());
    }

    @Test
    void anUnsetCurrentValueIsNotJudged() {
        assertEquals(Optional.empty(), LogJudge.memoryPerCore(List.of(
                new LogJudge.MergedSetting("spark.executor.cores", Optional.empty(), "4", List.of("executor-cores")),
                new LogJudge.MergedSetting("spark.executor.memory", Optional.of("16g"), "24g",
                        List.of("gc-pressure")))));
    }

    @Test
    void mergedMemoryIsJudgedPerCoreWhenTheCoresChangeToo() {
        List<LogJudge.MergedSetting> smallerExecutors = List.of(
                new LogJudge.MergedSetting("spark.executor.cores", Optional.of("64"), "4", List.of("executor-cores")),
                new LogJudge.MergedSetting("spark.executor.memory", Optional.of("250G"), "24000m",
                        List.of("gc-pressure")));
        assertEquals(Optional.of(java.util.OptionalInt.of(1)),
                LogJudge.executorMemoryPerCoreMove("spark.executor.memory", smallerExecutors),
                "3.9 GiB per core becomes 5.9 GiB: a raise per core");
        assertEquals(Optional.empty(), LogJudge.executorMemoryPerCoreMove("spark.driver.memory", smallerExecutors));
        assertEquals(Optional.empty(), LogJudge.executorMemoryPerCoreMove("spark.executor.memory", List.of(
                new LogJudge.MergedSetting("spark.executor.memory", Optional.of("250G"), "24000m",
                        List.of("gc-pressure")))));
    }

    private static LogLabels labels(AdviceLabel... advice) {
        return new LogLabels(java.nio.file.Path.of("t.labels.yaml"), "t", "", List.of(), List.of(), List.of(),
                List.of(advice));
    }

    private static LogJudge.MergedSetting setting(String key, String current, String proposed) {
        return new LogJudge.MergedSetting(key, Optional.of(current), proposed, List.of("some-rule"));
    }

    @Test
    void labelsJudgeTheDirectionAndTheKeysThatMustNotAppear() {
        LogLabels labels = labels(
                new AdviceLabel.Config("spark.sql.autoBroadcastJoinThreshold", AdviceLabel.Direction.NOT_LOWER, "r"),
                new AdviceLabel.Config("spark.executor.memory", AdviceLabel.Direction.NOT_HIGHER, "r"),
                new AdviceLabel.Config("spark.shuffle.service.enabled", AdviceLabel.Direction.ABSENT, "r"));
        List<Verdict.WrongAdvice> lowered = LogJudge.againstLabels(
                setting("spark.sql.autoBroadcastJoinThreshold", "26214400", "16m"), labels);
        assertEquals(List.of(Verdict.WrongAdvice.Kind.WRONG_DIRECTION),
                lowered.stream().map(Verdict.WrongAdvice::kind).toList());
        assertEquals(List.of(), LogJudge.againstLabels(
                setting("spark.sql.autoBroadcastJoinThreshold", "10MB", "16m"), labels));
        assertEquals(1, LogJudge.againstLabels(setting("spark.executor.memory", "20g", "30g"), labels).size());
        assertEquals(List.of(), LogJudge.againstLabels(setting("spark.executor.memory", "20g", "20g"), labels));
        assertEquals(List.of(Verdict.WrongAdvice.Kind.MUST_NOT_APPEAR), LogJudge.againstLabels(
                setting("spark.shuffle.service.enabled", "false", "true"), labels).stream()
                .map(Verdict.WrongAdvice::kind).toList());
        assertEquals(List.of(), LogJudge.againstLabels(setting("spark.sql.shuffle.partitions", "200", "84"),
                labels), "a key no label names");
    }

    @Test
    void aProposalMustMoveTheValueAsItsIntentSays() {
        assertTrue(LogJudge.againstIntent(setting("spark.driver.memory", "2g", "2g"), Intent.RAISE).orElseThrow()
                .why().contains("proposes the same value"));
        assertTrue(LogJudge.againstIntent(setting("spark.sql.shuffle.partitions", "200", "84"), Intent.RAISE)
                .orElseThrow().why().contains("proposes a lower value"));
        assertEquals(Optional.empty(), LogJudge.againstIntent(setting("spark.sql.shuffle.partitions", "200", "400"),
                Intent.RAISE));
        assertTrue(LogJudge.againstIntent(setting("spark.executor.memory", "18626M", "28g"), Intent.LOWER)
                .isPresent());
        assertTrue(LogJudge.againstIntent(setting("spark.sql.adaptive.enabled", "true", "true"), Intent.SET)
                .isPresent());
        assertEquals(Optional.empty(), LogJudge.againstIntent(setting("spark.sql.adaptive.enabled", "false", "true"),
                Intent.SET));
    }
}
