package dev.sparkdoc.samples.jobs;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import dev.sparkdoc.samples.salting.SaltedAggregate;
import dev.sparkdoc.samples.salting.SaltedAggregation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * [data-skew] Per-merchant order statistics where merchant 0 places 70% of the orders. The plain job builds them
 * from collect_list, so map-side partial aggregation cannot shrink the hot key: every one of its rows travels through
 * the shuffle to one task. The salted job computes the same statistics with a two-phase aggregation on
 * (merchant, salt), whose partials are one row per bucket.
 */
public final class SkewedAggregationJob implements SkewedJob {

    static final long ROWS = 9_000_000L;
    static final int MAP_PARTITIONS = 8;
    static final int COLD_MERCHANTS = 99;
    static final long SEED = 42;

    @Override
    public String name() {
        return "skewed-aggregation";
    }

    @Override
    public String description() {
        return "per-merchant stats from collect_list; merchant 0 holds 70% of " + ROWS / 1_000_000
                + "M orders (AQE off)";
    }

    /** AQE is off on purpose (with it, the small job's hot partition would be coalesced away). */
    @Override
    public java.util.List<String> alsoTriggered() {
        return java.util.List.of("aqe-disabled");
    }

    @Override
    public Optional<String> plantedRule() {
        return Optional.of("data-skew");
    }

    @Override
    public Map<String, String> sparkConf() {
        // Shuffle compression off: the shuffle read bytes are the rows' own size, the same on every machine.
        return Map.of("spark.sql.adaptive.enabled", "false", "spark.sql.shuffle.partitions", "8",
                "spark.shuffle.compress", "false");
    }

    @Override
    public String skewKey() {
        return "merchant";
    }

    @Override
    public String hotKeyValue() {
        return "0";
    }

    static Dataset<Row> orders(SparkSession spark) {
        Column id = col("id");
        return spark.range(0, ROWS, 1, MAP_PARTITIONS).select(
                when(id.mod(10).lt(7), lit(0L)).otherwise(id.mod(COLD_MERCHANTS).plus(1)).as("merchant"),
                id.multiply(7919).mod(10_000).as("amount"),
                id.divide(10).cast("long").mod(100).cast("int").as("category"));
    }

    @Override
    public Dataset<Row> run(SparkSession spark) {
        Column amounts = col("amounts");
        Column orders = size(amounts).cast("long");
        Column total = aggregate(amounts, lit(0L), (sum, x) -> sum.plus(x));
        return orders(spark)
                .groupBy(col("merchant"))
                .agg(collect_list("amount").as("amounts"), collect_list("category").as("categories"))
                .select(col("merchant"),
                        orders.as("orders"),
                        total.as("total"),
                        array_min(amounts).as("min_amount"),
                        array_max(amounts).as("max_amount"),
                        total.cast("double").divide(orders).as("avg_amount"),
                        array_sort(array_distinct(col("categories"))).as("categories"));
    }

    @Override
    public Dataset<Row> runSalted(SparkSession spark, String key, int buckets) {
        requireSkewKey(key);
        return SaltedAggregation.aggregate(orders(spark), key, buckets, SEED, List.of(
                SaltedAggregate.count("*", "orders"),
                SaltedAggregate.sum("amount", "total"),
                SaltedAggregate.min("amount", "min_amount"),
                SaltedAggregate.max("amount", "max_amount"),
                SaltedAggregate.avg("amount", "avg_amount"),
                SaltedAggregate.collectSet("category", "categories")));
    }
}
