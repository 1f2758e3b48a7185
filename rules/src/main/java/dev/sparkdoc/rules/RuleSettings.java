package dev.sparkdoc.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The thresholds in force: the catalog's defaults with a user's overrides applied. An override file is YAML:
 *
 * <pre>
 * rules:
 *   data-skew:
 *     thresholds:
 *       critical-ratio: 20
 *   executor-cores:
 *     enabled: false
 * </pre>
 *
 * Byte and time thresholds accept plain numbers (bytes, milliseconds) or strings with a unit: {@code 64m},
 * {@code 1g}, {@code 5s}, {@code 2min}.
 */
public final class RuleSettings {

    private final RuleCatalog catalog;
    private final Map<String, Double> overrides;
    private final Set<String> disabled;

    private RuleSettings(RuleCatalog catalog, Map<String, Double> overrides, Set<String> disabled) {
        this.catalog = catalog;
        this.overrides = Map.copyOf(overrides);
        this.disabled = Set.copyOf(disabled);
    }

    public static RuleSettings defaults() {
        return new RuleSettings(RuleCatalog.builtIn(), Map.of(), Set.of());
    }

    public RuleCatalog catalog() {
        return catalog;
    }

    public boolean isEnabled(String ruleId) {
        catalog.require(ruleId);
        return !disabled.contains(ruleId);
    }

    /** The value in force for a rule's threshold. */
    public double threshold(String ruleId, String name) {
        Rule rule = catalog.require(ruleId);
        Threshold threshold = rule.threshold(name).orElseThrow(
                () -> new IllegalArgumentException("rule " + ruleId + " has no threshold " + name));
        return overrides.getOrDefault(ruleId + "/" + name, threshold.defaultValue());
    }

    /** The value in force for a threshold named by its typed key. */
    public double threshold(ThresholdKey key) {
        return threshold(key.ruleId(), key.name());
    }

    public long thresholdLong(String ruleId, String name) {
        return Math.round(threshold(ruleId, name));
    }

    /** Whether a threshold was changed by the user; findings say so. */
    public boolean isOverridden(String ruleId, String name) {
        return overrides.containsKey(ruleId + "/" + name);
    }

