package dev.sparkdoc.listener;

/**
 * How much time the listener's thread may spend diagnosing: a share of one core over time, of which up to a burst can
 * be saved up (a token bucket). Diagnosing reads the whole application, so in a large one each diagnosis is long; the
 * budget spaces them out instead of letting them take a fixed share of every stage's completion. From the listener's
 * thread only.
 */
final class DiagnosisBudget {

    private final int percentOfCore;
    private final long burstNanos;
    /** Time still allowed; below zero after a diagnosis that took more than was left. */
    private long leftNanos;
    /** When {@link #leftNanos} was last topped up; meaningless before the first {@link #allows}. */
    private long toppedUpAt;
    private boolean started;

    /** A budget of {@code percentOfCore}% of one core, holding at most {@code burstNanos}; full at the start. */
    DiagnosisBudget(int percentOfCore, long burstNanos) {
        if (percentOfCore <= 0 || percentOfCore > 100 || burstNanos <= 0) {
            throw new IllegalArgumentException("percentOfCore " + percentOfCore + ", burstNanos " + burstNanos);
        }
        this.percentOfCore = percentOfCore;
        this.burstNanos = burstNanos;
        this.leftNanos = burstNanos;
    }

    /** Whether a diagnosis may start at {@code nowNanos} ({@link System#nanoTime()}). */
    boolean allows(long nowNanos) {
        if (started) {
            long earned = (nowNanos - toppedUpAt) / 100 * percentOfCore;
            leftNanos = Math.min(burstNanos, leftNanos + Math.max(0, earned));
        }
        started = true;
        toppedUpAt = nowNanos;
        return leftNanos > 0;
    }

    /** Takes a diagnosis' duration off the budget. */
    void spent(long nanos) {
        leftNanos -= Math.max(0, nanos);
    }
}
