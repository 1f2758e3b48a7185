package dev.sparkdoc.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.report.AdviceFormat;
import dev.sparkdoc.rules.RuleSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A log's findings and advice as reviewable text, compared with a committed golden file. Run the tests with
 * {@code -Dsparkdoc.updateGolden=true} to rewrite the golden files, then review them with git diff.
 */
public final class GoldenFindings {

    private static final boolean UPDATE = Boolean.getBoolean("sparkdoc.updateGolden");

    private GoldenFindings() {
    }

    /**
     * One line per finding (severity, rule, scope, summary), one per group of several findings of one rule (as the
     * reports show them), then the merged configuration advice.
     */
    public static String digest(Diagnosis diagnosis) {
        StringBuilder text = new StringBuilder();
        for (Finding finding : diagnosis.findings()) {
            text.append(finding.severity().label()).append(' ').append(finding.ruleId()).append(" [")
                    .append(finding.scope().label()).append("] ").append(finding.summary()).append('\n');
        }
        for (FindingGroup group : diagnosis.findingGroups()) {
            if (group.size() > 1) {
                text.append("group ").append(group.severity().label()).append(' ').append(group.ruleId())
                        .append(" [").append(group.scopeLabel()).append("] ").append(group.size())
                        .append(" findings, time lost ").append(group.timeLostMillis().isPresent()
                                ? group.timeLostMillis().getAsLong() + " ms" : "unknown").append('\n');
            }
        }
        for (RuleOutcome outcome : diagnosis.outcomes()) {
            outcome.notApplicable().ifPresent(reason -> text.append("not applicable ").append(outcome.ruleId())
                    .append(": ").append(reason).append('\n'));
        }
        for (String argument : AdviceFormat.confArguments(diagnosis.advice())) {
            text.append("advice ").append(argument).append('\n');
        }
        for (Recommendation.CodeChange change : diagnosis.advice().codeChanges()) {
            text.append("advice [").append(change.kind()).append("] ").append(change.summary()).append('\n');
        }
        return text.toString();
    }

    public static Diagnosis diagnose(Path log) throws Exception {
        AnalyzedLog analyzed = EventLogAnalysis.analyze(EventLogLocator.locate(log.toString()).get(0));
        return Diagnoser.diagnose(analyzed.application(), RuleSettings.defaults());
    }

    /** Compares {@code actual} with the golden file, or rewrites it when updating. */
    public static void assertMatches(Path golden, String actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
            return;
        }
        if (!Files.exists(golden)) {
            throw new AssertionError(golden + " does not exist; run with -Dsparkdoc.updateGolden=true and review it");
        }
        assertEquals(Files.readString(golden), actual, "findings differ from " + golden
                + "; if the change is intended, rerun with -Dsparkdoc.updateGolden=true and review the diff");
    }
}
