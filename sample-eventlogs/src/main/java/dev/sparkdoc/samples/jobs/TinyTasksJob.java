package dev.sparkdoc.samples.jobs;

import static org.apache.spark.sql.functions.col;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** [tiny-tasks] 60,000 rows in 1,200 partitions: each task does a few milliseconds of work. */
public final class TinyTasksJob implements ReferenceJob {

    static final int PARTITIONS = 1_200;

    @Override
    public String name() {
        return "tiny-tasks";
    }

    @Override
    public String description() {
        return "60k rows in " + PARTITIONS + " partitions: " + PARTITIONS + " tasks of a few milliseconds";
    }

    @Override
    public Optional<String> plantedRule() {
        return Optional.of("tiny-tasks");
    }

    @Override
    public Map<String, String> sparkConf() {
        return Map.of();
    }

    @Override
    public Dataset<Row> run(SparkSession spark) {
        return spark.range(0, 60_000, 1, PARTITIONS).select(col("id"), col("id").mod(7).as("bucket"));
    }
}
