package dev.sparkdoc.samples.jobs;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A finished reference job run.
 *
 * @param eventLog the event log file or rolling directory Spark wrote
 * @param actionMillis wall time of the job's work, from the first Spark action to its result (no JVM or Spark start)
 * @param processMillis wall time of the whole forked JVM
 */
public record JobRun(JobRequest request, String applicationId, Path eventLog, ResultDigest digest, long actionMillis,
        long processMillis) {

    public JobRun {
        requireNonNull(request, "request is null");
        requireNonNull(applicationId, "applicationId is null");
        requireNonNull(eventLog, "eventLog is null");
        requireNonNull(digest, "digest is null");
    }
}
