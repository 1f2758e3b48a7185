package dev.sparkdoc.samples.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A reference job with one hot key, and the same job rewritten with salting. */
public interface SkewedJob extends ReferenceJob {

    /** The column holding the hot key, as the SQL plan names it. */
    String skewKey();

    /** The hot key's value. */
    String hotKeyValue();

    /**
     * The same result as {@link #run}, computed with the key salted over {@code buckets} buckets.
     *
     * @param key the key to salt, as named by the data-skew finding; must be {@link #skewKey()}
     */
    Dataset<Row> runSalted(SparkSession spark, String key, int buckets);

    /** Rejects a key other than this job's skew key, in one line saying what to pass instead. */
    default void requireSkewKey(String key) {
        if (!skewKey().equals(key)) {
            throw new IllegalArgumentException("job " + name() + " can only salt its key " + skewKey() + ", not "
                    + key + "; pass " + skewKey());
        }
    }
}
