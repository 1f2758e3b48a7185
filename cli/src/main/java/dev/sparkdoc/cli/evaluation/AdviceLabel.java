package dev.sparkdoc.cli.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * Advice that must not be given for one log: a configuration key that must not move in one direction (or must not be
 * proposed at all), or a kind of code change (salting, coalesce, repartition, ...) that must not be proposed,
 * optionally only for findings of one scope; or, with {@code mentions}, a kind of code change whose snippets must
 * name what the plan shows (the real key, the real aggregate function) if it is proposed.
 */
public sealed interface AdviceLabel {

    String reason();

    /** Which way a proposed value must not go. */
    enum Direction {
        NOT_LOWER("not-lower"),
        NOT_HIGHER("not-higher"),
        ABSENT("absent");

        private final String label;

        Direction(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Optional<Direction> parse(String text) {
            for (Direction direction : values()) {
                if (direction.label.equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return Optional.of(direction);
                }
            }
            return Optional.empty();
        }
    }

    record Config(String key, Direction direction, String reason) implements AdviceLabel {
        public Config {
            requireNonNull(key, "key is null");
            requireNonNull(direction, "direction is null");
            requireNonNull(reason, "reason is null");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("advice label for " + key + " needs a reason");
            }
        }
    }

    /** {@code mentions} empty: the kind must not be proposed; else every snippet of it must contain each. */
    record Code(String kind, Optional<String> scope, java.util.List<String> mentions, String reason)
            implements AdviceLabel {
        public Code {
            requireNonNull(kind, "kind is null");
            requireNonNull(scope, "scope is null");
            mentions = java.util.List.copyOf(mentions);
            requireNonNull(reason, "reason is null");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("advice label for code " + kind + " needs a reason");
            }
        }
    }
}
