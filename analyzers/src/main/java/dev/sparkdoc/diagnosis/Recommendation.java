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
            snippets = Map.copyOf(snippets);
            requireNonNull(why, "why is null");
        }
    }
}
