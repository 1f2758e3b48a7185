package dev.sparkdoc.samples.salting;

import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Salted equi-join: every row of the large, skewed side gets a salt in 0..buckets-1; every row of the small side is
 * repeated once per salt. Joining on (key, salt) sends the hot key's rows to {@code buckets} tasks instead of one,
 * at the cost of the small side growing {@code buckets} times.
 *
 * <p>Equal to {@code large.join(small, key, type)} (the key column once, then the large side's other columns, then
 * the small side's) for inner and left outer joins: each large row meets each matching small row exactly once,
 * through the one replica carrying its salt, and a large row without a match keeps its nulls.
 */
public final class SaltedJoin {

    /** The join types the rewrite supports: those whose unmatched rows come only from the salted (large) side. */
    public enum Type {
        INNER("inner"), LEFT_OUTER("left_outer");

        private final String sparkName;

        Type(String sparkName) {
            this.sparkName = sparkName;
        }

        public String sparkName() {
            return sparkName;
        }
    }

    private SaltedJoin() {
    }

    public static Dataset<Row> join(Dataset<Row> large, Dataset<Row> small, String key, int buckets, long seed,
            Type type) {
        Salts.requireBuckets(buckets);
        Salts.requireColumn(large, key);
        Salts.requireColumn(small, key);
        Salts.requireNoColumn(large, SaltedAggregation.SALT);
        Salts.requireNoColumn(small, SaltedAggregation.SALT);
        String salt = SaltedAggregation.SALT;
        Dataset<Row> saltedLarge = large.withColumn(salt, Salts.random(buckets, seed));
        Dataset<Row> saltedSmall = small.withColumn(salt, explode(sequence(lit(0), lit(buckets - 1))));
        Dataset<Row> joined = saltedLarge.join(saltedSmall,
                scala.jdk.javaapi.CollectionConverters.asScala(List.of(key, salt)).toSeq(), type.sparkName());
        List<Column> output = new ArrayList<>();
        output.add(joined.col(key));
        for (String column : large.columns()) {
            if (!column.equals(key)) {
                output.add(saltedLarge.col(column));
            }
        }
        for (String column : small.columns()) {
            if (!column.equals(key)) {
                output.add(saltedSmall.col(column));
            }
        }
        return joined.select(output.toArray(Column[]::new));
    }
}
