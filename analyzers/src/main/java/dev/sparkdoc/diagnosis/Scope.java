package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.event.StageAttemptId;

/** What a finding is about. */
public sealed interface Scope {

    /** A short label for people: "stage 3.0", "executor 7", "application". */
    String label();

    /** The JSON {@code kind}. */
    String kind();

    /** What the label names after its kind: "3.0" for "stage 3.0"; empty for the application. */
    default String id() {
        String label = label();
        int space = label.lastIndexOf(' ');
        return space < 0 ? "" : label.substring(space + 1);
    }

    /** The kind for several scopes in a label: "stages", "executors", "SQL executions". */
    default String plural() {
        String label = label();
        int space = label.lastIndexOf(' ');
        return (space < 0 ? label : label.substring(0, space)) + "s";
    }

    record Application() implements Scope {
        public String label() {
            return "application";
        }

        public String kind() {
            return "application";
        }
    }

    record Job(int jobId) implements Scope {
        public String label() {
            return "job " + jobId;
        }

        public String kind() {
            return "job";
        }
    }

    record Stage(StageAttemptId stage) implements Scope {
        public Stage {
            requireNonNull(stage, "stage is null");
        }

        public String label() {
            return "stage " + stage;
        }

        public String kind() {
            return "stage";
        }
    }

    record Executor(String executorId) implements Scope {
        public Executor {
            requireNonNull(executorId, "executorId is null");
        }

        public String label() {
            return "executor " + executorId;
        }

        public String kind() {
            return "executor";
        }
    }

    record SqlExecution(long executionId) implements Scope {
        public String label() {
            return "SQL execution " + executionId;
        }

        public String kind() {
            return "sql";
        }
    }
}
