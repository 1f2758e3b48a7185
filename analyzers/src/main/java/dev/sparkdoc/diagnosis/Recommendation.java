package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** What to change: a configuration value, or the code. */
public sealed interface Recommendation {

    /** Why, in one sentence. */
    String why();

    /**
     * Which way a configuration change moves its value, checked against the value in force: a {@link #RAISE} must
     * propose more than the current value and a {@link #LOWER} less, or it is dropped; a {@link #SET} (a switch, a
     * class name, a value derived from others) must only differ from it.
     */
    enum Intent {
        RAISE, LOWER, SET;

        /** Lower-case, as JSON and the text report name it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Set {@code key} to {@code proposedValue}, moving it in the direction of {@code intent}. {@code currentValue} is
     * what the application ran with: its explicit setting, or Spark's default for its version (then
     * {@code currentIsDefault}).
     */
    record ConfigChange(String key, Optional<String> currentValue, boolean currentIsDefault, String proposedValue,
            Intent intent, String why) implements Recommendation {
        public ConfigChange {
            requireNonNull(key, "key is null");
            requireNonNull(currentValue, "currentValue is null");
            requireNonNull(proposedValue, "proposedValue is null");
            requireNonNull(intent, "intent is null");
            requireNonNull(why, "why is null");
        }

        /**
         * Whether the proposal moves the current value the way its intent says: above it for a raise, below it for a
         * lower, different from it for a set. A raise or lower whose values cannot be compared (not a number, size or
         * duration) does not hold; a change of a key with no current value holds.
         */
        public boolean movesWithIntent() {
            if (currentValue.isEmpty()) {
                return true;
            }
            java.util.OptionalInt order = SettingValues.compare(key, proposedValue, currentValue.get());
            return switch (intent) {
                case RAISE -> order.isPresent() && order.getAsInt() > 0;
                case LOWER -> order.isPresent() && order.getAsInt() < 0;
                case SET -> order.isPresent() ? order.getAsInt() != 0
                        : !SettingValues.sameText(proposedValue, currentValue.get());
            };
        }
    }

    /**
     * Change the code. {@code kind} is one of salting, broadcast-hint, repartition, coalesce, cache, avoid-collect;
     * {@code snippets} maps a language (java, scala, pyspark, sql) to code to paste.
     */
    record CodeChange(String kind, String summary, Map<String, String> snippets, String why)
            implements Recommendation {
        public CodeChange {
            requireNonNull(kind, "kind is null");
            requireNonNull(summary, "summary is null");
            Map<String, String> ordered = new java.util.TreeMap<>(java.util.Comparator
                    .comparingInt((String language) -> LANGUAGES.indexOf(language) < 0 ? LANGUAGES.size()
                            : LANGUAGES.indexOf(language))
                    .thenComparing(language -> language));
            ordered.putAll(snippets);
            snippets = java.util.Collections.unmodifiableMap(ordered);
            requireNonNull(why, "why is null");
        }

        /** Snippet languages, in the order they are shown. */
        public static final java.util.List<String> LANGUAGES = java.util.List.of("java", "scala", "pyspark", "sql");
    }
}
