package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** What to change: a configuration value, or the code. */
public sealed interface Recommendation {

    /** Why, in one sentence. */
    String why();

    /**
     * Set {@code key} to {@code proposedValue}. {@code currentValue} is what the application ran with: its explicit
     * setting, or Spark's default for its version (then {@code currentIsDefault}).
     */
    record ConfigChange(String key, Optional<String> currentValue, boolean currentIsDefault, String proposedValue,
            String why) implements Recommendation {
        public ConfigChange {
            requireNonNull(key, "key is null");
            requireNonNull(currentValue, "currentValue is null");
            requireNonNull(proposedValue, "proposedValue is null");
            requireNonNull(why, "why is null");
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
