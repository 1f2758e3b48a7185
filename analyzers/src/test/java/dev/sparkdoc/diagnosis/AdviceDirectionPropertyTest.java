package dev.sparkdoc.diagnosis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Over every event log in the repository (the analyzers' test logs, the labelled corpus beside them, the reference
 * jobs' sample logs): every configuration change, in a finding and in the merged advice, moves its value the way
 * its intent says; the merged advice names each key once; and a cores reduction never raises memory per core beyond
 * the most any rule asked for. The checks compare values themselves (through {@link SettingValues}), not through
 * the filter under test.
 */
@Tag("slow")
class AdviceDirectionPropertyTest {

    private static final List<Path> ROOTS = List.of(Path.of("src", "test", "resources", "eventlogs"),
            Path.of("..", "sample-eventlogs", "logs"));

    @Test
    void noRecommendationMovesAgainstItsIntentOnAnyLog() throws IOException {
        List<Path> logs = logs();
        assertTrue(logs.size() >= 40, "expected the repository's logs, found " + logs.size() + ": " + logs);
        List<String> violations = new ArrayList<>();
        int analyzed = 0;
        int changes = 0;
        for (Path log : logs) {
            List<EventLogSource> sources;
            try {
                sources = EventLogLocator.locate(log.toString());
            } catch (EventLogException e) {
                continue;
            }
            for (EventLogSource source : sources) {
                ApplicationSnapshot app;
                try {
                    app = EventLogAnalysis.analyze(source).application();
                } catch (EventLogException e) {
                    continue;
                }
                analyzed++;
                Diagnosis diagnosis = Diagnoser.diagnose(app, RuleSettings.defaults());
                for (Finding finding : diagnosis.findings()) {
                    for (Recommendation recommendation : finding.recommendations()) {
                        if (recommendation instanceof Recommendation.ConfigChange change) {
                            changes++;
                            check(log + " [" + finding.ruleId() + "]", change, violations);
                        }
                    }
                }
                Set<String> keys = new HashSet<>();
                for (Advice.Setting setting : diagnosis.advice().settings()) {
                    changes++;
                    if (!keys.add(setting.key())) {
                        violations.add(log + ": advice proposes " + setting.key() + " twice");
                    }
                    check(log + " [advice " + setting.ruleIds() + "]", setting.asChange(), violations);
                }
                memoryPerCore(log, app, diagnosis, violations);
            }
        }
        assertTrue(analyzed >= 40, "analyzed only " + analyzed + " applications");
        assertTrue(changes > 20, "only " + changes + " configuration changes: the property would test little");
        assertTrue(violations.isEmpty(), violations.size() + " violations:\n" + String.join("\n", violations));
    }

    private static void check(String where, Recommendation.ConfigChange change, List<String> violations) {
        if (change.currentValue().isEmpty()) {
            return;
        }
        String current = change.currentValue().get();
        OptionalInt order = SettingValues.compare(change.key(), change.proposedValue(), current);
        boolean ok = switch (change.intent()) {
            case RAISE -> order.isPresent() && order.getAsInt() > 0;
            case LOWER -> order.isPresent() && order.getAsInt() < 0;
            case SET -> order.isPresent() ? order.getAsInt() != 0
                    : !change.proposedValue().trim().equalsIgnoreCase(current.trim());
        };
        if (!ok) {
            violations.add(where + ": " + change.intent().label() + " " + change.key() + " " + current + " -> "
                    + change.proposedValue());
        }
    }

    /** Fewer cores per executor must not give each core more memory than the current or any raised heap did. */
    private static void memoryPerCore(Path log, ApplicationSnapshot app, Diagnosis diagnosis,
            List<String> violations) {
        ExecutorResources resources = ExecutorResources.of(app);
        Advice.Setting cores = setting(diagnosis.advice(), Advisor.CORES);
        if (cores == null || resources.coresPerExecutor().isEmpty() || resources.executorMemoryBytes().isEmpty()) {
            return;
        }
        int currentCores = resources.coresPerExecutor().getAsInt();
        long proposedCores = Long.parseLong(cores.proposedValue());
        if (proposedCores >= currentCores) {
            return;
        }
        double asked = resources.executorMemoryBytes().getAsLong();
        for (Finding finding : diagnosis.findings()) {
            for (Recommendation recommendation : finding.recommendations()) {
                if (recommendation instanceof Recommendation.ConfigChange change
                        && change.key().equals(Advisor.MEMORY)) {
                    OptionalDouble bytes = SettingValues.magnitude(Advisor.MEMORY, change.proposedValue());
                    asked = Math.max(asked, bytes.orElse(0));
                }
            }
        }
        Advice.Setting memory = setting(diagnosis.advice(), Advisor.MEMORY);
        double finalMemory = memory == null ? resources.executorMemoryBytes().getAsLong()
                : SettingValues.magnitude(Advisor.MEMORY, memory.proposedValue()).orElse(0);
        double before = asked / currentCores;
        double after = finalMemory / proposedCores;
        if (after > before + (1 << 20)) {
            violations.add(log + ": cores " + currentCores + " -> " + proposedCores + " takes memory per core from "
                    + (long) before + " to " + (long) after + " bytes");
        }
    }

    private static Advice.Setting setting(Advice advice, String key) {
        return advice.settings().stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
    }

    /** Each log once: a rolling eventlog_v2_ directory as one log, other files as themselves. */
    static List<Path> logs() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> walk = Files.walk(root.toAbsolutePath().normalize())) {
                walk.filter(path -> isLog(path)).sorted().forEach(logs::add);
            }
        }
        return logs;
    }

    private static boolean isLog(Path path) {
        String name = path.getFileName().toString();
        boolean insideRolling = path.getParent() != null
                && path.getParent().getFileName().toString().startsWith("eventlog_v2_");
        if (Files.isDirectory(path)) {
            return name.startsWith("eventlog_v2_");
        }
        return !insideRolling && !name.endsWith(".md") && !name.endsWith(".txt") && !name.startsWith("appstatus")
                && !name.startsWith(".") && !path.toString().contains("/expected/");
    }
}
