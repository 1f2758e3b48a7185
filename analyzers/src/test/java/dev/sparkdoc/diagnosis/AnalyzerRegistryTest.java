package dev.sparkdoc.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.rules.Rule;
import dev.sparkdoc.rules.RuleCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule of the catalog has exactly one analyzer, a documentation page and a test class; and back. */
class AnalyzerRegistryTest {

    @Test
    void catalogAndAnalyzersMatchOneToOne() {
        List<String> catalog = RuleCatalog.builtIn().rules().stream().map(Rule::id).toList();
        List<String> analyzers = AnalyzerRegistry.analyzers().stream().map(Analyzer::ruleId).toList();
        assertEquals(catalog, analyzers, "the registry must list one analyzer per catalog rule, sorted by id");
    }

    @Test
    void everyRuleHasADocsPageAndEveryAnalyzerATestClass() {
        List<String> missing = new ArrayList<>();
        for (Analyzer analyzer : AnalyzerRegistry.analyzers()) {
            Rule rule = RuleCatalog.builtIn().require(analyzer.ruleId());
            if (!Files.exists(Path.of("..").resolve(rule.docsPath()))) {
                missing.add(rule.docsPath());
            }
            String testClass = analyzer.getClass().getName() + "Test";
            try {
                Class.forName(testClass);
            } catch (ClassNotFoundException e) {
                missing.add(testClass);
            }
        }
        assertEquals(List.of(), missing);
    }

    /** Reading a threshold the catalog lacks throws; an empty application still reaches every analyzer's reads. */
    @Test
    void everyAnalyzerRunsOnAnEmptyApplicationAndSaysWhyItCannotJudge() {
        dev.sparkdoc.snapshot.ApplicationSnapshot empty = new dev.sparkdoc.fold.ApplicationFolder().snapshot();
        for (Analyzer analyzer : AnalyzerRegistry.analyzers()) {
            RuleOutcome outcome = analyzer.analyze(empty, dev.sparkdoc.rules.RuleSettings.defaults());
            assertEquals(List.of(), outcome.findings(), analyzer.ruleId());
            outcome.notApplicable().ifPresent(reason -> assertTrue(reason.length() > 10, analyzer.ruleId()));
        }
    }
}
