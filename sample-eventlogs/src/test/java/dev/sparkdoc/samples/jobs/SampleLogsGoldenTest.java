package dev.sparkdoc.samples.jobs;

import dev.sparkdoc.diagnosis.GoldenFindings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each committed sample log's full findings and advice against logs/expected/LOG.findings.txt: any change in what
 * sparkdoc says about a reference job shows as a diff. Rewrite with -Dsparkdoc.updateGolden=true, then review.
 */
class SampleLogsGoldenTest {

    @TestFactory
    List<DynamicTest> findingsMatchTheCommittedExpectations() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String log : SampleLogsTest.intendedRules().keySet()) {
            tests.add(DynamicTest.dynamicTest(log, () -> GoldenFindings.assertMatches(
                    SampleLogsTest.LOGS.resolve("expected").resolve(log + ".findings.txt"),
                    GoldenFindings.digest(GoldenFindings.diagnose(SampleLogsTest.LOGS.resolve(log))))));
        }
        return tests;
    }

    static Path expected(String log) {
        return SampleLogsTest.LOGS.resolve("expected").resolve(log + ".findings.txt");
    }
}
