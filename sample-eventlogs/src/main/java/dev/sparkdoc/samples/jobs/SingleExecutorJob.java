package dev.sparkdoc.samples.jobs;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * No problem: a small aggregation on a single one-core executor, in Spark's {@code local-cluster[1,1,1024]} mode (a
 * standalone master and worker in the driver's JVM, one executor JVM of 1 core and 1 GiB, so the log has a real
 * ExecutorAdded with 1 core; see {@link JobLauncher#localClusterEnvironment}). One core is what the user gave it;
 * there is nothing to rebalance between executors or cores.
 */
public final class SingleExecutorJob implements ReferenceJob {

    static final long ROWS = 500_000;

    @Override
    public String name() {
        return "single-executor";
    }

    @Override
    public String description() {
        return "an aggregation of " + ROWS / 1000 + "k rows on one single-core executor; no problem planted";
    }

    @Override
    public Optional<String> plantedRule() {
        return Optional.empty();
    }

    @Override
    public Map<String, String> sparkConf() {
        return Map.of("spark.sql.shuffle.partitions", "4");
    }

    @Override
    public String master() {
        return "local-cluster[1,1,1024]";
    }

    @Override
    public Dataset<Row> run(SparkSession spark) {
        return spark.range(0, ROWS, 1, 2)
                .select(col("id").mod(100).as("key"), col("id").multiply(3).mod(17).as("value"))
                .groupBy("key")
                .agg(count(lit(1)).as("rows"), avg("value").as("mean"));
    }
}
