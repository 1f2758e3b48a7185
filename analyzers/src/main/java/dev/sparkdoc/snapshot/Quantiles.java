package dev.sparkdoc.snapshot;

/** Quantiles the way Spark's History Server picks them, so sparkdoc's numbers equal the Spark UI's. */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * Picks {@code quantiles} from {@code sorted} (ascending), indexing with {@code count}:
     * {@code min(floor(q * count), count - 1)}. Spark passes the number of successful tasks as {@code count}
     * even when {@code sorted} holds more values (its task-duration quirk), so the two are separate.
     */
    public static double[] of(long[] sorted, long count, double... quantiles) {
        double[] result = new double[quantiles.length];
        if (count <= 0) {
            java.util.Arrays.fill(result, Double.NaN);
            return result;
        }
        for (int i = 0; i < quantiles.length; i++) {
            long index = Math.min((long) (quantiles[i] * count), count - 1);
            result[i] = index < sorted.length ? sorted[(int) index] : Double.NaN;
        }
        return result;
    }
}
