package dev.sparkdoc.diagnosis;

import dev.sparkdoc.diagnosis.analyzer.DataSkewAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.DriverOomRiskAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.GcPressureAnalyzer;
import dev.sparkdoc.diagnosis.analyzer.ShuffleSpillAnalyzer;
import java.util.Comparator;
import java.util.List;

/** Every analyzer, in one explicit list sorted by rule id. A test proves each catalog rule has one. */
public final class AnalyzerRegistry {

    private static final List<Analyzer> ANALYZERS = List.<Analyzer>of(
                    new DataSkewAnalyzer(),
                    new DriverOomRiskAnalyzer(),
                    new GcPressureAnalyzer(),
                    new ShuffleSpillAnalyzer())
            .stream()
            .sorted(Comparator.comparing(Analyzer::ruleId))
            .toList();

    private AnalyzerRegistry() {
    }

    public static List<Analyzer> analyzers() {
        return ANALYZERS;
    }
}
