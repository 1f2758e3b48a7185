package dev.sparkdoc.cli.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Advice;
import dev.sparkdoc.diagnosis.Diagnosis;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The merged advice's derived quantities, on advice sets as the Advisor writes them. */
class LogJudgeTest {

    private static final LogLabels NO_LABELS = new LogLabels(Path.of("x.labels.yaml"), "x", "", List.of(), List.of(),
            List.of(), List.of());

    private static List<Verdict.WrongAdvice> judge(String cores, String proposedCores, String memory,
            String proposedMemory) {
        Advice advice = new Advice(List.of(
                new Advice.Setting("spark.executor.cores", Optional.of(cores), false, proposedCores,
                        List.of("executor-cores"), List.of("why")),
                new Advice.Setting("spark.executor.memory", Optional.of(memory), false, proposedMemory,
                        List.of("task-failures"), List.of("why"))), List.of());
        return LogJudge.wrongAdvice(NO_LABELS, new Diagnosis(List.of(), List.of(), advice));
    }

    @Test
    void fewerCoresAndMoreMemoryCompoundMemoryPerCore() {
        List<Verdict.WrongAdvice> wrong = judge("16", "4", "16G", "24g");
        assertEquals(1, wrong.size(), wrong.toString());
        assertEquals(List.of("executor-cores", "task-failures"), wrong.get(0).ruleIds());
        assertTrue(wrong.get(0).why().contains("1.0 GiB -> 6.0 GiB (6.0x)"), wrong.get(0).why());
    }

    @Test
    void fewerCoresWithLessMemoryKeepsItConsistent() {
        assertEquals(List.of(), judge("16", "4", "16G", "4g"));
        assertEquals(List.of(), judge("16", "4", "16G", "16G"));
    }

    @Test
    void moreCoresAndLessMemoryCompoundTheOtherWay() {
        assertEquals(1, judge("2", "4", "8g", "4g").size());
    }
}
