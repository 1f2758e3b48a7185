package dev.sparkdoc.samples.salting;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.analyzer.DataSkewAnalyzer;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.samples.jobs.JobLauncher;
import dev.sparkdoc.samples.jobs.JobRequest;
import dev.sparkdoc.samples.jobs.JobRun;
import dev.sparkdoc.samples.jobs.SkewedJob;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs a skewed reference job plain and salted, and measures both: what {@code sparkdoc salt} reports. Without a
 * bucket count, the plain run's data-skew finding decides key and buckets, so the rewrite is the advice.
 */
public final class SaltExperiment {

    private SaltExperiment() {
    }

    /** One run's numbers, on its skewed stage (before: the finding's stage; after: the stage reading the most). */
    public record RunSummary(Path eventLog, String stage, long durationMaxMillis, long durationMedianMillis,
            long shuffleReadMaxBytes, long shuffleReadMedianBytes, long wallMillis, List<Finding> dataSkewFindings) {

        public RunSummary {
            requireNonNull(eventLog, "eventLog is null");
            requireNonNull(stage, "stage is null");
            dataSkewFindings = List.copyOf(dataSkewFindings);
        }

        public double durationRatio() {
            return (double) durationMaxMillis / Math.max(1, durationMedianMillis);
        }

        public double shuffleReadRatio() {
            return (double) shuffleReadMaxBytes / Math.max(1, shuffleReadMedianBytes);
        }

        public Optional<Severity> worstSeverity() {
            return dataSkewFindings.stream().map(Finding::severity).max(Comparator.naturalOrder());
        }
    }

    /**
     * @param advice what the plain run's data-skew finding advised; empty when it found no skew
     * @param bucketsFromAdvice true when the bucket count came from the advice, false when given
     */
    public record Report(String job, String key, int buckets, boolean bucketsFromAdvice, Optional<SaltPlan> advice,
            boolean identicalResults, long resultRows, RunSummary before, RunSummary after) {

        public Report {
            requireNonNull(job, "job is null");
            requireNonNull(key, "key is null");
            requireNonNull(advice, "advice is null");
            requireNonNull(before, "before is null");
            requireNonNull(after, "after is null");
        }

        public boolean dataSkewGone() {
            return !before.dataSkewFindings().isEmpty() && after.dataSkewFindings().isEmpty();
        }
    }

    /**
     * @param buckets the bucket count; empty to take the advice's
     * @throws IllegalStateException when no bucket count was given and the plain run shows no data skew to advise on
     */
    public static Report run(SkewedJob job, Path eventLogDir, OptionalInt buckets)
            throws IOException, InterruptedException, EventLogException {
        JobRequest plainRequest = JobRequest.plain(job.name(), eventLogDir);
        JobRun plain = JobLauncher.run(plainRequest);
        ApplicationSnapshot plainApp = analyze(plain.eventLog());
        List<Finding> plainFindings = dataSkew(plainApp);
        Optional<SaltPlan> advice = plainFindings.stream()
                .filter(finding -> finding.severity().compareTo(Severity.WARNING) >= 0)
                .map(finding -> SaltPlan.fromFinding(plainApp, finding))
                .flatMap(Optional::stream)
                .findFirst();
        if (buckets.isEmpty() && advice.isEmpty()) {
            throw new IllegalStateException("the plain run of " + job.name() + " (" + plain.eventLog()
                    + ") has no data-skew finding to take key and buckets from; pass --buckets N");
        }
        String key = advice.map(SaltPlan::key).orElse(job.skewKey());
        int count = buckets.isPresent() ? buckets.getAsInt() : advice.get().buckets();
        JobRun salted = JobLauncher.run(plainRequest.salted(key, count));
        ApplicationSnapshot saltedApp = analyze(salted.eventLog());

        StageAttempt beforeStage = advice.map(SaltPlan::stage).orElseGet(() -> busiestStage(plainApp));
        RunSummary before = summary(plain, beforeStage, plainFindings);
        RunSummary after = summary(salted, busiestStage(saltedApp), dataSkew(saltedApp));
        return new Report(job.name(), key, count, buckets.isEmpty(), advice, plain.digest().equals(salted.digest()),
                plain.digest().rows(), before, after);
    }

    static ApplicationSnapshot analyze(Path log) throws EventLogException {
        List<EventLogSource> sources = EventLogLocator.locate(log.toString());
        AnalyzedLog analyzed = EventLogAnalysis.analyze(sources.get(0));
        return analyzed.application();
    }

    static List<Finding> dataSkew(ApplicationSnapshot app) {
        RuleOutcome outcome = new DataSkewAnalyzer().analyze(app, RuleSettings.defaults());
        return outcome.findings();
    }

    /** The stage attempt that read the most shuffle data: where the hot key's rows go. */
    static StageAttempt busiestStage(ApplicationSnapshot app) {
        return app.stages().stream()
                .filter(stage -> stage.status() == StageStatus.COMPLETE)
                .max(Comparator.comparingLong((StageAttempt stage) -> stage.total(TaskMetric.SHUFFLE_READ_BYTES))
                        .thenComparingLong(stage -> stage.total(TaskMetric.EXECUTOR_RUN_TIME)))
                .orElseThrow(() -> new IllegalStateException("the application ran no stage"));
    }

    private static RunSummary summary(JobRun run, StageAttempt stage, List<Finding> findings) {
        Distribution duration = stage.distribution(TaskMetric.DURATION);
        Distribution read = stage.distribution(TaskMetric.SHUFFLE_READ_BYTES);
        return new RunSummary(run.eventLog(), "stage " + stage.id() + " (" + stage.name() + ")", duration.max(),
                duration.median(), read.max(), read.median(), run.actionMillis(), findings);
    }
}
