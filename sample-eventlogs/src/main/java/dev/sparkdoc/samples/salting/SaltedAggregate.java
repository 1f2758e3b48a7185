package dev.sparkdoc.samples.salting;

import static java.util.Objects.requireNonNull;

/**
 * One aggregate of a salted two-phase aggregation: what it computes, over which column, under which output name.
 * Collects are order-insensitive: their result is sorted, so it does not depend on how rows met in the buckets.
 */
public record SaltedAggregate(Kind kind, String column, String alias) {

    /** The aggregates that split over buckets: each has a partial form and a way to combine the partials. */
    public enum Kind {
        SUM, COUNT, MIN, MAX, AVG, COLLECT_SET, COLLECT_LIST
    }

    public SaltedAggregate {
        requireNonNull(kind, "kind is null");
        requireNonNull(column, "column is null");
        requireNonNull(alias, "alias is null");
        if (column.equals("*") && kind != Kind.COUNT) {
            throw new IllegalArgumentException(kind + " needs a column, not *; only count takes *");
        }
    }

    public static SaltedAggregate sum(String column, String alias) {
        return new SaltedAggregate(Kind.SUM, column, alias);
    }

    /** count(column) counts non-null values; count("*") counts rows. */
    public static SaltedAggregate count(String column, String alias) {
        return new SaltedAggregate(Kind.COUNT, column, alias);
    }

    public static SaltedAggregate min(String column, String alias) {
        return new SaltedAggregate(Kind.MIN, column, alias);
    }

    public static SaltedAggregate max(String column, String alias) {
        return new SaltedAggregate(Kind.MAX, column, alias);
    }

    public static SaltedAggregate avg(String column, String alias) {
        return new SaltedAggregate(Kind.AVG, column, alias);
    }

    /** The distinct values, sorted. */
    public static SaltedAggregate collectSet(String column, String alias) {
        return new SaltedAggregate(Kind.COLLECT_SET, column, alias);
    }

    /** Every value, sorted. */
    public static SaltedAggregate collectList(String column, String alias) {
        return new SaltedAggregate(Kind.COLLECT_LIST, column, alias);
    }
}
