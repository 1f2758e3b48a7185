package dev.sparkdoc.snapshot;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.event.ExecutorMetrics;
import dev.sparkdoc.event.StageAttemptId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything sparkdoc knows about one application attempt, immutable: what every analyzer sees. Properties are
 * redacted the way Spark redacts them.
 *
 * @param stages every stage attempt, ordered by stage id then attempt; skipped stages included
 * @param resourceProfiles executor resources by profile id (memory and overhead in MiB, cores, ...)
 * @param sparkProperties sorted by key; likewise the system and Hadoop properties
 * @param driverPeakMetrics the driver's executor-metric peaks, when the log has them
 * @param stageOrigins whose work each stage attempt is ({@link StageOrigin}), derived from the jobs, call sites and
 *     SQL executions when the snapshot is built
 */
public record ApplicationSnapshot(
        ApplicationInfo application,
        Map<String, String> sparkProperties,
        Map<String, String> systemProperties,
        Map<String, String> hadoopProperties,
        Map<Integer, Map<String, Long>> resourceProfiles,
        List<ExecutorSummary> executors,
        List<Job> jobs,
        List<StageAttempt> stages,
        List<SqlExecution> sqlExecutions,
        List<FetchFailure> fetchFailures,
        long fetchFailureCount,
        ExecutorMetrics driverPeakMetrics,
        Map<StageAttemptId, StageOrigin> stageOrigins) {

    /** A snapshot whose stage origins are derived from its jobs and stages. */
    public ApplicationSnapshot(ApplicationInfo application, Map<String, String> sparkProperties,
            Map<String, String> systemProperties, Map<String, String> hadoopProperties,
            Map<Integer, Map<String, Long>> resourceProfiles, List<ExecutorSummary> executors, List<Job> jobs,
            List<StageAttempt> stages, List<SqlExecution> sqlExecutions, List<FetchFailure> fetchFailures,
            long fetchFailureCount, ExecutorMetrics driverPeakMetrics) {
        this(application, sparkProperties, systemProperties, hadoopProperties, resourceProfiles, executors, jobs,
                stages, sqlExecutions, fetchFailures, fetchFailureCount, driverPeakMetrics, origins(jobs, stages));
    }

    public ApplicationSnapshot {
        requireNonNull(application, "application is null");
        sparkProperties = unmodifiableSorted(sparkProperties);
        systemProperties = unmodifiableSorted(systemProperties);
        hadoopProperties = unmodifiableSorted(hadoopProperties);
        resourceProfiles = Map.copyOf(resourceProfiles);
        executors = List.copyOf(executors);
        jobs = List.copyOf(jobs);
        stages = List.copyOf(stages);
        sqlExecutions = List.copyOf(sqlExecutions);
        fetchFailures = List.copyOf(fetchFailures);
        requireNonNull(driverPeakMetrics, "driverPeakMetrics is null");
        stageOrigins = Map.copyOf(stageOrigins);
    }

    private static Map<StageAttemptId, StageOrigin> origins(List<Job> jobs, List<StageAttempt> stages) {
        Map<Integer, Optional<String>> descriptions = new java.util.HashMap<>();
        for (Job job : jobs) {
            descriptions.put(job.id(), job.description());
        }
        Map<StageAttemptId, StageOrigin> origins = new java.util.HashMap<>();
        for (StageAttempt stage : stages) {
            List<Optional<String>> jobDescriptions = new java.util.ArrayList<>();
            for (int jobId : stage.jobIds()) {
                jobDescriptions.add(descriptions.getOrDefault(jobId, Optional.empty()));
            }
            origins.put(stage.id(), StageOrigin.classify(stage.name(), stage.sqlExecutionId().isPresent(),
                    StageOrigin.bytesMoved(stage), jobDescriptions));
        }
        return origins;
    }

    /** Whose work the stage attempt is; unknown for an attempt this snapshot does not hold. */
    public StageOrigin origin(StageAttempt stage) {
        StageOrigin origin = stageOrigins.get(stage.id());
        return origin != null ? origin : new StageOrigin(StageOrigin.Kind.UNKNOWN, "not in the snapshot");
    }

    private static SortedMap<String, String> unmodifiableSorted(Map<String, String> values) {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public Optional<String> sparkProperty(String key) {
        return Optional.ofNullable(sparkProperties.get(key));
    }

    public Optional<StageAttempt> stage(StageAttemptId id) {
        return stages.stream().filter(stage -> stage.id().equals(id)).findFirst();
    }
}
