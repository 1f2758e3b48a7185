package dev.sparkdoc.diagnosis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.rules.AlertTemplate;
import dev.sparkdoc.rules.Rule;
import dev.sparkdoc.rules.RuleCatalog;
import dev.sparkdoc.rules.Threshold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every threshold of a rule {@code sparkdoc analyze} checks is read: by an analyzer through its typed key
 * ({@code Thresholds.Rule.NAME}), by an analyzer not yet moved to typed keys through its name, or by the rule's
 * exported alerts ({@code ${name}}). A threshold nothing reads would be a setting that changes nothing.
 */
class ThresholdKeysReadTest {

    @Test
    void everyCatalogThresholdIsReadBySomething() throws IOException {
        String sources;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            sources = files.filter(path -> path.toString().endsWith(".java")).map(ThresholdKeysReadTest::read)
                    .collect(Collectors.joining("\n"));
        }
        Set<String> unread = new TreeSet<>();
        for (Rule rule : RuleCatalog.builtIn().rules()) {
            String ruleClass = java.util.Arrays.stream(rule.id().split("-"))
                    .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                    .collect(Collectors.joining());
            for (Threshold threshold : rule.thresholds()) {
                String constant = threshold.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
                boolean typed = sources.contains("Thresholds." + ruleClass + "." + constant);
                boolean byName = sources.contains("threshold(\"" + threshold.name() + "\")")
                        || sources.contains("thresholdLong(\"" + threshold.name() + "\")");
                boolean byAlert = rule.alerts().stream().map(AlertTemplate::expr)
                        .anyMatch(expr -> expr.contains("${" + threshold.name() + "}"));
                if (!typed && !byName && !byAlert) {
                    unread.add(rule.id() + "/" + threshold.name());
                }
            }
        }
        assertTrue(unread.isEmpty(), "catalog thresholds nothing reads: " + unread);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
