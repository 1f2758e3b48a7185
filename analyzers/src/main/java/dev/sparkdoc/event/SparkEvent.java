package dev.sparkdoc.event;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The events sparkdoc folds, one record per kind, free of Spark and Jackson types. Both entries produce them:
 * the event-log reader and the live listener. Times are epoch milliseconds.
 */
public sealed interface SparkEvent {

    record LogStart(String sparkVersion) implements SparkEvent {
        public LogStart {
            requireNonNull(sparkVersion, "sparkVersion is null");
        }
    }

    record ApplicationStart(String appName, Optional<String> appId, long timestamp, String user,
            Optional<String> attemptId) implements SparkEvent {
        public ApplicationStart {
            requireNonNull(appName, "appName is null");
            requireNonNull(appId, "appId is null");
            requireNonNull(user, "user is null");
            requireNonNull(attemptId, "attemptId is null");
        }
    }

    record ApplicationEnd(long timestamp, OptionalInt exitCode) implements SparkEvent {
        public ApplicationEnd {
            requireNonNull(exitCode, "exitCode is null");
        }
    }

    /** Spark, system and Hadoop properties as written; secrets are redacted by the folder. */
    record EnvironmentUpdate(Map<String, String> jvmInformation, Map<String, String> sparkProperties,
            Map<String, String> systemProperties, Map<String, String> hadoopProperties) implements SparkEvent {
        public EnvironmentUpdate {
            jvmInformation = Map.copyOf(jvmInformation);
            sparkProperties = Map.copyOf(sparkProperties);
            systemProperties = Map.copyOf(systemProperties);
            hadoopProperties = Map.copyOf(hadoopProperties);
        }
    }

    /** Executor resources of a resource profile: name (memory, cores, offHeap, memoryOverhead, gpu...) to amount. */
    record ResourceProfileAdded(int profileId, Map<String, Long> executorResources, Map<String, Double> taskResources)
            implements SparkEvent {
        public ResourceProfileAdded {
            executorResources = Map.copyOf(executorResources);
            taskResources = Map.copyOf(taskResources);
        }
    }

    record ExecutorAdded(long timestamp, String executorId, String host, int totalCores, OptionalInt resourceProfileId)
            implements SparkEvent {
        public ExecutorAdded {
            requireNonNull(executorId, "executorId is null");
            requireNonNull(host, "host is null");
            requireNonNull(resourceProfileId, "resourceProfileId is null");
        }
    }

    record ExecutorRemoved(long timestamp, String executorId, String reason) implements SparkEvent {
        public ExecutorRemoved {
            requireNonNull(executorId, "executorId is null");
            requireNonNull(reason, "reason is null");
        }
    }

    record BlockManagerAdded(long timestamp, BlockManagerId blockManager, long maxMemoryBytes,
            OptionalLong maxOnHeapMemoryBytes, OptionalLong maxOffHeapMemoryBytes) implements SparkEvent {
        public BlockManagerAdded {
            requireNonNull(blockManager, "blockManager is null");
            requireNonNull(maxOnHeapMemoryBytes, "maxOnHeapMemoryBytes is null");
            requireNonNull(maxOffHeapMemoryBytes, "maxOffHeapMemoryBytes is null");
        }
    }

    record BlockManagerRemoved(long timestamp, BlockManagerId blockManager) implements SparkEvent {
        public BlockManagerRemoved {
            requireNonNull(blockManager, "blockManager is null");
        }
    }

    /**
     * A job start. {@code stageInfos} is the only place skipped stages appear. {@code properties} holds the job's
     * local properties (description, job group, SQL execution id, ...).
     */
    record JobStart(int jobId, OptionalLong submissionTime, List<StageInfo> stageInfos, List<Integer> stageIds,
            Map<String, String> properties) implements SparkEvent {
        public JobStart {
            requireNonNull(submissionTime, "submissionTime is null");
            stageInfos = List.copyOf(stageInfos);
            stageIds = List.copyOf(stageIds);
            properties = Map.copyOf(properties);
        }
    }

