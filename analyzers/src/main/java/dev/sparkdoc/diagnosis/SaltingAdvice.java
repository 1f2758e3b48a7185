package dev.sparkdoc.diagnosis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Salting a skewed key: how many buckets, and the code to paste. The bucket count spreads the hot key so each
 * bucket holds about what a median partition holds: ceil(skew ratio), between {@value #MIN_BUCKETS} and
 * {@value #MAX_BUCKETS} (beyond that a salted join replicates its small side too many times).
 */
public final class SaltingAdvice {

    public static final int MIN_BUCKETS = 2;
    public static final int MAX_BUCKETS = 64;

    private SaltingAdvice() {
    }

    public static int bucketsFor(double skewRatio) {
        if (Double.isNaN(skewRatio) || skewRatio <= MIN_BUCKETS) {
            return MIN_BUCKETS;
        }
        return (int) Math.min(MAX_BUCKETS, Math.ceil(skewRatio));
    }

    /** Two-phase aggregation: aggregate on (key, salt), then on key. */
    public static Recommendation.CodeChange aggregation(String key, int buckets, String why) {
        int last = buckets - 1;
        Map<String, String> snippets = new LinkedHashMap<>();
        snippets.put("java", """
                import static org.apache.spark.sql.functions.*;
                // 1. spread each %1$s over %2$d buckets and aggregate per (%1$s, salt)
                Dataset<Row> partial = df
                    .withColumn("salt", floor(rand(42).multiply(%2$d)).cast("int"))
                    .groupBy(col("%1$s"), col("salt"))
                    .agg(sum("value").as("partial_sum"), count(lit(1)).as("partial_count"));
                // 2. combine the buckets of each %1$s (sum of sums, sum of counts; min of mins, max of maxes)
                Dataset<Row> result = partial.groupBy(col("%1$s"))
                    .agg(sum("partial_sum").as("sum"), sum("partial_count").as("count"));
                """.formatted(key, buckets));
        snippets.put("scala", """
                import org.apache.spark.sql.functions._
                val partial = df
                  .withColumn("salt", floor(rand(42) * %2$d).cast("int"))
                  .groupBy(col("%1$s"), col("salt"))
                  .agg(sum("value").as("partial_sum"), count(lit(1)).as("partial_count"))
                val result = partial.groupBy(col("%1$s"))
                  .agg(sum("partial_sum").as("sum"), sum("partial_count").as("count"))
                """.formatted(key, buckets));
        snippets.put("pyspark", """
                from pyspark.sql import functions as F
                partial = (df
                    .withColumn("salt", F.floor(F.rand(42) * %2$d).cast("int"))
                    .groupBy("%1$s", "salt")
                    .agg(F.sum("value").alias("partial_sum"), F.count(F.lit(1)).alias("partial_count")))
                result = (partial.groupBy("%1$s")
                    .agg(F.sum("partial_sum").alias("sum"), F.sum("partial_count").alias("count")))
                """.formatted(key, buckets));
        snippets.put("sql", """
                WITH partial AS (
                  SELECT %1$s, salt, SUM(value) AS partial_sum, COUNT(*) AS partial_count
                  FROM (SELECT *, CAST(FLOOR(RAND(42) * %2$d) AS INT) AS salt FROM t) salted
                  GROUP BY %1$s, salt)
                SELECT %1$s, SUM(partial_sum) AS sum, SUM(partial_count) AS count
                FROM partial GROUP BY %1$s
                """.formatted(key, buckets));
        return new Recommendation.CodeChange("salting",
                "Salt the grouping key " + key + " over " + buckets + " buckets (salt 0 to " + last
                        + "): aggregate on (" + key + ", salt), then on " + key + ".",
                snippets, why);
    }

    /** Salted join: salt the large side, replicate the small side over every bucket. */
    public static Recommendation.CodeChange join(String key, int buckets, String why) {
        int last = buckets - 1;
        Map<String, String> snippets = new LinkedHashMap<>();
        snippets.put("java", """
                import static org.apache.spark.sql.functions.*;
                // the large, skewed side: one random bucket per row
                Dataset<Row> saltedLarge = large.withColumn("salt", floor(rand(42).multiply(%2$d)).cast("int"));
                // the small side: every row once per bucket
                Dataset<Row> saltedSmall = small.withColumn("salt", explode(sequence(lit(0), lit(%3$d))));
                Dataset<Row> joined = saltedLarge.join(saltedSmall,
                        saltedLarge.col("%1$s").equalTo(saltedSmall.col("%1$s"))
                            .and(saltedLarge.col("salt").equalTo(saltedSmall.col("salt"))),
                        "inner")   // or "left_outer"
                    .drop(saltedSmall.col("%1$s")).drop("salt");
                """.formatted(key, buckets, last));
        snippets.put("scala", """
                import org.apache.spark.sql.functions._
                val saltedLarge = large.withColumn("salt", floor(rand(42) * %2$d).cast("int"))
                val saltedSmall = small.withColumn("salt", explode(sequence(lit(0), lit(%3$d))))
                val joined = saltedLarge.join(saltedSmall, Seq("%1$s", "salt"), "inner").drop("salt")  // or "left_outer"
                """.formatted(key, buckets, last));
        snippets.put("pyspark", """
                from pyspark.sql import functions as F
                salted_large = large.withColumn("salt", F.floor(F.rand(42) * %2$d).cast("int"))
                salted_small = small.withColumn("salt", F.explode(F.sequence(F.lit(0), F.lit(%3$d))))
                joined = salted_large.join(salted_small, ["%1$s", "salt"], "inner").drop("salt")  # or "left_outer"
                """.formatted(key, buckets, last));
        snippets.put("sql", """
                SELECT l.*, s.*
                FROM (SELECT *, CAST(FLOOR(RAND(42) * %2$d) AS INT) AS salt FROM large) l
                JOIN (SELECT *, EXPLODE(SEQUENCE(0, %3$d)) AS salt FROM small) s    -- or LEFT OUTER JOIN
                  ON l.%1$s = s.%1$s AND l.salt = s.salt
                """.formatted(key, buckets, last));
        return new Recommendation.CodeChange("salting",
                "Salt the join key " + key + " over " + buckets + " buckets: a random salt 0 to " + last
                        + " on the large side, every row of the small side repeated for each salt; join on ("
                        + key + ", salt).",
                snippets, why);
    }
}
