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
        ExecutorMetrics driverPeakMetrics) {

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
