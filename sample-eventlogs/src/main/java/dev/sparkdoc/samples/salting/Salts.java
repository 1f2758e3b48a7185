package dev.sparkdoc.samples.salting;

import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.rand;

import dev.sparkdoc.diagnosis.SaltingAdvice;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/** Salt columns and the checks shared by the salted rewrites. */
public final class Salts {

    private Salts() {
    }

    /** {@code floor(rand(seed) * buckets)} as an int: what sparkdoc's salting advice pastes. */
    public static Column random(int buckets, long seed) {
        requireBuckets(buckets);
        return floor(rand(seed).multiply(buckets)).cast("int");
    }

    static void requireBuckets(int buckets) {
        if (buckets < 1 || buckets > 4 * SaltingAdvice.MAX_BUCKETS) {
            throw new IllegalArgumentException("salt buckets must be between 1 and " + 4 * SaltingAdvice.MAX_BUCKETS
                    + ", not " + buckets + "; sparkdoc advises " + SaltingAdvice.MIN_BUCKETS + " to "
                    + SaltingAdvice.MAX_BUCKETS);
        }
    }

    static StructField requireColumn(Dataset<Row> input, String column) {
        return Arrays.stream(input.schema().fields())
                .filter(field -> field.name().equals(column))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + column + " to salt on among "
                        + String.join(", ", input.columns()) + "; pass one of those"));
    }

    static void requireNoColumn(Dataset<Row> input, String column) {
        if (Arrays.asList(input.columns()).contains(column)) {
            throw new IllegalArgumentException("the input already has a column " + column
                    + ", which the salted rewrite adds; rename it first");
        }
    }
}
