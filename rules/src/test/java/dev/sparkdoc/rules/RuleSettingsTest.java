package dev.sparkdoc.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSettingsTest {

    @Test
    void defaultsComeFromTheCatalog() {
        RuleSettings settings = RuleSettings.defaults();
        assertEquals(10, settings.threshold("data-skew", "critical-ratio"));
        assertEquals(64L << 20, settings.thresholdLong("data-skew", "min-max-bytes"));
        assertTrue(settings.isEnabled("executor-cores"));
        assertFalse(settings.isOverridden("data-skew", "critical-ratio"));
    }

    @Test
    void overridesWithUnitsAndDisabledRules(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("my-rules.yaml");
        Files.writeString(file, """
                rules:
                  data-skew:
                    thresholds:
                      critical-ratio: 20
                      min-max-bytes: 1g
                      min-max-task-duration: 30s
                      min-stage-share: 50%
                  executor-cores:
                    enabled: false
                """);
        RuleSettings settings = RuleSettings.load(file);
        assertEquals(20, settings.threshold("data-skew", "critical-ratio"));
        assertEquals(1L << 30, settings.thresholdLong("data-skew", "min-max-bytes"));
        assertEquals(30_000, settings.thresholdLong("data-skew", "min-max-task-duration"));
        assertEquals(0.5, settings.threshold("data-skew", "min-stage-share"));
        assertTrue(settings.isOverridden("data-skew", "critical-ratio"));
        assertEquals(5, settings.threshold("data-skew", "warning-ratio"));
        assertFalse(settings.isEnabled("executor-cores"));
    }

    @Test
    void unknownRuleIsNamedWithTheKnownOnes() {
        RuleSettingsException error = assertThrows(RuleSettingsException.class,
                () -> RuleSettings.parse("r.yaml", "rules:\n  data-skw:\n    enabled: false\n"));
        assertTrue(error.getMessage().startsWith("r.yaml: key 'rules.data-skw': no such rule"), error.getMessage());
        assertTrue(error.getMessage().contains("data-skew"), error.getMessage());
    }

    @Test
    void unknownThresholdIsNamedWithTheRulesThresholds() {
        RuleSettingsException error = assertThrows(RuleSettingsException.class, () -> RuleSettings.parse("r.yaml",
                "rules:\n  data-skew:\n    thresholds:\n      critical-ratoi: 3\n"));
        assertTrue(error.getMessage().contains("'rules.data-skew.thresholds.critical-ratoi': no such threshold"),
                error.getMessage());
        assertTrue(error.getMessage().contains("critical-ratio"), error.getMessage());
    }

    @Test
    void badValuesAndUnitsNameTheKey() {
        assertMessage("rules:\n  data-skew:\n    thresholds:\n      critical-ratio: lots\n",
                "'rules.data-skew.thresholds.critical-ratio': cannot read 'lots'");
        assertMessage("rules:\n  data-skew:\n    thresholds:\n      min-max-bytes: 5s\n",
                "'rules.data-skew.thresholds.min-max-bytes': unit 's' does not fit a bytes threshold");
        assertMessage("rules:\n  data-skew:\n    thresholds:\n      min-stage-share: 3\n",
                "'rules.data-skew.thresholds.min-stage-share' is a fraction between 0 and 1");
        assertMessage("rules:\n  data-skew:\n    enabled: maybe\n", "'rules.data-skew.enabled' must be true or false");
        assertMessage("rules:\n  data-skew:\n    treshold: {}\n", "'rules.data-skew.treshold' is not known here");
        assertMessage("rulez: {}\n", "key 'rulez' is not known here");
        assertMessage("rules: [1, 2\n", "not valid YAML");
    }

    @Test
    void missingFileSaysSo(@TempDir Path directory) {
        RuleSettingsException error = assertThrows(RuleSettingsException.class,
                () -> RuleSettings.load(directory.resolve("nope.yaml")));
        assertTrue(error.getMessage().contains("cannot read the rules file"), error.getMessage());
    }

    @Test
    void anEndlessOrHugeFileIsRefusedWithoutReadingItAll(@TempDir Path directory) throws Exception {
        RuleSettingsException zero = assertThrows(RuleSettingsException.class,
                () -> RuleSettings.load(Path.of("/dev/zero")));
        assertTrue(zero.getMessage().startsWith("/dev/zero: larger than 1 MiB"), zero.getMessage());
        Path big = directory.resolve("big.yaml");
        java.nio.file.Files.writeString(big, "# " + "x".repeat(RuleSettings.MAX_FILE_BYTES) + "\n");
        assertTrue(assertThrows(RuleSettingsException.class, () -> RuleSettings.load(big)).getMessage()
                .contains("larger than 1 MiB"));
        Path justFits = directory.resolve("fits.yaml");
        java.nio.file.Files.writeString(justFits, "#" + "x".repeat(RuleSettings.MAX_FILE_BYTES - 2) + "\n");
        assertTrue(RuleSettings.load(justFits).isEnabled("data-skew"));
    }

    @Test
    void aBinaryFileIsNotCalledBadYaml(@TempDir Path directory) throws Exception {
        Path nul = directory.resolve("nul.yaml");
        java.nio.file.Files.write(nul, new byte[] {'r', 'u', 0, 1, 2, '\n'});
        assertTrue(assertThrows(RuleSettingsException.class, () -> RuleSettings.load(nul)).getMessage()
                .endsWith("nul.yaml: not a text file (it holds NUL bytes); a rules file is YAML text, see"
                        + " docs/rules/README.md"));
        Path latin1 = directory.resolve("latin1.yaml");
        java.nio.file.Files.write(latin1, new byte[] {'#', (byte) 0xe9, (byte) 0xff, '\n'});
        assertTrue(assertThrows(RuleSettingsException.class, () -> RuleSettings.load(latin1)).getMessage()
                .contains("not a text file (bytes that are not UTF-8)"));
        assertTrue(assertThrows(RuleSettingsException.class, () -> RuleSettings.load(directory)).getMessage()
                .contains("is a directory, not a rules file"));
    }

    private static void assertMessage(String yaml, String expected) {
        RuleSettingsException error = assertThrows(RuleSettingsException.class,
                () -> RuleSettings.parse("r.yaml", yaml));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertTrue(error.getMessage().startsWith("r.yaml: "), error.getMessage());
    }

    @Test
    void aCriticalValueBelowItsWarningIsRejectedInOneLine() {
        RuleSettingsException error = assertThrows(RuleSettingsException.class, () -> RuleSettings.parse("my.yaml", """
                rules:
                  data-skew:
                    thresholds:
                      critical-ratio: 3
                """));
        assertEquals("my.yaml: key 'rules.data-skew.thresholds': critical-ratio (3) is below warning-ratio (5); "
                + "a critical finding must be worse than a warning", error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    @Test
    void equalWarningAndCriticalAreAccepted() throws Exception {
        RuleSettings settings = RuleSettings.parse("my.yaml", """
                rules:
                  data-skew:
                    thresholds:
                      critical-ratio: 5
                """);
        assertEquals(5, settings.threshold("data-skew", "critical-ratio"));
    }

    @Test
    void aUtilizationWhoseCriticalIsAboveItsWarningIsRejected() {
        RuleSettingsException error = assertThrows(RuleSettingsException.class, () -> RuleSettings.parse("my.yaml", """
                rules:
                  idle-executors:
                    thresholds:
                      critical-utilization: 50%
                """));
        assertTrue(error.getMessage().contains("critical-utilization (0.5) is above warning-utilization (0.4)"),
                error.getMessage());
    }

    @Test
    void negativeFloorsAndFractionsAboveOneAreRejected() {
        assertThrows(RuleSettingsException.class, () -> RuleSettings.parse("my.yaml", """
                rules:
                  data-skew:
                    thresholds:
                      min-tasks: -1
                """));
        RuleSettingsException fraction = assertThrows(RuleSettingsException.class, () -> RuleSettings.parse("my.yaml",
                """
                rules:
                  gc-pressure:
                    thresholds:
                      warning-fraction: 1.5
                """));
        assertTrue(fraction.getMessage().contains("between 0 and 1"), fraction.getMessage());
    }
}
