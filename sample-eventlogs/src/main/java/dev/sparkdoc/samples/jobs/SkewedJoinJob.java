package dev.sparkdoc.samples.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import dev.sparkdoc.samples.salting.SaltedJoin;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * [data-skew] Orders left-outer-joined to customers with a sort-merge join (AQE and broadcast off), customer 0
 * placing 70% of the orders: the join task for customer 0's partition sorts and joins most of the rows. The salted
 * job salts the orders and replicates the 1,000 customers over the buckets.
 */
public final class SkewedJoinJob implements SkewedJob {

    static final long ORDERS = 8_000_000L;
    static final long CUSTOMERS = 1_000L;
    static final int MAP_PARTITIONS = 8;
    static final long SEED = 42;

    @Override
    public String name() {
        return "skewed-join";
    }

    @Override
    public String description() {
        return "sort-merge left join of " + ORDERS / 1_000_000 + "M orders to " + CUSTOMERS
                + " customers; customer 0 holds 70% of the orders (AQE and broadcast off)";
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
        return Map.of("spark.sql.adaptive.enabled", "false",
                "spark.sql.autoBroadcastJoinThreshold", "-1",
                "spark.sql.shuffle.partitions", "8",
                "spark.shuffle.compress", "false");
    }

    @Override
    public String heap() {
        return "3g";
    }

    @Override
    public String skewKey() {
        return "customer_id";
    }

    @Override
    public String hotKeyValue() {
        return "0";
    }

    static Dataset<Row> orders(SparkSession spark) {
        Column id = col("id");
        // Ids past CUSTOMERS have no customer: the left outer join keeps them with nulls.
        return spark.range(0, ORDERS, 1, MAP_PARTITIONS).select(
                when(id.mod(10).lt(7), lit(0L)).otherwise(id.mod(CUSTOMERS + 10)).as("customer_id"),
                id.as("order_id"),
                id.multiply(7919).mod(10_000).as("amount"),
                concat(lit("order-"), id.cast("string")).as("reference"));
    }

    static Dataset<Row> customers(SparkSession spark) {
        Column id = col("id");
        return spark.range(0, CUSTOMERS, 1, 2).select(
                id.as("customer_id"),
                concat(lit("segment-"), id.mod(7).cast("string")).as("segment"),
                id.mod(50).cast("int").as("region"));
    }

    /** Work per joined row, done where the join runs: a digest of each order line, as for deduplication. */
    static Dataset<Row> enrich(Dataset<Row> joined) {
        return joined.withColumn("line_hash",
                sha2(concat_ws("|", col("reference"), col("segment"), col("amount").cast("string")), 256));
    }

    @Override
    public Dataset<Row> run(SparkSession spark) {
        return enrich(orders(spark).join(customers(spark),
                scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of("customer_id")).toSeq(),
                "left_outer"));
    }

    @Override
    public Dataset<Row> runSalted(SparkSession spark, String key, int buckets) {
        requireSkewKey(key);
        return enrich(SaltedJoin.join(orders(spark), customers(spark), key, buckets, SEED,
                SaltedJoin.Type.LEFT_OUTER));
    }
}
