package dev.sparkdoc.cli;

import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.RuleSettingsException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --rules FILE} option, as a picocli mixin for every command that applies the rule catalog: threshold
 * overrides and disabled rules (docs/rules/README.md). A bad file is bad input (exit 3) with a message naming the key.
 */
public final class RulesOption {

    @Option(names = "--rules", paramLabel = "FILE",
            description = "YAML file that overrides rule thresholds or disables rules (see docs/rules/README.md).")
    Path file;

    /** The built-in rules with the file's overrides, or the built-in rules without a file. */
    public RuleSettings settings() {
        if (file == null) {
            return RuleSettings.defaults();
        }
        try {
            return RuleSettings.load(file);
        } catch (RuleSettingsException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The file given, or null. */
    Path file() {
        return file;
    }
}