    /** The most a rules file may hold: a rules file is a few lines of YAML, so more is not one. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    /**
     * The defaults with the overrides in {@code file} applied. Reads at most {@link #MAX_FILE_BYTES} (so
     * {@code /dev/zero} or a log given by mistake fails at once), and only UTF-8 text without NUL bytes.
     */
    public static RuleSettings load(Path file) throws RuleSettingsException {
        if (Files.isDirectory(file)) {
            throw new RuleSettingsException(file + ": is a directory, not a rules file; pass the YAML file to --rules");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new RuleSettingsException(file + ": cannot read the rules file (" + reason(e)
                    + "); check the path given to --rules");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new RuleSettingsException(file + ": larger than 1 MiB, so not a rules file (those are a few lines"
                    + " of YAML); check the path given to --rules");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RuleSettingsException(file + ": not a text file (bytes that are not UTF-8); a rules file is"
                    + " YAML text, see docs/rules/README.md");
        }
        if (text.indexOf('\0') >= 0) {
            throw new RuleSettingsException(file + ": not a text file (it holds NUL bytes); a rules file is YAML"
                    + " text, see docs/rules/README.md");
        }
        return parse(file.toString(), text);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Parses overrides given as YAML text; {@code source} names them in error messages. */
    public static RuleSettings parse(String source, String yamlText) throws RuleSettingsException {
        RuleCatalog catalog = RuleCatalog.builtIn();
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yamlText);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new RuleSettingsException(source + ": not valid YAML" + where
                    + "; see docs/rules/README.md for the format");
        }
        Map<String, Double> overrides = new HashMap<>();
        Set<String> disabled = new HashSet<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new RuleSettings(catalog, overrides, disabled);
        }
        expectOnly(source, "", root, Set.of("rules"));
        JsonNode rules = root.path("rules");
        if (!rules.isObject()) {
            throw new RuleSettingsException(source + ": key 'rules' must map rule ids to settings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String ruleId = entry.getKey();
            Rule rule = catalog.rule(ruleId).orElseThrow(() -> new RuleSettingsException(source + ": key 'rules."
                    + ruleId + "': no such rule; known rules: " + catalog.everyRule().stream().map(Rule::id)
                    .collect(Collectors.joining(", "))));
            JsonNode settings = entry.getValue();
            String prefix = "rules." + ruleId;
            expectOnly(source, prefix, settings, Set.of("enabled", "thresholds"));
            JsonNode enabled = settings.get("enabled");
            if (enabled != null) {
                if (!enabled.isBoolean()) {
                    throw new RuleSettingsException(source + ": key '" + prefix + ".enabled' must be true or false");
                }
                if (!enabled.asBoolean()) {
                    disabled.add(ruleId);
                }
            }
            JsonNode thresholds = settings.get("thresholds");
            if (thresholds == null) {
                continue;
            }
            if (!thresholds.isObject()) {
                throw new RuleSettingsException(source + ": key '" + prefix + ".thresholds' must map names to values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> values = thresholds.fields(); values.hasNext(); ) {
                Map.Entry<String, JsonNode> value = values.next();
                String key = prefix + ".thresholds." + value.getKey();
                Threshold threshold = rule.threshold(value.getKey()).orElseThrow(() -> new RuleSettingsException(
                        source + ": key '" + key + "': no such threshold; " + ruleId + " has: "
                                + rule.thresholds().stream().map(Threshold::name).collect(Collectors.joining(", "))));
                overrides.put(ruleId + "/" + threshold.name(), value(source, key, threshold, value.getValue()));
            }
        }
        checkConsistent(source, catalog, overrides);
        return new RuleSettings(catalog, overrides, disabled);
    }

    /**
     * Each rule's warning-X and critical-X thresholds keep the order of their defaults after the overrides: where
     * the defaults have the warning below the critical value (a ratio, a share), the critical value may not be
     * below the warning one; where above (a utilization, worse when lower), not above it.
     */
    private static void checkConsistent(String source, RuleCatalog catalog, Map<String, Double> overrides)
            throws RuleSettingsException {
        for (Rule rule : catalog.everyRule()) {
            for (Threshold warning : rule.thresholds()) {
                if (!warning.name().startsWith("warning-")) {
                    continue;
                }
                String suffix = warning.name().substring("warning-".length());
                java.util.Optional<Threshold> critical = rule.threshold("critical-" + suffix);
                if (critical.isEmpty() || critical.get().defaultValue() == warning.defaultValue()) {
                    continue;
                }
                boolean rising = critical.get().defaultValue() > warning.defaultValue();
                double w = overrides.getOrDefault(rule.id() + "/" + warning.name(), warning.defaultValue());
                double c = overrides.getOrDefault(rule.id() + "/" + critical.get().name(),
                        critical.get().defaultValue());
                if (rising ? c < w : c > w) {
                    throw new RuleSettingsException(source + ": key 'rules." + rule.id() + ".thresholds': "
                            + critical.get().name() + " (" + number(c) + ") is " + (rising ? "below " : "above ")
                            + warning.name() + " (" + number(w) + "); a critical finding must be worse than a warning");
                }
            }
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void expectOnly(String source, String prefix, JsonNode node, Set<String> allowed)
            throws RuleSettingsException {
        if (!node.isObject()) {
            throw new RuleSettingsException(source + ": key '" + (prefix.isEmpty() ? "(top level)" : prefix)
                    + "' must be a mapping");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new RuleSettingsException(source + ": key '" + (prefix.isEmpty() ? name : prefix + "." + name)
                        + "' is not known here; expected one of: " + String.join(", ", allowed));
            }
        }
    }

    private static double value(String source, String key, Threshold threshold, JsonNode node)
            throws RuleSettingsException {
        double value;
        if (node.isNumber()) {
            value = node.asDouble();
        } else if (node.isTextual()) {
            value = parseWithUnit(source, key, threshold.unit(), node.asText());
        } else {
            throw new RuleSettingsException(source + ": key '" + key + "' must be a number");
        }
        if (Double.isNaN(value) || value < 0) {
            throw new RuleSettingsException(source + ": key '" + key + "' must not be negative");
        }
        if (threshold.unit() == ThresholdUnit.FRACTION && value > 1) {
            throw new RuleSettingsException(source + ": key '" + key + "' is a fraction between 0 and 1, got " + value);
        }
        return value;
    }

    private static double parseWithUnit(String source, String key, ThresholdUnit unit, String text)
            throws RuleSettingsException {
        String trimmed = text.trim().toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-z%]*)")
                .matcher(trimmed);
        if (!matcher.matches()) {
            throw new RuleSettingsException(source + ": key '" + key + "': cannot read '" + text + "' as a number");
        }
        double number = Double.parseDouble(matcher.group(1));
        String suffix = matcher.group(2);
        if (suffix.isEmpty()) {
            return number;
        }
        double factor = switch (unit) {
            case BYTES -> switch (suffix) {
                case "b" -> 1;
                case "k", "kb", "kib" -> 1024;
                case "m", "mb", "mib" -> 1024 * 1024;
                case "g", "gb", "gib" -> 1024.0 * 1024 * 1024;
                case "t", "tb", "tib" -> 1024.0 * 1024 * 1024 * 1024;
                default -> -1;
            };
            case MILLISECONDS -> switch (suffix) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m", "min" -> 60_000;
                case "h" -> 3_600_000;
                default -> -1;
            };
            case FRACTION -> "%".equals(suffix) ? 0.01 : -1;
            case RATIO -> "x".equals(suffix) ? 1 : -1;
            case COUNT -> -1;
        };
        if (factor < 0) {
            throw new RuleSettingsException(source + ": key '" + key + "': unit '" + suffix + "' does not fit a "
                    + unit.label() + " threshold");
        }
        return number * factor;
    }
}
