package dev.sparkdoc.diagnosis;

import dev.sparkdoc.diagnosis.analyzer.AqeDisabledAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.BroadcastJoinOpportunityAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.DataSkewAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.DriverOomRiskAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.DynamicAllocationAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.ExecutorCoresAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.FetchFailureAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.GcPressureAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.IdleExecutorsAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.JavaSerializerAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.ShuffleSpillAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.TaskFailuresAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.TinyTasksAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.TooFewShufflePartitionsAnalyzer;
import java.util.Comparator;
import java.util.List;

/** Every analyzer, in one explicit list sorted by rule id. A test proves each catalog rule has one. */
public final class AnalyzerRegistry {

    private static final List<Analyzer> ANALYZERS = List.<Analyzer>of(
                    new AqeDisabledAnalyzer(),
                    new BroadcastJoinOpportunityAnalyzer(),
                    new DataSkewAnalyzer(),
                    new DriverOomRiskAnalyzer(),
                    new DynamicAllocationAnalyzer(),
                    new ExecutorCoresAnalyzer(),
                    new FetchFailureAnalyzer(),
                    new GcPressureAnalyzer(),
                    new IdleExecutorsAnalyzer(),
                    new JavaSerializerAnalyzer(),
                    new ShuffleSpillAnalyzer(),
                    new TaskFailuresAnalyzer(),
                    new TinyTasksAnalyzer(),
                    new TooFewShufflePartitionsAnalyzer())
            .stream()
            .sorted(Comparator.comparing(Analyzer::ruleId))
            .toList();

    private AnalyzerRegistry() {
    }

    public static List<Analyzer> analyzers() {
        return ANALYZERS;
    }
}
