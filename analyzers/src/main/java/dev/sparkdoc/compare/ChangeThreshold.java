package dev.sparkdoc.compare;

import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.rules.ThresholdUnit;
import java.util.OptionalLong;

/**
 * When a duration counts as changed: by at least {@code percent} of the baseline's AND at least {@code minMillis},
 * so a 100 ms stage that takes 300 ms (+200%) stays "same" and so does a 2-hour stage that takes 2 s longer.
 * The same numbers judge regressions (longer) and improvements (shorter).
 */
public record ChangeThreshold(double percent, long minMillis) {

    /** 20% and 2 s: above the run-to-run noise of the reference jobs on a busy 2-core machine (docs/compare.md). */
    public static final ChangeThreshold DEFAULT = new ChangeThreshold(20, 2000);

    public ChangeThreshold {
        if (!(percent >= 0) || Double.isInfinite(percent)) {
            throw new IllegalArgumentException("percent must be 0 or more, not " + percent);
        }
        if (minMillis < 0) {
            throw new IllegalArgumentException("minMillis must be 0 or more, not " + minMillis);
        }
    }

    public Verdict judge(OptionalLong baseline, OptionalLong candidate) {
        if (baseline.isEmpty() || candidate.isEmpty()) {
            return Verdict.UNKNOWN;
        }
        long before = baseline.getAsLong();
        long after = candidate.getAsLong();
        long change = Math.abs(after - before);
        if (after == before || change < minMillis || change * 100.0 < before * percent) {
            return Verdict.SAME;
        }
        return after > before ? Verdict.REGRESSED : Verdict.IMPROVED;
    }

    /** "duration change of at least 20% and at least 2.0 s": how every output states the threshold. */
    public String describe() {
        return "duration change of at least " + ThresholdUnit.fixed(percent, percent == Math.rint(percent) ? 0 : 1)
                + "% and at least " + Formats.millis(minMillis);
    }
}
