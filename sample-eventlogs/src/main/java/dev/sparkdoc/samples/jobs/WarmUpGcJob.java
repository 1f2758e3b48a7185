package dev.sparkdoc.samples.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sha2;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * No problem: {@value #WARM_UP_JOBS} sub-second jobs at the start of a fresh JVM (class loading, JIT compilation and
 * the first young collections happen during them, so their GC share looks high), then the job proper. The GC is the
 * JVM warming up: a fraction of a second of wall time that no memory setting removes.
 */
public final class WarmUpGcJob implements ReferenceJob {

    static final int WARM_UP_JOBS = 6;
    static final long ROWS = 200_000;

    @Override
    public String name() {
        return "warm-up-gc";
    }

    @Override
    public String description() {
        return WARM_UP_JOBS + " sub-second jobs in a fresh JVM (warm-up GC), then a small aggregation; no problem"
                + " planted";
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
    public String heap() {
        return "512m";
    }

    @Override
    public Dataset<Row> run(SparkSession spark) {
        for (int i = 0; i < WARM_UP_JOBS; i++) {
            spark.range(0, ROWS, 1, 4)
                    .select(sha2(concat(col("id").cast("string"), lit("-" + i)), 256).as("hash"))
                    .agg(max(col("hash")))
                    .collectAsList();
        }
        return spark.range(0, ROWS, 1, 4)
                .select(col("id").mod(100).as("key"), sha2(col("id").cast("string"), 256).as("hash"))
                .groupBy("key")
                .agg(count(lit(1)).as("rows"), max(col("hash")).as("largest"));
    }
}
