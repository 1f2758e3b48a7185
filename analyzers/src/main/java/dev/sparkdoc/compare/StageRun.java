package dev.sparkdoc.compare;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One stage of a run with its attempts collapsed: a retried stage is one stage whose time runs from its first
 * submission to its last completion and whose totals add up every attempt (a retry's work is part of what the stage
 * cost). The task-duration skew is that of the attempt that completed (else the last one).
 *
 * @param depth how many shuffles separate the stage from the data it starts from (0 for a stage without parents)
 * @param role the stage's place in the DAG: its number of parent stages and whether it writes shuffle data
 * @param planShape the normalized plan of the SQL execution the stage runs for ({@link PlanShape}); empty outside SQL
 */
public record StageRun(int stageId, List<StageAttempt> attempts, String name, int depth, String role,
        Optional<String> planShape) {

    public StageRun {
        attempts = List.copyOf(attempts);
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("a stage has at least one attempt");
        }
        requireNonNull(name, "name is null");
        requireNonNull(role, "role is null");
        requireNonNull(planShape, "planShape is null");
    }

    /** The attempt whose tasks describe the stage: the completed one, else the last. */
    public StageAttempt representative() {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).status() == StageStatus.COMPLETE) {
                return attempts.get(i);
            }
        }
        return attempts.get(attempts.size() - 1);
    }

    public StageStatus status() {
        return representative().status();
    }

    /** First submission to last completion; empty when no attempt has both. */
    public OptionalLong durationMillis() {
        OptionalLong start = OptionalLong.empty();
        OptionalLong end = OptionalLong.empty();
        for (StageAttempt attempt : attempts) {
            if (attempt.submissionTime().isPresent() && (start.isEmpty()
                    || attempt.submissionTime().getAsLong() < start.getAsLong())) {
                start = attempt.submissionTime();
            }
            if (attempt.completionTime().isPresent() && (end.isEmpty()
                    || attempt.completionTime().getAsLong() > end.getAsLong())) {
                end = attempt.completionTime();
            }
        }
        if (start.isEmpty() || end.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, end.getAsLong() - start.getAsLong()));
    }

    /** The tasks (partitions) of the representative attempt: what the stage was split into. */
    public int tasks() {
        return representative().numTasks();
    }

    /** A metric's total over every attempt. */
    public long total(TaskMetric metric) {
        long sum = 0;
        for (StageAttempt attempt : attempts) {
            sum = dev.sparkdoc.event.Saturating.add(sum, attempt.total(metric));
        }
        return sum;
    }

    public long shuffleReadBytes() {
        return total(TaskMetric.SHUFFLE_READ_BYTES);
    }

    public long shuffleWriteBytes() {
        return total(TaskMetric.SHUFFLE_WRITE_BYTES);
    }

    /** Spill to disk (Spark's diskBytesSpilled), as the analyze report's "spill (disk)". */
    public long spillDiskBytes() {
        return total(TaskMetric.DISK_BYTES_SPILLED);
    }

    public long gcMillis() {
        return total(TaskMetric.JVM_GC_TIME);
    }

    /** Executor run time summed over tasks ("task time" in the analyze report). */
    public long taskTimeMillis() {
        return total(TaskMetric.EXECUTOR_RUN_TIME);
    }

    /** The completed attempt's task durations, for the skew ratio (max / median, {@link Distribution}). */
    public Distribution taskDurations() {
        return representative().distribution(TaskMetric.DURATION);
    }

    /** The completed attempt's shuffle read per task, for the shuffle-read skew ratio. */
    public Distribution shuffleReadDistribution() {
        return representative().distribution(TaskMetric.SHUFFLE_READ_BYTES);
    }

    /** "stage 3" or "stage 3 (2 attempts)": stage ids are per run, so always said with the run. */
    public String label() {
        return "stage " + stageId + (attempts.size() > 1 ? " (" + attempts.size() + " attempts)" : "");
    }
}
