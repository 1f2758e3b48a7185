package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.snapshot.TaskFailureGroup;
import java.util.Locale;

/**
 * Classifies task failures and executor losses by cause, from Spark's reasons and messages. Public so the live
 * listener's failure metrics use the same classification as the analyzers.
 */
public enum FailureCauses {
    HEAP_OOM("out of memory (Java heap, Spark execution memory or GPU)"),
    CONTAINER_MEMORY_KILLED("container killed for exceeding its memory (exit 137 / OOMKilled)"),
    CONTAINER_TERMINATED("container terminated (exit 143, SIGTERM)"),
    DECOMMISSIONED("executor decommissioned or preempted"),
    EXECUTOR_LOST("executor lost"),
    EXCEPTION("exception in the task"),
    OTHER("other");

    private final String description;

    FailureCauses(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static FailureCauses of(TaskFailureGroup group) {
        String text = (group.detail() + " " + group.exampleMessage()).toLowerCase(Locale.ROOT);
        if (group.reason().equals("ExceptionFailure")) {
            return isOutOfMemory(group.detail(), text) ? HEAP_OOM : EXCEPTION;
        }
        if (group.reason().equals("ExecutorLostFailure")) {
            return ofLossReason(text);
        }
        return OTHER;
    }

    /** The cause of an executor loss or removal, from its reason text. */
    public static FailureCauses ofLossReason(String reason) {
        String text = reason.toLowerCase(Locale.ROOT);
        if (text.contains("137") || text.contains("oomkilled") || text.contains("exceeding memory limits")
                || text.contains("exceeds memory limit") || text.contains("container killed by yarn for exceeding")) {
            return CONTAINER_MEMORY_KILLED;
        }
        if (text.contains("outofmemoryerror") || text.contains("exit code 52") || text.contains("exit code: 52")) {
            return HEAP_OOM;
        }
        if (text.contains("143") || text.contains("sigterm")) {
            return CONTAINER_TERMINATED;
        }
        if (text.contains("decommission") || text.contains("preempt") || text.contains("spot")) {
            return DECOMMISSIONED;
        }
        return EXECUTOR_LOST;
    }

    /**
     * java.lang.OutOfMemoryError, Spark's SparkOutOfMemoryError, and accelerator libraries' OOM exceptions (class names
     * ending in OOM, messages saying OutOfMemory).
     */
    private static boolean isOutOfMemory(String className, String lowerText) {
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        return lowerText.contains("outofmemory") || lowerText.contains("out of memory") || simpleName.endsWith("OOM");
    }

    public boolean isMemory() {
        return this == HEAP_OOM || this == CONTAINER_MEMORY_KILLED;
    }
}
