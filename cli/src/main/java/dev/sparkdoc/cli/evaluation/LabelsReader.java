package dev.sparkdoc.cli.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sparkdoc.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code *.labels.yaml} files. A file that does not follow the format is rejected with its name and what is
 * wrong, never half-read.
 */
public final class LabelsReader {

    public static final String SUFFIX = ".labels.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_LEVEL = Set.of("log", "about", "expected", "forbidden", "allowed",
            "recommendations");
    private static final Set<String> FINDING_FIELDS = Set.of("rule", "scope", "severity", "reason");
    private static final Set<String> ADVICE_FIELDS = Set.of("key", "direction", "code", "scope", "mentions",
            "reason");

    private LabelsReader() {
    }

    /** Every labels file under {@code directory}, in path order. */
    public static List<LogLabels> readAll(Path directory) throws LabelsException {
        if (!Files.isDirectory(directory)) {
            throw new LabelsException(directory + ": no such labels directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                    .sorted().toList();
        } catch (IOException e) {
            throw new LabelsException(directory + ": cannot list the labels files (" + e.getMessage() + ")");
        }
        if (files.isEmpty()) {
            throw new LabelsException(directory + ": no *" + SUFFIX + " files in it");
        }
        List<LogLabels> labels = new ArrayList<>();
        for (Path file : files) {
            labels.add(read(file));
        }
        return labels;
    }

    public static LogLabels read(Path file) throws LabelsException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new LabelsException(file + ": not YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new LabelsException(file + ": expected a mapping with log, expected, forbidden, allowed,"
                    + " recommendations");
        }
        try {
            checkFields(root, TOP_LEVEL, "the file");
            String log = text(root, "log").orElseThrow(() -> new IllegalArgumentException("log: is missing"));
            return new LogLabels(file, log, text(root, "about").orElse(""),
                    findings(root.get("expected"), "expected"), findings(root.get("forbidden"), "forbidden"),
                    findings(root.get("allowed"), "allowed"), advice(root.get("recommendations")));
        } catch (IllegalArgumentException e) {
            throw new LabelsException(file + ": " + e.getMessage());
        }
    }

    private static List<FindingLabel> findings(JsonNode list, String section) {
        List<FindingLabel> labels = new ArrayList<>();
        for (JsonNode entry : entries(list, section)) {
            checkFields(entry, FINDING_FIELDS, section);
            String rule = text(entry, "rule").orElseThrow(() -> new IllegalArgumentException(section
                    + ": an entry has no rule"));
            Severity severity = text(entry, "severity").map(s -> Severity.parse(s).orElseThrow(
                    () -> new IllegalArgumentException(section + ": " + rule + ": unknown severity " + s
                            + " (info, warning, critical)")))
                    .orElse(Severity.WARNING);
            labels.add(new FindingLabel(rule, text(entry, "scope"), severity, text(entry, "reason").orElse("")));
        }
        return labels;
    }

    private static List<AdviceLabel> advice(JsonNode list) {
        List<AdviceLabel> labels = new ArrayList<>();
        for (JsonNode entry : entries(list, "recommendations")) {
            checkFields(entry, ADVICE_FIELDS, "recommendations");
            String reason = text(entry, "reason").orElse("");
            Optional<String> key = text(entry, "key");
            Optional<String> code = text(entry, "code");
            if (key.isPresent() == code.isPresent()) {
                throw new IllegalArgumentException("recommendations: each entry has either key (with direction) or"
                        + " code");
            }
            if (key.isPresent()) {
                String direction = text(entry, "direction").orElseThrow(() -> new IllegalArgumentException(
                        "recommendations: " + key.get() + ": direction is missing (not-lower, not-higher, absent)"));
                labels.add(new AdviceLabel.Config(key.get(), AdviceLabel.Direction.parse(direction).orElseThrow(
                        () -> new IllegalArgumentException("recommendations: " + key.get() + ": unknown direction "
                                + direction + " (not-lower, not-higher, absent)")), reason));
            } else {
                labels.add(new AdviceLabel.Code(code.get(), text(entry, "scope"), mentions(entry), reason));
            }
        }
        return labels;
    }

    /** {@code mentions}: one text or a list of texts. */
    private static List<String> mentions(JsonNode entry) {
        JsonNode value = entry.get("mentions");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isValueNode()) {
            return List.of(value.asText().trim());
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("recommendations: mentions: expected a text or a list of texts");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isValueNode()) {
                throw new IllegalArgumentException("recommendations: mentions: expected a text or a list of texts");
            }
            texts.add(item.asText().trim());
        }
        return texts;
    }

    private static List<JsonNode> entries(JsonNode list, String section) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(section + ": expected a list");
        }
        List<JsonNode> entries = new ArrayList<>();
        list.forEach(entries::add);
        for (JsonNode entry : entries) {
            if (!entry.isObject()) {
                throw new IllegalArgumentException(section + ": each entry is a mapping");
            }
        }
        return entries;
    }

    private static void checkFields(JsonNode node, Set<String> known, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown field " + name + " (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException(field + ": expected a single value");
        }
        return Optional.of(value.asText().trim());
    }
}
