package dev.sparkdoc.compare;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.snapshot.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Two runs of one application side by side: the stages and jobs matched between them with their deltas and
 * verdicts, what appeared and disappeared, how the findings and the configuration changed. Built by
 * {@link Comparer}; rendered by the compare reports.
 *
 * @param wallTime the application's duration, judged by the same threshold as the stages
 * @param warnings what makes the comparison doubtful (different applications, incomplete logs), one line each
 */
public record Comparison(DiagnosedLog baseline, DiagnosedLog candidate, ChangeThreshold threshold,
        Verdict wallTime, List<StageComparison> stages, List<StageRun> appearedStages,
        List<StageRun> disappearedStages, List<JobComparison> jobs, List<Job> appearedJobs,
        List<Job> disappearedJobs, List<FindingChange> findings, List<ConfigDifference> config,
        List<String> ignoredConfigKeys, List<String> warnings) {

    public Comparison {
        requireNonNull(baseline, "baseline is null");
        requireNonNull(candidate, "candidate is null");
        requireNonNull(threshold, "threshold is null");
        requireNonNull(wallTime, "wallTime is null");
        stages = List.copyOf(stages);
        appearedStages = List.copyOf(appearedStages);
        disappearedStages = List.copyOf(disappearedStages);
        jobs = List.copyOf(jobs);
        appearedJobs = List.copyOf(appearedJobs);
        disappearedJobs = List.copyOf(disappearedJobs);
        findings = List.copyOf(findings);
        config = List.copyOf(config);
        ignoredConfigKeys = List.copyOf(ignoredConfigKeys);
        warnings = List.copyOf(warnings);
    }

    /** How a pair was made: the strict signature, or the loose one after the plan or DAG role changed. */
    public enum MatchKind {
        /** Same call site, SQL plan shape, depth in the DAG and role, at the same position among such stages. */
        EXACT("same call site, plan shape and DAG position"),
        /** Same call site, depth, role and task count at the same position; the SQL plan changed. */
        PLAN_CHANGED("same call site, DAG position and task count; the plan changed"),
        /** Same call site and depth in the DAG at the same position; the plan, role or task count changed. */
        LOOSE("same call site and DAG depth only; the plan, the stage's role or its task count changed");

        private final String description;

        MatchKind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A stage of the baseline and its counterpart in the candidate. */
    public record StageComparison(StageRun baseline, StageRun candidate, MatchKind match, Verdict verdict) {
        public StageComparison {
            requireNonNull(baseline, "baseline is null");
            requireNonNull(candidate, "candidate is null");
            requireNonNull(match, "match is null");
            requireNonNull(verdict, "verdict is null");
        }
    }

    /** A job of the baseline and its counterpart in the candidate. */
    public record JobComparison(Job baseline, Job candidate, String callSite, MatchKind match, Verdict verdict) {
        public JobComparison {
            requireNonNull(baseline, "baseline is null");
            requireNonNull(candidate, "candidate is null");
            requireNonNull(callSite, "callSite is null");
            requireNonNull(match, "match is null");
            requireNonNull(verdict, "verdict is null");
        }
    }

    /** A finding that appeared, disappeared, or is in both runs (same rule, matched scope). */
    public record FindingChange(Change change, Optional<Finding> baseline, Optional<Finding> candidate) {
        public enum Change {
            APPEARED,
            DISAPPEARED,
            PERSISTED;

            public String label() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public FindingChange {
            requireNonNull(change, "change is null");
            requireNonNull(baseline, "baseline is null");
            requireNonNull(candidate, "candidate is null");
        }

        /** The finding as the newer run has it (the candidate's), else the baseline's. */
        public Finding finding() {
            return candidate.orElseGet(baseline::orElseThrow);
        }

        /** "stage 1.0" or, when the stage ids differ between the runs, "stage 1.0 → stage 2.0". */
        public String scope() {
            String before = baseline.map(finding -> finding.scope().label()).orElse("");
            String after = candidate.map(finding -> finding.scope().label()).orElse("");
            if (before.isEmpty() || after.isEmpty() || before.equals(after)) {
                return before.isEmpty() ? after : before;
            }
            return before + " \u2192 " + after;
        }
    }

    /** A Spark property that differs; empty where a run does not set it. Values are redacted as Spark redacts. */
    public record ConfigDifference(String key, Optional<String> baseline, Optional<String> candidate) {
        public ConfigDifference {
            requireNonNull(key, "key is null");
            requireNonNull(baseline, "baseline is null");
            requireNonNull(candidate, "candidate is null");
        }
    }

    /** Whether anything fails a CI gate: a stage regressed, or the application's wall time did. */
    public boolean regressed() {
        return wallTime == Verdict.REGRESSED || stages.stream().anyMatch(s -> s.verdict() == Verdict.REGRESSED);
    }

    /** One line per regression, for the message a gate prints. */
    public List<String> regressions() {
        List<String> lines = new ArrayList<>();
        if (wallTime == Verdict.REGRESSED) {
            lines.add("application wall time");
        }
        for (StageComparison stage : stages) {
            if (stage.verdict() == Verdict.REGRESSED) {
                lines.add("stage " + stage.baseline().stageId() + " \u2192 " + stage.candidate().stageId());
            }
        }
        return lines;
    }

    public OptionalLong baselineWallMillis() {
        return baseline.log().application().application().durationMillis();
    }

    public OptionalLong candidateWallMillis() {
        return candidate.log().application().application().durationMillis();
    }

    public long count(Verdict verdict) {
        return stages.stream().filter(stage -> stage.verdict() == verdict).count();
    }
}
