package dev.sparkdoc.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkdoc.event.ExecutorMetrics;
import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.StageInfo;
import dev.sparkdoc.event.TaskEndReason;
import dev.sparkdoc.event.TaskInfo;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.event.TaskMetrics;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.ExecutorSummary;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Stage-attempt rules of Spark's AppStatusListener that Spark's own test logs do not exercise (no Resubmitted, no
 * stage completed without a submission time), checked on hand-made events.
 */
class ApplicationFolderStageRulesTest {

    private static final StageAttemptId STAGE = new StageAttemptId(0, 0);
    private static final TaskEndReason SUCCESS = new TaskEndReason.Success();

    private final ApplicationFolder folder = new ApplicationFolder();

    @Test
    void resubmittedAfterTheStageCompletedDoesNotCountAgainstIt() {
        folder.accept(new SparkEvent.StageSubmitted(info(OptionalLong.of(1_000), OptionalLong.empty()), Map.of()));
        folder.accept(new SparkEvent.TaskStart(STAGE, task(1, 0, 1_000, OptionalLong.empty())));
        folder.accept(end(task(1, 0, 1_000, OptionalLong.of(1_500)), SUCCESS, true));
        folder.accept(new SparkEvent.StageCompleted(info(OptionalLong.of(1_000), OptionalLong.of(1_600))));
        folder.accept(end(task(1, 0, 1_000, OptionalLong.of(1_500)), new TaskEndReason.Resubmitted(), false));

        StageAttempt stage = stage();
        assertEquals(StageStatus.COMPLETE, stage.status());
        assertEquals(1, stage.numCompleteTasks());
        assertEquals(0, stage.numFailedTasks());
        assertEquals(1, stage.endedTaskDurations().orElseThrow().size());
        assertEquals(0, stage.executorSummaries().get(0).failedTasks());
        assertEquals(500, stage.executorSummaries().get(0).taskTimeMillis());
        // The executor itself still counts it, as Spark's executor summary does.
        ExecutorSummary executor = executor("1");
        assertEquals(1, executor.failedTasks());
        assertEquals(1_000, executor.totalDurationMillis());
    }

    @Test
    void resubmittedWhileTheStageRunsCountsAsFailedButEndsNoRunningTask() {
        folder.accept(new SparkEvent.StageSubmitted(info(OptionalLong.of(1_000), OptionalLong.empty()), Map.of()));
        folder.accept(new SparkEvent.TaskStart(STAGE, task(1, 0, 1_000, OptionalLong.empty())));
        folder.accept(new SparkEvent.TaskStart(STAGE, task(2, 1, 1_000, OptionalLong.empty())));
        folder.accept(end(task(1, 0, 1_000, OptionalLong.of(1_500)), SUCCESS, true));
        folder.accept(end(task(1, 0, 1_000, OptionalLong.of(1_500)), new TaskEndReason.Resubmitted(), false));
        folder.accept(new SparkEvent.StageCompleted(info(OptionalLong.of(1_000), OptionalLong.of(1_600))));
        // Task 2 is still running when the stage completes (a speculative loser, say): its end still counts.
        folder.accept(end(task(2, 1, 1_000, OptionalLong.of(1_700)), new TaskEndReason.TaskKilled("another attempt"),
                true));

        StageAttempt stage = stage();
        assertEquals(1, stage.numCompleteTasks());
        assertEquals(1, stage.numFailedTasks());
        assertEquals(1, stage.numKilledTasks());
        assertEquals(0, stage.runningTasks());
        assertEquals(2, stage.endedTaskDurations().orElseThrow().size());
        assertEquals(20, stage.total(TaskMetric.EXECUTOR_RUN_TIME));
    }

    @Test
    void stageCompletedWithoutSubmissionTimeWasSkipped() {
        folder.accept(new SparkEvent.StageSubmitted(info(OptionalLong.empty(), OptionalLong.empty()), Map.of()));
        folder.accept(new SparkEvent.StageCompleted(info(OptionalLong.empty(), OptionalLong.of(1_600))));

        assertEquals(StageStatus.SKIPPED, stage().status());
    }

    @Test
    void failedStageWithoutSubmissionTimeIsFailed() {
        folder.accept(new SparkEvent.StageCompleted(new StageInfo(STAGE, "stage", 2, List.of(), "",
                OptionalLong.empty(), OptionalLong.of(1_600), Optional.of("Job aborted"), OptionalInt.of(0),
                List.of())));

        assertEquals(StageStatus.FAILED, stage().status());
    }

    private StageAttempt stage() {
        ApplicationSnapshot snapshot = folder.snapshot();
        return snapshot.stage(STAGE).orElseThrow();
    }

    private ExecutorSummary executor(String id) {
        return folder.snapshot().executors().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow();
    }

    private static StageInfo info(OptionalLong submission, OptionalLong completion) {
        return new StageInfo(STAGE, "stage", 2, List.of(), "", submission, completion, Optional.empty(),
                OptionalInt.of(0), List.of());
    }

    private static TaskInfo task(long taskId, int index, long launch, OptionalLong finish) {
        return new TaskInfo(taskId, index, 0, OptionalInt.of(index), launch, "1", "host", "PROCESS_LOCAL", false,
                OptionalLong.empty(), finish, false, false);
    }

    private static SparkEvent.TaskEnd end(TaskInfo task, TaskEndReason reason, boolean withMetrics) {
        Optional<TaskMetrics> metrics = withMetrics
                ? Optional.of(TaskMetrics.builder().set(TaskMetric.EXECUTOR_RUN_TIME, 10).build())
                : Optional.empty();
        return new SparkEvent.TaskEnd(STAGE, "ShuffleMapTask", reason, task, metrics, ExecutorMetrics.empty());
    }
}
