package dev.sparkdoc.rules;

import java.util.Locale;
import java.util.Optional;

/** How bad a finding is. Ordered: INFO < WARNING < CRITICAL. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> parse(String text) {
        for (Severity severity : values()) {
            if (severity.label().equalsIgnoreCase(text.trim())) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
