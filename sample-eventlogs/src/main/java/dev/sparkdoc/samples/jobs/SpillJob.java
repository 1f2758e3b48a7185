package dev.sparkdoc.samples.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * [shuffle-spill] A ranking window over 8 groups of rows with 64-character payloads, sorted in a small heap with
 * little execution memory (spark.memory.fraction 0.2): each sort task's data is several times its share of memory,
 * so it spills.
 */
public final class SpillJob implements ReferenceJob {

    static final long ROWS = 3_000_000L;

    @Override
    public String name() {
        return "spill";
    }

    @Override
    public String description() {
        return "ranking window over " + ROWS / 1_000_000 + "M rows with 64-char payloads; 768 MiB heap,"
                + " memory fraction 0.2";
    }

    @Override
    public Optional<String> plantedRule() {
        return Optional.of("shuffle-spill");
    }

    @Override
    public Map<String, String> sparkConf() {
        return Map.of("spark.memory.fraction", "0.2", "spark.sql.shuffle.partitions", "4");
    }

    @Override
    public String heap() {
        return "768m";
    }

    @Override
    public Dataset<Row> run(SparkSession spark) {
        // A ranking window sorts each group: unlike a plain orderBy, no later aggregation can drop the sort.
        return spark.range(0, ROWS, 1, 4)
                .select(col("id"), col("id").mod(8).as("shard"), sha2(col("id").cast("string"), 256).as("payload"))
                .withColumn("rank", row_number().over(Window.partitionBy("shard").orderBy("payload")));
    }
}
