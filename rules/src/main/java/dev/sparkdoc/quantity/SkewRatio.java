package dev.sparkdoc.quantity;

import java.util.OptionalDouble;

/**
 * The one skew ratio every part of sparkdoc shows: the largest task's value over the median task's. Policy for zero
 * and empty: the ratio is <em>undefined</em> (empty) when there are no tasks or the median is 0 (at least half the
 * tasks read or took nothing), never a division by a made-up 1. Where it is undefined, judge by absolute amounts
 * (the largest task's bytes or time) and say that the median is 0; see {@link #describe}.
 */
public final class SkewRatio {

    private SkewRatio() {
    }

    /** max / median, or empty when there are no values or the median is 0 or less. */
    public static OptionalDouble of(long count, long max, long median) {
        if (count <= 0 || median <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) max / median);
    }

    /** "17x" or, when undefined, "undefined (median 0)": the words every renderer uses. */
    public static String describe(long count, long max, long median) {
        OptionalDouble ratio = of(count, max, median);
        return ratio.isPresent() ? Formats.ratio(ratio.getAsDouble()) : UNDEFINED;
    }

    /** How an undefined ratio is shown. */
    public static final String UNDEFINED = "undefined (median 0)";
}
