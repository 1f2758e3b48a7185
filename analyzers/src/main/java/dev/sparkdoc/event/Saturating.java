package dev.sparkdoc.event;

/**
 * Sums that stop at {@link Long#MAX_VALUE} instead of wrapping to a negative number: a log with absurd metric values
 * (hand-edited, corrupt, hostile) gives an absurdly large total, never a negative one.
 */
public final class Saturating {

    private Saturating() {
    }

    /** {@code a + b}, or {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE} where that overflows. */
    public static long add(long a, long b) {
        long sum = a + b;
        // Overflow iff both operands have the sign the sum does not have.
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
