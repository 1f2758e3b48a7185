package dev.sparkdoc.oracle;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assertions;

/**
 * Compares values for one test case, collecting every mismatch (not just the first) so a failure names them all,
 * and counts what was compared across the whole run.
 */
final class ValueChecker {

    static final AtomicLong COMPARED = new AtomicLong();
    static final AtomicLong MATCHED = new AtomicLong();

    private final String where;
    private final List<String> mismatches = new ArrayList<>();

    ValueChecker(String where) {
        this.where = requireNonNull(where, "where is null");
    }

    void check(String field, Object expected, Object actual) {
        COMPARED.incrementAndGet();
        if (Objects.equals(expected, actual)) {
            MATCHED.incrementAndGet();
        } else {
            mismatches.add(field + ": expected " + expected + " but was " + actual);
        }
    }

    /** Quantiles are doubles in REST; ours are picked from longs, so they compare exactly (NaN equals NaN). */
    void checkDouble(String field, double expected, double actual) {
        COMPARED.incrementAndGet();
        if (Double.compare(expected, actual) == 0) {
            MATCHED.incrementAndGet();
        } else {
            mismatches.add(field + ": expected " + expected + " but was " + actual);
        }
    }

    void assertNoMismatch() {
        if (!mismatches.isEmpty()) {
            Assertions.fail(where + ": " + mismatches.size() + " mismatch(es)\n  " + String.join("\n  ", mismatches));
        }
    }
}
