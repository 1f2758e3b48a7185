package dev.sparkdoc.cli;

import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.RuleSettingsException;
import java.nio.file.Path;

/** Loads the {@code --rules FILE} overrides; a bad file is bad input (exit 3) with a message naming the key. */
final class RulesOption {

    private RulesOption() {
    }

    static RuleSettings load(Path file) {
        if (file == null) {
            return RuleSettings.defaults();
        }
        try {
            return RuleSettings.load(file);
        } catch (RuleSettingsException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
