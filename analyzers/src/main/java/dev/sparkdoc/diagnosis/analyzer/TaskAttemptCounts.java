package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.TaskFailureGroup;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One set of task attempt counts for every renderer and the task-failures rule. {@code failed} is what the History
 * Server counts as failed (every end but success, killed and commit-denied); of those, {@code fetchFailed} and
 * {@code resubmitted} are not errors of the task itself (a shuffle block could not be fetched; a finished map task's
 * output was lost with its executor: the fetch-failure rule reports them) and the rest are task errors, by cause.
 * Killed attempts (speculative duplicates, cancelled jobs) and commit denials are not failures.
 */
public record TaskAttemptCounts(long attempts, long failed, long killed, long fetchFailed, long resubmitted,
        Map<FailureCauses, Long> taskErrorsByCause, Set<String> stagesWithTaskErrors) {

    public TaskAttemptCounts {
        EnumMap<FailureCauses, Long> copy = new EnumMap<>(FailureCauses.class);
        copy.putAll(taskErrorsByCause);
        taskErrorsByCause = Collections.unmodifiableMap(copy);
        stagesWithTaskErrors = Collections.unmodifiableSet(new LinkedHashSet<>(stagesWithTaskErrors));
        if (attempts < 0 || failed < 0 || killed < 0 || fetchFailed < 0 || resubmitted < 0) {
            throw new IllegalArgumentException("negative task attempt count");
        }
    }

    public static TaskAttemptCounts of(ApplicationSnapshot app) {
        long attempts = 0;
        long failed = 0;
        long killed = 0;
        long fetchFailed = 0;
        long resubmitted = 0;
        Map<FailureCauses, Long> byCause = new EnumMap<>(FailureCauses.class);
        Set<String> stages = new LinkedHashSet<>();
        for (StageAttempt stage : app.stages()) {
            attempts += stage.numCompleteTasks() + stage.numFailedTasks() + stage.numKilledTasks();
            failed += stage.numFailedTasks();
            killed += stage.numKilledTasks();
            for (TaskFailureGroup group : stage.failures()) {
                switch (group.reason()) {
                    case "FetchFailed" -> fetchFailed += group.count();
                    case "Resubmitted" -> resubmitted += group.count();
                    case "TaskKilled", "TaskCommitDenied" -> {
                    }
                    default -> {
                        byCause.merge(FailureCauses.of(group), group.count(), Long::sum);
                        stages.add(stage.id().toString());
                    }
                }
            }
        }
        return new TaskAttemptCounts(attempts, failed, killed, fetchFailed, resubmitted, byCause, stages);
    }

    /** Failed attempts that were errors of the task itself (exceptions, lost executors, out of memory). */
    public long taskErrors() {
        return taskErrorsByCause.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The words every renderer uses: "8,630 task attempts: 53 failed as the History Server counts them (1 task error,
     * 52 fetch failures or resubmitted map tasks), 3 killed".
     */
    public String describe() {
        StringBuilder text = new StringBuilder(Formats.count(attempts) + " task attempts: " + Formats.count(failed)
                + " failed as the History Server counts them");
        long notErrors = fetchFailed + resubmitted;
        if (failed > 0) {
            text.append(" (").append(Formats.count(taskErrors())).append(taskErrors() == 1 ? " task error" : " task errors");
            if (notErrors > 0) {
                text.append(", ").append(Formats.count(notErrors)).append(" fetch failures or resubmitted map tasks");
            }
            text.append(')');
        }
        return text.append(", ").append(Formats.count(killed)).append(" killed").toString();
    }
}
