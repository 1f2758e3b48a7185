package dev.sparkdoc.samples.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sha2;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * [driver-oom-risk] collect() of about 85 MiB of hard-to-compress rows against spark.driver.maxResultSize of
 * 128 MiB: the job succeeds, at about 70% of the limit.
 */
public final class DriverOomRiskJob implements ReferenceJob {

    static final long ROWS = 650_000L;

    @Override
    public String name() {
        return "driver-oom-risk";
    }

    @Override
    public String description() {
        return "collect() of " + ROWS / 1000 + "k rows (~85 MiB) with spark.driver.maxResultSize 128m";
    }

    @Override
    public Optional<String> plantedRule() {
        return Optional.of("driver-oom-risk");
    }

    @Override
    public Map<String, String> sparkConf() {
        return Map.of("spark.driver.maxResultSize", "128m", "spark.driver.memory", "2g");
    }

    @Override
    public Dataset<Row> run(SparkSession spark) {
        return spark.range(0, ROWS, 1, 4).select(col("id"),
                sha2(col("id").cast("string"), 512).as("a"),
                sha2(col("id").plus(1).cast("string"), 512).as("b"));
    }

    @Override
    public ResultDigest execute(SparkSession spark) {
        Dataset<Row> result = run(spark);
        List<Row> rows = result.collectAsList();
        return ResultDigest.ofCollected(ResultDigest.columnTypes(result), rows,
                row -> row.getLong(0) * 31 + row.getString(1).hashCode() * 17L + row.getString(2).hashCode());
    }
}
