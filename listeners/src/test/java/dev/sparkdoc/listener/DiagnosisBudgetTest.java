package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The live diagnoses' budget: 2% of one core over time, 2 s saved up at most, as the listener uses it. */
class DiagnosisBudgetTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final DiagnosisBudget budget = new DiagnosisBudget(2, 2 * SECOND);

    @Test
    void startsFullThenEarnsTwoPercentOfTheTimeThatPasses() {
        long start = 1_000 * SECOND;
        assertTrue(budget.allows(start), "a first, slow diagnosis on a cold JIT");
        budget.spent(1_500 * MILLI);
        assertTrue(budget.allows(start), "0.5 s left of the 2 s burst");
        budget.spent(1_000 * MILLI);
        assertFalse(budget.allows(start), "0.5 s overdrawn");
        assertFalse(budget.allows(start + 25 * SECOND), "25 s at 2% earn 0.5 s: back to zero, not above");
        assertTrue(budget.allows(start + 25 * SECOND + 10 * MILLI));
    }

    @Test
    void aQuietSpellSavesUpNoMoreThanTheBurst() {
        assertTrue(budget.allows(0));
        budget.spent(SECOND);
        assertTrue(budget.allows(TimeUnit.HOURS.toNanos(1)));
        budget.spent(2 * SECOND);
        assertFalse(budget.allows(TimeUnit.HOURS.toNanos(1)), "an hour earned 72 s, but at most 2 s are kept");
    }

    @Test
    void longDiagnosesTakeAtMostTheShareOverTime() {
        // A large application whose every diagnosis takes 500 ms, asked for every 50 ms (the idle wake-up) for 1,000 s.
        long spent = 0;
        long now = 0;
        long end = 1_000 * SECOND;
        while (now < end) {
            if (budget.allows(now)) {
                budget.spent(500 * MILLI);
                spent += 500 * MILLI;
                now += 500 * MILLI;
            } else {
                now += 50 * MILLI;
            }
        }
        // 2% of 1,000 s plus the 2 s burst, plus at most one diagnosis begun on a last positive balance.
        assertTrue(spent <= 22 * SECOND + 500 * MILLI, "spent " + spent / MILLI + " ms");
        assertTrue(spent >= 20 * SECOND, "spent " + spent / MILLI + " ms: the budget was not used");
    }

    @Test
    void rejectsAShareOrBurstThatIsNoBudget() {
        assertThrows(IllegalArgumentException.class, () -> new DiagnosisBudget(0, SECOND));
        assertThrows(IllegalArgumentException.class, () -> new DiagnosisBudget(2, 0));
    }
}
