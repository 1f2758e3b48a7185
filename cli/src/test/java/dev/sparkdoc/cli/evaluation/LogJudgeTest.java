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
}
