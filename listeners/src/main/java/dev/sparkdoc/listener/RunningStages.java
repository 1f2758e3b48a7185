package dev.sparkdoc.listener;

import dev.sparkdoc.event.StageAttemptId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The tasks of the stage attempts running now, so that a straggler shows before its stage ends: a skew or spill
 * value that changes only when a stage completes comes too late for an alert on a short job. For each running stage
 * attempt: how long its oldest running task has run, and the median duration of its tasks that finished.
 *
 * <p>Bounded: at most {@link #MAX_STAGES} stage attempts (the oldest are forgotten beyond), and per stage at most
 * {@link #MAX_DURATIONS} finished durations (beyond, every second one kept is dropped and later ones are sampled at
 * the same rate, so the median stays an estimate over the whole stage). Used from the listener's thread only.
 */
final class RunningStages {

    static final int MAX_STAGES = 50;
    static final int MAX_DURATIONS = 65_536;

    /** One running stage attempt's signal. */
    record Signal(StageAttemptId stage, long oldestRunningMillis, OptionalLong medianFinishedMillis, long finishedTasks) {
    }

    private static final class Stage {
        private final Map<Long, Long> launchByTask = new HashMap<>();
        private long[] durations = new long[16];
        private int kept;
        /** Keep one finished duration in this many (a power of two) once the array is full. */
        private int keepEvery = 1;
        private long finished;

        void finished(long duration) {
            finished++;
            if (finished % keepEvery != 0) {
                return;
            }
            if (kept == durations.length) {
                if (kept < MAX_DURATIONS) {
                    durations = Arrays.copyOf(durations, kept * 2);
                } else {
                    for (int i = 0; i < kept / 2; i++) {
                        durations[i] = durations[2 * i + 1];
                    }
                    kept /= 2;
                    keepEvery *= 2;
                }
            }
            durations[kept++] = duration;
        }

        OptionalLong median() {
            if (kept == 0) {
                return OptionalLong.empty();
            }
            long[] sorted = Arrays.copyOf(durations, kept);
            Arrays.sort(sorted);
            return OptionalLong.of(sorted[(kept - 1) / 2]);
        }
    }

    private final LinkedHashMap<StageAttemptId, Stage> stages = new LinkedHashMap<>();

    void taskStarted(StageAttemptId stageAttempt, long taskId, long launchTime) {
        Stage stage = stages.get(stageAttempt);
        if (stage == null) {
            stage = new Stage();
            stages.put(stageAttempt, stage);
            if (stages.size() > MAX_STAGES) {
                Iterator<StageAttemptId> oldest = stages.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        stage.launchByTask.put(taskId, launchTime);
    }

    /** A task ended; {@code successfulDuration} is its duration when it succeeded, empty otherwise. */
    void taskEnded(StageAttemptId stageAttempt, long taskId, OptionalLong successfulDuration) {
        Stage stage = stages.get(stageAttempt);
        if (stage == null) {
            return;
        }
        stage.launchByTask.remove(taskId);
        if (successfulDuration.isPresent()) {
            stage.finished(Math.max(0, successfulDuration.getAsLong()));
        }
    }

    void stageEnded(StageAttemptId stageAttempt) {
        stages.remove(stageAttempt);
    }

    /** The signal of every stage attempt with a running task, at {@code nowMillis} (epoch milliseconds). */
    List<Signal> signals(long nowMillis) {
        List<Signal> signals = new ArrayList<>();
        for (Map.Entry<StageAttemptId, Stage> entry : stages.entrySet()) {
            Stage stage = entry.getValue();
            if (stage.launchByTask.isEmpty()) {
                continue;
            }
            long oldestLaunch = Long.MAX_VALUE;
            for (long launch : stage.launchByTask.values()) {
                oldestLaunch = Math.min(oldestLaunch, launch);
            }
            signals.add(new Signal(entry.getKey(), Math.max(0, nowMillis - oldestLaunch), stage.median(),
                    stage.finished));
        }
        return signals;
    }
}
