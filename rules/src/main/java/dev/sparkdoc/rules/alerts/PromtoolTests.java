package dev.sparkdoc.rules.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sparkdoc.rules.AlertRule;
import dev.sparkdoc.rules.Rule;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Threshold;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The promtool unit tests that travel with exported alert rules ({@code sparkdoc alerts export --tests DIR}).
 *
 * <p>The tests are the project's own, shipped in this jar (tests/*.test.yml beside this class) and run by its
 * build against the catalog's defaults: for every alert, input series where it fires and series where it must stay
 * quiet, each case explained in a comment. They are written for the catalog's thresholds, so a test case is
 * written out only when every alert it checks is exported with the expression, {@code for} and labels the case was
 * written for; an alert whose thresholds were tuned ({@code --rules}) is listed as untested with the reason, never
 * tested against numbers it no longer has. Cases that feed {@code push_time_seconds} also need the default
 * {@code --push-max-age}.
 *
 * <p>promtool compares an alert's annotations literally, after expanding their templates, so the tests load a
 * companion rule file with the same alerts and no annotations; the expressions, {@code for} and labels are
 * exactly those of the exported file.
 */
public final class PromtoolTests {

    /** The shipped test files, in the order they are written out. */
    public static final List<String> SHIPPED = List.of("listener.test.yml", "spark-executors.test.yml",
            "kubernetes.test.yml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ENTRY = "  - name:";

    /**
     * What {@link #forExport} writes.
     *
     * @param tests the promtool test file
     * @param rules the companion rule file the tests load (the exported alerts without annotations)
     * @param cases the test cases written
     * @param tested the exported alerts the written cases check, in file order
     * @param untested exported alerts no written case checks, with the reason
     */
    public record Written(String tests, String rules, int cases, List<String> tested, Map<String, String> untested) {
    }

    private record Case(String file, String text, Set<String> alerts, boolean usesPushTime) {
    }

    private PromtoolTests() {
    }

    /**
     * The tests for the alerts {@code options} exports, loading the companion rule file named
     * {@code rulesFileName} (a name in the same directory as the test file).
     */
    public static Written forExport(ExportOptions options, String rulesFileName) {
        List<AlertRule> exported = AlertExporter.alerts(options);
        Map<String, String> untestable = untestable(options, exported);
        Set<String> exportedNames = new LinkedHashSet<>();
        exported.forEach(alert -> exportedNames.add(alert.name()));
        boolean defaultPushAge = options.pushMaxAge().equals(ExportOptions.DEFAULT_PUSH_MAX_AGE);

        StringBuilder body = new StringBuilder();
        Set<String> tested = new LinkedHashSet<>();
        int cases = 0;
        for (String file : SHIPPED) {
            StringBuilder section = new StringBuilder();
            for (Case testCase : cases(file)) {
                boolean runnable = exportedNames.containsAll(testCase.alerts())
                        && testCase.alerts().stream().noneMatch(untestable::containsKey)
                        && (defaultPushAge || !testCase.usesPushTime());
                if (runnable) {
                    section.append(testCase.text());
                    tested.addAll(testCase.alerts());
                    cases++;
                }
            }
            if (!section.isEmpty()) {
                body.append("\n  # ---- from ").append(file).append(" ----\n").append(section);
            }
        }
        Map<String, String> untested = new LinkedHashMap<>();
        for (AlertRule alert : exported) {
            if (!tested.contains(alert.name())) {
                untested.put(alert.name(), untestable.getOrDefault(alert.name(),
                        "every case that checks it also checks an alert this export leaves out or tunes, or relies on"
                                + " the default --push-max-age (15m)"));
            }
        }
        List<String> testedInOrder = exported.stream().map(AlertRule::name).filter(tested::contains).toList();
        StringBuilder text = new StringBuilder();
        text.append("# promtool unit tests for the alerts of sparkdoc alerts export. Run: promtool test rules <this file>\n");
        text.append("# They load ").append(rulesFileName).append(": the exported alerts without their annotations\n");
        text.append("# (promtool compares annotations literally); expressions, 'for' and labels are the exported ones.\n");
        text.append("# Each case gives input series and when an alert must fire and when it must stay quiet.\n");
        text.append("# Tested: ").append(testedInOrder.size()).append(" of ").append(exported.size())
                .append(" alerts.\n");
        untested.forEach((name, reason) -> text.append("# Not tested here: ").append(name).append(": ")
                .append(reason).append('\n'));
        text.append("rule_files: [").append(rulesFileName).append("]\n");
        text.append("evaluation_interval: 1m\n");
        text.append(cases == 0 ? "tests: []\n" : "tests:\n" + body);
        return new Written(text.toString(), AlertExporter.exportWithoutAnnotations(options), cases, testedInOrder,
                untested);
    }

    /**
     * Exported alerts whose expression, {@code for} or severity differs from the catalog default the shipped cases
     * assume, with the tuned thresholds that make the difference. The push-age clause is compared apart (cases that
     * use it say so).
     */
    private static Map<String, String> untestable(ExportOptions options, List<AlertRule> exported) {
        Map<String, AlertRule> reference = new LinkedHashMap<>();
        for (AlertRule alert : AlertExporter.alerts(ExportOptions.defaults(RuleSettings.defaults())
                .withSources(options.sources()))) {
            reference.put(alert.name(), alert);
        }
        Map<String, AlertRule> samePushAge = new LinkedHashMap<>();
        for (AlertRule alert : AlertExporter.alerts(options.withPushMaxAge(ExportOptions.DEFAULT_PUSH_MAX_AGE))) {
            samePushAge.put(alert.name(), alert);
        }
        Map<String, String> untestable = new LinkedHashMap<>();
        for (AlertRule alert : exported) {
            AlertRule mine = samePushAge.get(alert.name());
            AlertRule theirs = reference.get(alert.name());
            if (theirs == null || !mine.expr().equals(theirs.expr()) || !mine.forDuration().equals(theirs.forDuration())
                    || mine.severity() != theirs.severity()) {
                untestable.put(alert.name(), "the shipped cases assume the catalog's thresholds; tuned here: "
                        + tuned(options.settings(), alert.ruleId()));
            }
        }
        return untestable;
    }

    private static String tuned(RuleSettings settings, String ruleId) {
        Rule rule = settings.catalog().require(ruleId);
        List<String> changed = new ArrayList<>();
        for (Threshold threshold : rule.thresholds()) {
            double value = settings.threshold(ruleId, threshold.name());
            if (Double.compare(value, threshold.defaultValue()) != 0) {
                changed.add(ruleId + "/" + threshold.name() + " " + threshold.unit().format(value) + " (default "
                        + threshold.unit().format(threshold.defaultValue()) + ")");
            }
        }
        return changed.isEmpty() ? ruleId + " settings" : String.join(", ", changed);
    }

    /**
     * The cases of one shipped file as text, each with the comment lines just before it, and the alerts it checks.
     * The file's own header (before {@code tests:}) is left out: the written file has its own.
     */
    static List<Case> cases(String file) {
        String text = read(file);
        List<String> lines = text.lines().toList();
        int start = lines.indexOf("tests:");
        if (start < 0) {
            throw new IllegalStateException(file + " has no 'tests:' line");
        }
        List<Case> cases = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        StringBuilder current = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            boolean commentOrBlank = line.isBlank() || line.startsWith("  #");
            if (line.startsWith(ENTRY)) {
                if (current != null) {
                    cases.add(parse(file, current.toString()));
                }
                current = new StringBuilder(pending).append(line).append('\n');
                pending.setLength(0);
            } else if (commentOrBlank) {
                pending.append(line).append('\n');
            } else if (current == null || !line.startsWith("    ")) {
                throw new IllegalStateException(file + ": unexpected line outside a test case: " + line);
            } else {
                current.append(pending).append(line).append('\n');
                pending.setLength(0);
            }
        }
        if (current != null) {
            cases.add(parse(file, current.toString()));
        }
        return cases;
    }

    private static Case parse(String file, String text) {
        JsonNode node;
        try {
            node = YAML.readTree("tests:\n" + text).path("tests").path(0);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + ": a test case is not valid YAML: " + e.getOriginalMessage(), e);
        }
        Set<String> alerts = new LinkedHashSet<>();
        for (JsonNode expectation : node.path("alert_rule_test")) {
            alerts.add(expectation.path("alertname").asText());
        }
        boolean usesPushTime = false;
        for (JsonNode series : node.path("input_series")) {
            usesPushTime |= series.path("series").asText().startsWith("push_time_seconds");
        }
        return new Case(file, text, alerts, usesPushTime);
    }

    /** The text of one shipped test file. */
    public static String read(String file) {
        try (InputStream in = PromtoolTests.class.getResourceAsStream("tests/" + file)) {
            if (in == null) {
                throw new IllegalStateException("tests/" + file + " is missing from the rules jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tests/" + file, e);
        }
    }
}
