package dev.sparkdoc.samples.jobs;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** No problem: an evenly spread aggregation of 2M rows over 1,000 keys with Spark's defaults (AQE on). */
public final class HealthyJob implements ReferenceJob {

    @Override
    public String name() {
        return "healthy";
    }

    @Override
    public String description() {
        return "even aggregation of 2M rows over 1,000 keys, Spark defaults (AQE on): no problem planted";
    }

    @Override
    public Optional<String> plantedRule() {
        return Optional.empty();
    }

    @Override
    public Map<String, String> sparkConf() {
        return Map.of();
    }

    @Override
    public Dataset<Row> run(SparkSession spark) {
        return spark.range(0, 2_000_000, 1, 4)
                .select(col("id").mod(1000).as("key"), col("id").multiply(7).mod(100).as("value"))
                .groupBy("key")
                .agg(count(lit(1)).as("rows"), sum("value").as("total"), avg("value").as("mean"));
    }
}
