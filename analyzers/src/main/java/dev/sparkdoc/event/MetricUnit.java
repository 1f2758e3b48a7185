package dev.sparkdoc.event;

/** The unit a metric value is written in. Spark mixes milliseconds and nanoseconds; this keeps them apart. */
public enum MetricUnit {
    MILLISECONDS("ms"),
    NANOSECONDS("ns"),
    BYTES("bytes"),
    COUNT("count");

    private final String symbol;

    MetricUnit(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Converts a value in this unit to milliseconds; only for time units. */
    public double toMillis(long value) {
        return switch (this) {
            case MILLISECONDS -> value;
            case NANOSECONDS -> value / 1_000_000.0;
            default -> throw new IllegalStateException(this + " is not a time unit");
        };
    }
}
