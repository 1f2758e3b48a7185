package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.event.StageAttemptId;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The running stages' signals: the oldest running task and the median of the finished ones, bounded. */
class RunningStagesTest {

    private static final StageAttemptId STAGE = new StageAttemptId(7, 0);

    @Test
    void oldestRunningTaskAgainstTheMedianOfTheFinishedOnes() {
        RunningStages running = new RunningStages();
        for (long task = 0; task < 9; task++) {
            running.taskStarted(STAGE, task, 1_000 + task);
        }
        // Tasks 1..8 finish after 2 s each, one failed attempt does not count; task 0 keeps running.
        for (long task = 1; task < 8; task++) {
            running.taskEnded(STAGE, task, OptionalLong.of(2_000));
        }
        running.taskEnded(STAGE, 8, OptionalLong.empty());
        List<RunningStages.Signal> signals = running.signals(61_000);
        assertEquals(List.of(new RunningStages.Signal(STAGE, 60_000, OptionalLong.of(2_000), 7)), signals);

        running.taskEnded(STAGE, 0, OptionalLong.of(60_000));
        assertEquals(List.of(), running.signals(62_000), "no running task, no signal");
        running.taskStarted(STAGE, 9, 62_000);
        running.stageEnded(STAGE);
        assertEquals(List.of(), running.signals(63_000), "an ended stage has no signal");
    }

    @Test
    void noFinishedTaskYetHasNoMedianAndUnknownStagesAreIgnored() {
        RunningStages running = new RunningStages();
        running.taskStarted(STAGE, 1, 5_000);
        running.taskEnded(new StageAttemptId(8, 0), 2, OptionalLong.of(1));
        assertEquals(List.of(new RunningStages.Signal(STAGE, 1_000, OptionalLong.empty(), 0)), running.signals(6_000));
    }

    @Test
    void boundedInStagesAndInDurationsKept() {
        RunningStages running = new RunningStages();
        for (int stage = 0; stage < RunningStages.MAX_STAGES + 10; stage++) {
            running.taskStarted(new StageAttemptId(stage, 0), stage, 0);
        }
        List<RunningStages.Signal> signals = running.signals(1);
        assertEquals(RunningStages.MAX_STAGES, signals.size());
        assertEquals(10, signals.get(0).stage().stageId(), "the oldest stage attempts are forgotten first");

        // Three times the kept durations, half of them 1 ms and half 100 ms, interleaved: the median stays one of
        // the two values and the count is exact.
        running.taskStarted(STAGE, -1, 0);
        int finished = 3 * RunningStages.MAX_DURATIONS;
        for (int task = 0; task < finished; task++) {
            running.taskStarted(STAGE, task, 0);
            running.taskEnded(STAGE, task, OptionalLong.of(task % 2 == 0 ? 1 : 100));
        }
        RunningStages.Signal signal = running.signals(10).stream().filter(s -> s.stage().equals(STAGE)).findFirst()
                .orElseThrow();
        assertEquals(finished, signal.finishedTasks());
        long median = signal.medianFinishedMillis().getAsLong();
        assertTrue(median == 1 || median == 100, "median " + median);
    }
}
