package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SqlExecution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageStatus;
import dev.sparkdoc.quantity.Formats;
import java.util.List;
import java.util.Optional;

/** Small shared helpers for analyzers that look at stage attempts. */
final class Stages {

    private Stages() {
    }

    /** Stage attempts that ran (not pending or skipped). */
    static List<StageAttempt> ran(ApplicationSnapshot app) {
        return app.stages().stream()
                .filter(stage -> stage.status() != StageStatus.SKIPPED && stage.status() != StageStatus.PENDING)
                .toList();
    }

    /** "stage 3.0 (groupBy at Job.java:42)". */
    static String describe(StageAttempt stage) {
        return "stage " + stage.id() + " (" + Formats.oneLine(stage.name(), 60) + ")";
    }

    static Optional<SqlExecution> sql(ApplicationSnapshot app, StageAttempt stage) {
        if (stage.sqlExecutionId().isEmpty()) {
            return Optional.empty();
        }
        long id = stage.sqlExecutionId().getAsLong();
        return app.sqlExecutions().stream().filter(sql -> sql.id() == id).findFirst();
    }

    /** The stage's duration, or, without submission and completion times, the span of its tasks. */
    static long durationMillis(StageAttempt stage, long slowestTask) {
        return stage.durationMillis().orElse(slowestTask);
    }
}