    record JobEnd(int jobId, OptionalLong completionTime, boolean succeeded, Optional<String> failureMessage)
            implements SparkEvent {
        public JobEnd {
            requireNonNull(completionTime, "completionTime is null");
            requireNonNull(failureMessage, "failureMessage is null");
        }
    }

    record StageSubmitted(StageInfo stage, Map<String, String> properties) implements SparkEvent {
        public StageSubmitted {
            requireNonNull(stage, "stage is null");
            properties = Map.copyOf(properties);
        }
    }

    record StageCompleted(StageInfo stage) implements SparkEvent {
        public StageCompleted {
            requireNonNull(stage, "stage is null");
        }
    }

    record TaskStart(StageAttemptId stage, TaskInfo task) implements SparkEvent {
        public TaskStart {
            requireNonNull(stage, "stage is null");
            requireNonNull(task, "task is null");
        }
    }

    /**
     * A task end. {@code metrics} is absent for FetchFailed, ExecutorLostFailure and Resubmitted ends, and for any
     * failure that carried no accumulator updates. {@code executorMetrics} are the executor's peaks since its
     * previous task end (Spark 3.0+).
     */
    record TaskEnd(StageAttemptId stage, String taskType, TaskEndReason reason, TaskInfo task,
            Optional<TaskMetrics> metrics, ExecutorMetrics executorMetrics) implements SparkEvent {
        public TaskEnd {
            requireNonNull(stage, "stage is null");
            requireNonNull(taskType, "taskType is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(task, "task is null");
            requireNonNull(metrics, "metrics is null");
            requireNonNull(executorMetrics, "executorMetrics is null");
        }
    }

    /** Peak executor metrics of one executor during one stage attempt (only with logStageExecutorMetrics). */
    record StageExecutorMetrics(String executorId, StageAttemptId stage, ExecutorMetrics peaks) implements SparkEvent {
        public StageExecutorMetrics {
            requireNonNull(executorId, "executorId is null");
            requireNonNull(stage, "stage is null");
            requireNonNull(peaks, "peaks is null");
        }
    }

    /** Executor metric peaks from a heartbeat; event logs carry it for the driver only. */
    record ExecutorMetricsUpdate(String executorId, ExecutorMetrics peaks) implements SparkEvent {
        public ExecutorMetricsUpdate {
            requireNonNull(executorId, "executorId is null");
            requireNonNull(peaks, "peaks is null");
        }
    }

    record SqlExecutionStart(long executionId, OptionalLong rootExecutionId, String description, String details,
            String physicalPlanDescription, Optional<PlanNode> plan, long time, Map<String, String> modifiedConfigs)
            implements SparkEvent {
        public SqlExecutionStart {
            requireNonNull(rootExecutionId, "rootExecutionId is null");
            requireNonNull(description, "description is null");
            requireNonNull(details, "details is null");
            requireNonNull(physicalPlanDescription, "physicalPlanDescription is null");
            requireNonNull(plan, "plan is null");
            modifiedConfigs = Map.copyOf(modifiedConfigs);
        }
    }

    /** A SQL execution's end; {@code errorMessage} is empty on success. */
    record SqlExecutionEnd(long executionId, long time, Optional<String> errorMessage) implements SparkEvent {
        public SqlExecutionEnd {
            requireNonNull(errorMessage, "errorMessage is null");
        }
    }

    /** An adaptive re-plan; the last one per execution is the final plan. */
    record SqlAdaptiveExecutionUpdate(long executionId, String physicalPlanDescription, Optional<PlanNode> plan)
            implements SparkEvent {
        public SqlAdaptiveExecutionUpdate {
            requireNonNull(physicalPlanDescription, "physicalPlanDescription is null");
            requireNonNull(plan, "plan is null");
        }
    }
}
