package dev.sparkdoc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for options from a config file, as picocli's default provider: an option given on the command line wins,
 * then the file, then the option's own default. The file is YAML:
 *
 * <pre>
 * defaults:
 *   "*":                 # every command that has the option
 *     rules: /etc/sparkdoc/rules.yaml
 *   analyze:
 *     output: markdown
 *     fail-on: warning
 *   alerts export:
 *     source: sparkdoc,spark
 * </pre>
 *
 * <p>Where: {@code $SPARKDOC_CONFIG}, else {@code $XDG_CONFIG_HOME/sparkdoc/config.yaml}, else
 * {@code ~/.config/sparkdoc/config.yaml}; none is fine. A command or option the file names that sparkdoc does not
 * have is an error (a typo must not be silently ignored), as is a file that is not such YAML.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {

    /** The system property tests use in place of {@code $SPARKDOC_CONFIG}. */
    static final String PROPERTY = "sparkdoc.config";
    private static final long MAX_BYTES = 1 << 20;

    /** The YAML reader, made on first use: with no config file, start-up neither loads nor builds it. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    }

    private final Optional<Path> file;
    /** command path ("analyze", "alerts export", "*") -> option long name without dashes -> value. */
    private final Map<String, Map<String, String>> defaults;

    private ConfigDefaults(Optional<Path> file, Map<String, Map<String, String>> defaults) {
        this.file = file;
        this.defaults = defaults;
    }

    /** Where the config file is looked for, in order. */
    static Path location(Map<String, String> env) {
        String explicit = System.getProperty(PROPERTY, env.get("SPARKDOC_CONFIG"));
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("sparkdoc").resolve("config.yaml");
    }

    /** The defaults of the file at {@link #location}, checked against {@code root}'s commands and options. */
    static ConfigDefaults load(CommandLine root, Map<String, String> env) {
        Path path = location(env);
        JsonNode tree;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new BadInputException(path + ": a config file of over 1 MiB; this is not sparkdoc's config");
            }
            tree = Yaml.MAPPER.readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            return new ConfigDefaults(Optional.empty(), Map.of());
        } catch (IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                    ? json.getOriginalMessage() : String.valueOf(e.getMessage());
            throw new BadInputException(path + ": cannot read the config file (" + Messages.printable(reason)
                    + "); fix it, or point $SPARKDOC_CONFIG elsewhere");
        }
        Map<String, Map<String, String>> defaults = new LinkedHashMap<>();
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return new ConfigDefaults(Optional.of(path), defaults);
        }
        if (!tree.isObject() || tree.size() != 1 || !tree.has("defaults") || !tree.get("defaults").isObject()) {
            throw new BadInputException(path + ": the config file holds one key, 'defaults', a map of command to"
                    + " option: value (sparkdoc config view shows an example)");
        }
        Map<String, CommandSpec> commands = commands(root);
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.get("defaults").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> command = it.next();
            String name = command.getKey().trim().replaceAll("\\s+", " ");
            if (!name.equals("*") && !commands.containsKey(name)) {
                throw new BadInputException(path + ": defaults." + command.getKey() + ": no such command; use a"
                        + " command as typed after 'sparkdoc' (analyze, alerts export, ...) or '*'");
            }
            if (!command.getValue().isObject()) {
                throw new BadInputException(path + ": defaults." + command.getKey() + ": expected option: value pairs");
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = command.getValue().fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> option = fields.next();
                String key = option.getKey().replaceFirst("^-+", "");
                boolean known = name.equals("*")
                        ? commands.values().stream().anyMatch(spec -> option(spec, key).isPresent())
                        : option(commands.get(name), key).isPresent();
                if (!known) {
                    throw new BadInputException(path + ": defaults." + command.getKey() + "." + option.getKey()
                            + ": no such option" + (name.equals("*") ? " in any command" : " of 'sparkdoc " + name
                            + "'") + "; options are named as on the command line, without dashes");
                }
                JsonNode value = option.getValue();
                if (!value.isValueNode() && !value.isArray()) {
                    throw new BadInputException(path + ": defaults." + command.getKey() + "." + option.getKey()
                            + ": expected a value or a list");
                }
                List<String> values = new ArrayList<>();
                (value.isArray() ? value : Yaml.MAPPER.createArrayNode().add(value)).forEach(v -> values.add(v.asText()));
                options.put(key, String.join(",", values));
            }
            defaults.put(name, options);
        }
        return new ConfigDefaults(Optional.of(path), defaults);
    }

    private static Map<String, CommandSpec> commands(CommandLine root) {
        Map<String, CommandSpec> commands = new LinkedHashMap<>();
        collect(root, commands);
        return commands;
    }

    private static void collect(CommandLine command, Map<String, CommandSpec> commands) {
        String name = path(command.getCommandSpec());
        if (!name.isEmpty()) {
            commands.put(name, command.getCommandSpec());
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, commands));
    }

    /** "analyze", "alerts export": the command as typed after 'sparkdoc'. */
    private static String path(CommandSpec spec) {
        String qualified = spec.qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? "" : qualified.substring(space + 1);
    }

    private static Optional<OptionSpec> option(CommandSpec spec, String name) {
        for (OptionSpec option : spec.options()) {
            for (String alias : option.names()) {
                if (alias.startsWith("--") && alias.substring(2).equals(name)) {
                    return Optional.of(option);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || argument.command() == null) {
            return null;
        }
        String command = path(argument.command());
        for (String scope : new String[] {command, "*"}) {
            Map<String, String> options = defaults.get(scope);
            if (options == null) {
                continue;
            }
            for (String alias : option.names()) {
                if (alias.startsWith("--") && options.containsKey(alias.substring(2))) {
                    return options.get(alias.substring(2));
                }
            }
        }
        return null;
    }

    Optional<Path> file() {
        return file;
    }

    Map<String, Map<String, String>> defaults() {
        return defaults;
    }
}
