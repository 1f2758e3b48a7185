package dev.sparkdoc.samples.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.AnalyzerRegistry;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.diagnosis.Diagnosis;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every committed sample log triggers the rules it was made to trigger (among the analyzers that exist; the others
 * are skipped, saying so), and nothing else at warning or above.
 */
class SampleLogsTest {

    static final Path LOGS = Path.of("logs").toAbsolutePath();

    static Map<String, List<String>> intendedRules() throws IOException {
        Map<String, List<String>> intended = new LinkedHashMap<>();
        for (String line : Files.readAllLines(LOGS.resolve("intended-rules.txt"), StandardCharsets.UTF_8)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            intended.put(parts[0], parts[1].equals("-") ? List.of() : Arrays.asList(parts[1].split(",")));
        }
        return intended;
    }

    @Test
    void everyJobHasAnIntendedRulesLineAndALog() throws IOException {
        Map<String, List<String>> intended = intendedRules();
        for (ReferenceJob job : ReferenceJobs.all()) {
            String log = SampleLogGenerator.logName(job.name());
            assertEquals(job.intendedRules(), intended.get(log), log);
            assertTrue(Files.exists(LOGS.resolve(log)), "missing sample log " + log
                    + "; run scripts/regenerate-sample-logs.sh " + job.name());
        }
    }

    @Test
    void sampleLogsAreSmall() throws IOException {
        try (Stream<Path> files = Files.walk(LOGS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertTrue(Files.size(file) < 1_500_000, file + " is " + Files.size(file) + " bytes");
            }
        }
    }

    @TestFactory
    List<DynamicTest> eachLogTriggersExactlyItsIntendedRules() throws IOException {
        Set<String> implemented = AnalyzerRegistry.analyzers().stream().map(Analyzer::ruleId)
                .collect(Collectors.toCollection(TreeSet::new));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : intendedRules().entrySet()) {
            tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> check(entry.getKey(), entry.getValue(),
                    implemented)));
        }
        return tests;
    }

    private static void check(String log, List<String> intended, Set<String> implemented) throws EventLogException {
        List<EventLogSource> sources = EventLogLocator.locate(LOGS.resolve(log).toString());
        assertEquals(1, sources.size(), log);
        AnalyzedLog analyzed = EventLogAnalysis.analyze(sources.get(0));
        assertTrue(analyzed.application().application().incompleteReasons().isEmpty(), log + " is incomplete");
        Diagnosis diagnosis = Diagnoser.diagnose(analyzed.application(), RuleSettings.defaults());
        Set<String> fired = diagnosis.findings().stream()
                .filter(finding -> finding.severity().compareTo(Severity.WARNING) >= 0)
                .map(Finding::ruleId)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String rule : intended) {
            if (!implemented.contains(rule)) {
                System.out.println("SampleLogsTest: " + log + ": skipped rule " + rule
                        + " (no analyzer for it in AnalyzerRegistry yet)");
                continue;
            }
            assertTrue(fired.contains(rule), log + " should trigger " + rule + " at warning or above; fired: "
                    + fired + "; findings: " + summaries(diagnosis));
        }
        Set<String> unintended = new TreeSet<>(fired);
        unintended.removeAll(intended);
        assertTrue(unintended.isEmpty(), log + " triggers rules it was not made for: " + unintended + "; findings: "
                + summaries(diagnosis));
    }

    private static String summaries(Diagnosis diagnosis) {
        return diagnosis.findings().stream().map(f -> f.severity() + " " + f.ruleId() + ": " + f.summary())
                .collect(Collectors.joining(" | "));
    }
}
