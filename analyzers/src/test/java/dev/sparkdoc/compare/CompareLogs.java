package dev.sparkdoc.compare;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.rules.RuleSettings;
import java.nio.file.Path;

/** The committed runs compare is tested on (sample-eventlogs/compare-logs/README.md says how each was made). */
public final class CompareLogs {

    public static final Path SAMPLE_LOGS = Path.of("..", "sample-eventlogs", "logs").toAbsolutePath().normalize();
    public static final Path COMPARE_LOGS = Path.of("..", "sample-eventlogs", "compare-logs").toAbsolutePath()
            .normalize();
    /** skewed-aggregation plain, then salted as the data-skew finding advises: one 'sparkdoc salt' run. */
    public static final Path AGGREGATION_PLAIN = COMPARE_LOGS.resolve("skewed-aggregation-plain.zstd");
    public static final Path AGGREGATION_SALTED = COMPARE_LOGS.resolve("skewed-aggregation-salted.zstd");
    /** skewed-join plain, then salted as advised: one 'sparkdoc salt' run. */
    public static final Path JOIN_PLAIN = COMPARE_LOGS.resolve("skewed-join-plain.zstd");
    public static final Path JOIN_SALTED = COMPARE_LOGS.resolve("skewed-join-salted.zstd");
    /** skewed-aggregation plain, then the same job with zstd level-19 shuffle compression, back to back. */
    public static final Path AGGREGATION_BASELINE = COMPARE_LOGS.resolve("skewed-aggregation-baseline.zstd");
    public static final Path AGGREGATION_SLOW = COMPARE_LOGS.resolve("skewed-aggregation-zstd19-shuffle.zstd");

    private CompareLogs() {
    }

    public static DiagnosedLog diagnose(Path log) throws EventLogException {
        AnalyzedLog analyzed = EventLogAnalysis.analyze(EventLogLocator.locate(log.toString()).get(0));
        return new DiagnosedLog(analyzed, Diagnoser.diagnose(analyzed.application(), RuleSettings.defaults()));
    }

    public static Comparison compare(Path baseline, Path candidate) throws EventLogException {
        return Comparer.compare(diagnose(baseline), diagnose(candidate), ChangeThreshold.DEFAULT);
    }
}
