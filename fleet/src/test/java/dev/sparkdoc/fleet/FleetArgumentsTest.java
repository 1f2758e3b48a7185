package dev.sparkdoc.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FleetArgumentsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    private static FleetOptions parse(String... args) {
        FleetArguments arguments = new FleetArguments();
        new CommandLine(arguments).parseArgs(args);
        return arguments.options(NOW);
    }

    @Test
    void datesAreUtcAndABareUntilDateIncludesItsDay() {
        FleetOptions options = parse("logs", "--since", "2026-12-01", "--until", "2026-12-02");
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), options.since().orElseThrow());
        assertEquals(Instant.parse("2026-12-03T00:00:00Z"), options.until().orElseThrow());
        assertEquals(Instant.parse("2026-12-01T07:00:00Z"),
                parse("logs", "--since", "2026-12-01T08:00+01:00").since().orElseThrow());
        assertEquals(Instant.parse("2026-12-01T08:00:00Z"),
                parse("logs", "--since", "2026-12-01T08:00").since().orElseThrow());
        assertEquals(Instant.parse("2026-11-27T12:00:00Z"), parse("logs", "--since", "7d").since().orElseThrow());
        assertEquals(Instant.parse("2026-12-04T00:00:00Z"), parse("logs", "--since", "12h").since().orElseThrow());
        assertEquals("sparkdoc-fleet", parse("logs").out());
    }

    @Test
    void badInputIsOneLine() {
        assertEquals("--until soon: not a date; give 2026-12-01, 2026-12-01T08:00, 2026-12-01T08:00+01:00 or a"
                + " time ago such as 12h or 7d",
                assertThrows(FleetException.class, () -> parse("logs", "--until", "soon")).getMessage());
        assertEquals("--since 2026-12-02 is not before --until 2026-12-01T00:00; no log could be selected, swap them"
                + " or widen the range", assertThrows(FleetException.class,
                        () -> parse("logs", "--since", "2026-12-02", "--until", "2026-12-01T00:00")).getMessage());
        assertEquals("--stage-task-rows must be at least 256, not 10", assertThrows(FleetException.class,
                () -> parse("logs", "--stage-task-rows", "10")).getMessage());
    }

    @Test
    void theRulesFileIsCheckedOnTheDriverAndShippedAsText(@TempDir Path temp) throws Exception {
        Path rules = temp.resolve("rules.yaml");
        Files.writeString(rules, "rules:\n  data-skew:\n    enabled: false\n");
        FleetOptions options = parse("logs", "--rules", rules.toString());
        assertEquals("rules:\n  data-skew:\n    enabled: false\n", options.rulesYaml().orElseThrow());
        Files.writeString(rules, "rules:\n  no-such-rule:\n    enabled: false\n");
        FleetException bad = assertThrows(FleetException.class, () -> parse("logs", "--rules", rules.toString()));
        assertEquals(1, bad.getMessage().lines().count(), bad.getMessage());
    }
}
