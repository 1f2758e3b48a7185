package dev.sparkdoc.samples.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sha2;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * [shuffle-spill] A global sort of rows with a 64-character payload in a small heap with little execution memory
 * (spark.memory.fraction 0.2): each sort task's data is several times its share of memory, so it spills.
 */
public final class SpillJob implements ReferenceJob {

    static final long ROWS = 3_000_000L;

    @Override
    public String name() {
        return "spill";
    }

    @Override
    public String description() {
        return "global sort of " + ROWS / 1_000_000 + "M rows with 64-char payloads, 768 MiB heap, memory fraction 0.2";
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
        return spark.range(0, ROWS, 1, 4)
                .select(col("id"), sha2(col("id").cast("string"), 256).as("payload"))
                .orderBy(col("payload"));
    }
}
