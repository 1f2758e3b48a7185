package dev.sparkdoc.diagnosis;

import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ImpactTest {

    /** Stage 0 from 0 to 10 s, stage 1 from 4 to 6 s, stage 2 from 20 to 25 s; the application ends at 30 s. */
    private static ApplicationSnapshot overlapping() {
        return new SnapshotBuilder().executors(1, 4).end(30_000)
                .stage(0, stage -> stage.at(0).durations(10_000))
                .stage(1, stage -> stage.at(4_000).durations(2_000))
                .stage(2, stage -> stage.at(20_000).durations(5_000))
                .build();
    }

    @Test
    void aStagesTimeAloneExcludesEveryOverlap() {
        ApplicationSnapshot app = overlapping();
        Impact impact = Impact.of(app);
        assertEquals(30_000, impact.appWallMillis());
        assertEquals(8_000, impact.exclusiveMillis(app.stages().get(0)));
        assertEquals(0, impact.exclusiveMillis(app.stages().get(1)));
        assertEquals(5_000, impact.exclusiveMillis(app.stages().get(2)));
        assertEquals(8_000, impact.saved(app.stages().get(0), 9_000));
        assertEquals(2_500, impact.savedFromShare(app.stages().get(2), 0.5));
        assertEquals(5_000, impact.savedFromShare(app.stages().get(2), 3.26));
    }

    @Test
    void severityFollowsTheShareOfTheApplicationsWallTime() {
        Impact impact = Impact.of(overlapping());
        // 30 s: 2% is 600 ms, below the 1 s floor; 10% is 3 s.
        assertEquals(Severity.INFO, impact.cap(Severity.CRITICAL, 999));
        assertEquals(Severity.WARNING, impact.cap(Severity.CRITICAL, 1_000));
        assertEquals(Severity.WARNING, impact.cap(Severity.CRITICAL, 2_999));
        assertEquals(Severity.CRITICAL, impact.cap(Severity.CRITICAL, 3_000));
        assertEquals(Severity.WARNING, impact.cap(Severity.WARNING, 30_000));
    }

    @Test
    void findingsOnOneStageShareItsTimeAloneAndAllShareTheApplications() {
        ApplicationSnapshot app = overlapping();
        Scope stage0 = new Scope.Stage(app.stages().get(0).id());
        List<Finding> bounded = Diagnoser.withinWallTime(app, List.of(
                finding("data-skew", stage0, 6_000), finding("gc-pressure", stage0, 6_000),
                finding("fetch-failure", new Scope.Application(), 40_000)));
        assertEquals(List.of(6_000L, 2_000L, 22_000L),
                bounded.stream().map(f -> f.timeLostMillis().getAsLong()).toList());
    }

    private static Finding finding(String rule, Scope scope, long lost) {
        return new Finding(rule, rule, Severity.WARNING, scope, "s", List.of(), List.of(), "e", List.of(),
                OptionalLong.of(lost));
    }

    /** The stage-level rules whose code advice must carry every setting its reason names. */
    private static final java.util.Set<String> STAGE_RULES = java.util.Set.of("data-skew", "gc-pressure",
            "tiny-tasks", "shuffle-spill", "aqe-disabled");
    private static final java.util.regex.Pattern SETTING = java.util.regex.Pattern.compile("spark\\.[a-zA-Z.]+[a-zA-Z]");

    /** A code change whose words name a setting comes with a change of that setting in the same finding. */
    private static void configsNamedAreInTheSet(Finding finding) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Recommendation recommendation : finding.recommendations()) {
            if (recommendation instanceof Recommendation.ConfigChange change) {
                keys.add(change.key());
            }
        }
        for (Recommendation recommendation : finding.recommendations()) {
            if (recommendation instanceof Recommendation.CodeChange change) {
                java.util.regex.Matcher named = SETTING.matcher(change.summary() + " " + change.why());
                while (named.find()) {
                    assertTrue(keys.contains(named.group()), finding.summary() + ": " + change.summary() + " / "
                            + change.why() + " names " + named.group() + ", not in " + keys);
                }
            }
        }
    }

    /** Every real log in the test resources: the time lost of one application's findings within its wall time. */
    @TestFactory
    Stream<DynamicTest> timeLostNeverExceedsTheApplicationsWallTime() throws Exception {
        Path logs = Path.of("src", "test", "resources", "eventlogs");
        List<Path> candidates;
        try (Stream<Path> walk = Files.walk(logs)) {
            candidates = walk.filter(path -> !path.getFileName().toString().endsWith(".md"))
                    .filter(path -> !path.getFileName().toString().startsWith("appstatus"))
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .filter(path -> Files.isRegularFile(path) && !path.getParent().getFileName().toString()
                            .startsWith("eventlog_v2") && !path.getParent().getFileName().toString()
                            .startsWith("db_sim")
                            || Files.isDirectory(path) && (path.getFileName().toString().startsWith("eventlog_v2")
                                    || path.getFileName().toString().startsWith("db_sim")))
                    .sorted().toList();
        }
        assertTrue(candidates.size() >= 20, candidates.toString());
        return candidates.stream().map(log -> DynamicTest.dynamicTest(logs.relativize(log).toString(), () -> {
            ApplicationSnapshot app = dev.sparkdoc.analysis.EventLogAnalysis.analyze(
                    dev.sparkdoc.eventlog.EventLogLocator.locate(log.toString()).get(0)).application();
            Diagnosis diagnosis = Diagnoser.diagnose(app, RuleSettings.defaults());
            long sum = diagnosis.findings().stream().mapToLong(f -> f.timeLostMillis().orElse(0)).sum();
            long wall = Impact.of(app).appWallMillis();
            assertTrue(sum <= wall, log + ": findings lose " + sum + " ms of a " + wall + " ms application");
            for (Finding finding : diagnosis.findings()) {
                if (STAGE_RULES.contains(finding.ruleId())) {
                    configsNamedAreInTheSet(finding);
                }
                if (finding.scope() instanceof Scope.Stage stage && finding.timeLostMillis().isPresent()) {
                    long stageWall = app.stage(stage.stage()).orElseThrow().durationMillis().orElse(0);
                    assertTrue(finding.timeLostMillis().getAsLong() <= stageWall, finding.summary());
                }
            }
        }));
    }
}
