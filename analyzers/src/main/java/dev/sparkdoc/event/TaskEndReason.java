package dev.sparkdoc.event;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/** Why a task ended, as Spark writes {@code Task End Reason}. */
public sealed interface TaskEndReason {

    /** The one {@link Success} needed: it has no fields, and most task ends are successes. */
    Success SUCCESS = new Success();

    /** The one {@link Resubmitted} needed. */
    Resubmitted RESUBMITTED = new Resubmitted();

    /** The formatted class name Spark writes as {@code Reason}. */
    String name();

    /** Success counts as complete; killed and commit-denied as killed; every other reason as failed. */
    default boolean isSuccess() {
        return this instanceof Success;
    }

    default boolean countsAsKilled() {
        return this instanceof TaskKilled || this instanceof TaskCommitDenied;
    }

    record Success() implements TaskEndReason {
        public String name() {
            return "Success";
        }
    }

    /** A finished map task whose output was lost with its executor; Spark reruns it. */
    record Resubmitted() implements TaskEndReason {
        public String name() {
            return "Resubmitted";
        }
    }

    record FetchFailed(Optional<BlockManagerId> blockManager, int shuffleId, long mapId, OptionalInt mapIndex,
            int reduceId, String message) implements TaskEndReason {
        public FetchFailed {
            requireNonNull(blockManager, "blockManager is null");
            requireNonNull(mapIndex, "mapIndex is null");
            requireNonNull(message, "message is null");
        }

        public String name() {
            return "FetchFailed";
        }
    }

    record ExceptionFailure(String className, String description) implements TaskEndReason {
        public ExceptionFailure {
            requireNonNull(className, "className is null");
            requireNonNull(description, "description is null");
        }

        public String name() {
            return "ExceptionFailure";
        }
    }

    record ExecutorLostFailure(String executorId, boolean exitCausedByApp, Optional<String> lossReason)
            implements TaskEndReason {
        public ExecutorLostFailure {
            requireNonNull(executorId, "executorId is null");
            requireNonNull(lossReason, "lossReason is null");
        }

        public String name() {
            return "ExecutorLostFailure";
        }
    }

    record TaskKilled(String killReason) implements TaskEndReason {
        public TaskKilled {
            requireNonNull(killReason, "killReason is null");
        }

        public String name() {
            return "TaskKilled";
        }
    }

    record TaskCommitDenied(int jobId, int partitionId, int attemptNumber) implements TaskEndReason {
        public String name() {
            return "TaskCommitDenied";
        }
    }

    /** TaskResultLost, UnknownReason, or a reason this version of sparkdoc does not know; counts as failed. */
    record OtherFailure(String name) implements TaskEndReason {
        public OtherFailure {
            requireNonNull(name, "name is null");
        }
    }
}
