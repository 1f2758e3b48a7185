package dev.sparkdoc.rules;

/** A rules override file sparkdoc cannot use; the message names the file and the key. */
public final class RuleSettingsException extends Exception {
    public RuleSettingsException(String message) {
        super(message);
    }
}
