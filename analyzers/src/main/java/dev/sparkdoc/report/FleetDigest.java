package dev.sparkdoc.report;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a fleet's digest shows, computed by {@code sparkdoc fleet} from its output tables (the latest result of each
 * log): the rules that fire most and lose most, the worst applications, the config changes most often advised, the
 * applications slower than their own history, and the logs that could not be analyzed. Plain data; rendered by
 * {@link FleetDigestReport}.
 *
 * @param applications applications analyzed (one per log read without error)
 * @param errors logs that could not be analyzed
 * @param regressionFactor the duration / baseline ratio above which a run counts as regressed
 * @param regressionMinMillis runs shorter than this are not judged
 */
public record FleetDigest(long applications, long errors, long timeLostMillis, List<RuleRow> rulesByCount,
        List<RuleRow> rulesByTimeLost, List<ApplicationRow> worstApplications, List<ChangeRow> configChanges,
        List<Regression> regressions, List<ErrorRow> errorsByCause, double regressionFactor,
        long regressionMinMillis) {

    public FleetDigest {
        rulesByCount = List.copyOf(rulesByCount);
        rulesByTimeLost = List.copyOf(rulesByTimeLost);
        worstApplications = List.copyOf(worstApplications);
        configChanges = List.copyOf(configChanges);
        regressions = List.copyOf(regressions);
        errorsByCause = List.copyOf(errorsByCause);
    }

    /** One rule over the fleet: its findings, the applications it fired on, and their time lost added up. */
    public record RuleRow(String rule, long findings, long applications, long timeLostMillis) {
        public RuleRow {
            requireNonNull(rule, "rule is null");
        }
    }

    /** One application: the worst ones are those with the most time lost, then the most severe. */
    public record ApplicationRow(String name, Optional<String> appId, Optional<String> attemptId,
            OptionalLong durationMillis, Optional<String> worstSeverity, long timeLostMillis, long findings,
            Optional<String> topRule, String logPath) {
        public ApplicationRow {
            requireNonNull(name, "name is null");
            requireNonNull(logPath, "logPath is null");
        }
    }

    /**
     * One config change ({@code key=proposed}) the advisor made for several applications, and the time lost by the
     * findings behind it in those applications.
     */
    public record ChangeRow(String key, String proposed, long applications, long timeLostMillis, List<String> rules) {
        public ChangeRow {
            requireNonNull(key, "key is null");
            requireNonNull(proposed, "proposed is null");
            rules = List.copyOf(rules);
        }
    }

    /** A run slower than the median of the earlier runs of the same application name. */
    public record Regression(String name, Optional<String> appId, long durationMillis, long baselineMillis,
            long earlierRuns, String logPath) {
        public Regression {
            requireNonNull(name, "name is null");
            requireNonNull(logPath, "logPath is null");
        }

        public double factor() {
            return baselineMillis == 0 ? Double.POSITIVE_INFINITY : (double) durationMillis / baselineMillis;
        }
    }

    /** The logs that failed for one cause, with one of them as an example. */
    public record ErrorRow(String cause, long logs, String exampleLog, String exampleError) {
        public ErrorRow {
            requireNonNull(cause, "cause is null");
            requireNonNull(exampleLog, "exampleLog is null");
            requireNonNull(exampleError, "exampleError is null");
        }
    }
}
