package dev.sparkdoc.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sparkdoc.event.ExecutorMetrics;
import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.StageInfo;
import dev.sparkdoc.event.TaskEndReason;
import dev.sparkdoc.event.TaskInfo;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.TaskFailureGroup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Text enters the folder redacted with what is known when it arrives, and is redacted again when the environment
 * update brings the application's own patterns.
 */
class ApplicationFolderRedactionTest {

    private static final String R = Redactor.REPLACEMENT;
    private static final StageAttemptId STAGE = new StageAttemptId(0, 0);

    private final ApplicationFolder folder = new ApplicationFolder();

    @Test
    void textFoldedBeforeTheEnvironmentUpdateIsRedactedWithItsPatterns() {
        folder.accept(new SparkEvent.ApplicationStart("nightly CODE-17 password=p1", Optional.of("app-1"), 1_000,
                "etl", Optional.empty()));
        folder.accept(new SparkEvent.StageSubmitted(info("load CODE-18"), Map.of()));
        folder.accept(new SparkEvent.TaskStart(STAGE, task(1)));
        folder.accept(new SparkEvent.TaskStart(STAGE, task(2)));
        folder.accept(new SparkEvent.TaskStart(STAGE, task(3)));
        folder.accept(killed(1, "cancelled by CODE-19"));
        folder.accept(killed(2, "cancelled by CODE-20"));
        folder.accept(failed(3, "java.sql.SQLException", "login CODE-21 failed for jdbc:mysql://etl:pw@db/x"));

        ApplicationSnapshot before = folder.snapshot();
        assertEquals("nightly CODE-17 password=" + R, before.application().name(), "the defaults apply at once");
        assertEquals("login CODE-21 failed for jdbc:mysql://etl:" + R + "@db/x",
                before.stage(STAGE).orElseThrow().failures().get(2).exampleMessage());
        assertEquals(3, before.stage(STAGE).orElseThrow().failures().size());

        folder.accept(new SparkEvent.EnvironmentUpdate(Map.of(), Map.of("spark.redaction.string.regex", "CODE-[0-9]+"),
                Map.of(), Map.of()));
        ApplicationSnapshot after = folder.snapshot();
        assertEquals("nightly " + R + " password=" + R, after.application().name());
        assertEquals("load " + R, after.stage(STAGE).orElseThrow().name());
        List<TaskFailureGroup> failures = after.stage(STAGE).orElseThrow().failures();
        assertEquals(2, failures.size(), "two kill reasons that differed only in a secret now group together");
        assertEquals("cancelled by " + R, failures.get(0).detail());
        assertEquals(2, failures.get(0).count());
        assertEquals("login " + R + " failed for jdbc:mysql://etl:" + R + "@db/x", failures.get(1).exampleMessage());
    }

    @Test
    void settingsFromTheSparkConfApplyBeforeAnyEvent() {
        folder.redactWith(Map.of("spark.redaction.string.regex", "CODE-[0-9]+"));
        folder.accept(new SparkEvent.ApplicationStart("nightly CODE-17", Optional.empty(), 1_000, "etl",
                Optional.empty()));

        assertEquals("nightly " + R, folder.snapshot().application().name());
    }

    @Test
    void successfulTaskEndsPassThroughUntouched() {
        SparkEvent.TaskEnd success = new SparkEvent.TaskEnd(STAGE, "ResultTask", TaskEndReason.SUCCESS, task(1),
                Optional.empty(), ExecutorMetrics.empty());
        assertSame(success, Redactor.sparkDefault().redact(success));
        SparkEvent.TaskStart start = new SparkEvent.TaskStart(STAGE, task(1));
        assertSame(start, Redactor.sparkDefault().redact(start));
    }

    private static StageInfo info(String name) {
        return new StageInfo(STAGE, name, 2, List.of(), "", OptionalLong.of(1_000), OptionalLong.empty(),
                Optional.empty(), OptionalInt.of(0), List.of());
    }

    private static TaskInfo task(long taskId) {
        return new TaskInfo(taskId, (int) taskId, 0, OptionalInt.of((int) taskId), 1_000, "1", "host",
                "PROCESS_LOCAL", false, OptionalLong.empty(), OptionalLong.of(1_500), false, false);
    }

    private static SparkEvent.TaskEnd killed(long taskId, String reason) {
        return new SparkEvent.TaskEnd(STAGE, "ResultTask", new TaskEndReason.TaskKilled(reason), task(taskId),
                Optional.empty(), ExecutorMetrics.empty());
    }

    private static SparkEvent.TaskEnd failed(long taskId, String className, String description) {
        return new SparkEvent.TaskEnd(STAGE, "ResultTask", new TaskEndReason.ExceptionFailure(className, description),
                task(taskId), Optional.empty(), ExecutorMetrics.empty());
    }
}
