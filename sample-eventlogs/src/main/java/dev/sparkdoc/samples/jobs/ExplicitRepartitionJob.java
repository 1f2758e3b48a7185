package dev.sparkdoc.samples.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sum;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * No problem: an explicit {@code repartition(2)} of {@value #ROWS} rows on two cores (the plan says
 * {@code RoundRobinPartitioning(2)}, {@code REPARTITION_BY_NUM}), then per-partition hashing. Two tasks on two cores
 * is the parallelism the user asked for; spark.sql.shuffle.partitions plays no part in it, and only the code could
 * change it.
 */
public final class ExplicitRepartitionJob implements ReferenceJob {

    static final long ROWS = 2_000_000;

    @Override
    public String name() {
        return "explicit-repartition";
    }

    @Override
    public String description() {
        return "repartition(2) of " + ROWS / 1_000_000 + "M rows on 2 cores: the stage after it runs 2 tasks by the"
                + " user's choice; no problem planted";
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
        return spark.range(0, ROWS, 1, 8)
                .select(col("id"), sha2(col("id").cast("string"), 256).as("hash"))
                .repartition(2)
                .select(col("id").mod(16).as("bucket"), col("hash"))
                .groupBy("bucket")
                .agg(count(lit(1)).as("rows"), sum(col("bucket")).as("total"));
    }
}
