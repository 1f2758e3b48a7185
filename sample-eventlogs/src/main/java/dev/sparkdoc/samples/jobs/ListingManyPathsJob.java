package dev.sparkdoc.samples.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * No problem: a small CSV dataset partitioned over {@value #DIRECTORIES} directories ({@code day=N/}), read and
 * counted per day. With more paths than spark.sql.sources.parallelPartitionDiscovery.threshold (32), Spark lists the
 * directories in a job of its own ("Listing leaf files and directories for N paths"): one tiny task per path, in a
 * fresh JVM. That job is Spark's, not the user's; nothing here is a problem.
 */
public final class ListingManyPathsJob implements ReferenceJob {

    static final int DIRECTORIES = 64;
    static final int ROWS_PER_FILE = 500;

    @Override
    public String name() {
        return "listing-many-paths";
    }

    @Override
    public String description() {
        return "a CSV dataset over " + DIRECTORIES + " partition directories: Spark lists them in a job of its own;"
                + " no problem planted";
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
        Path root = ScratchFiles.directory("sparkdoc-listing-");
        for (int day = 0; day < DIRECTORIES; day++) {
            ScratchFiles.writeLines(root.resolve("day=" + day).resolve("part-0.csv"), (long) day * ROWS_PER_FILE,
                    ROWS_PER_FILE, 16);
        }
        return spark.read().option("header", "false").schema("id LONG, payload STRING")
                .csv(root.toString())
                .groupBy(col("day"))
                .agg(count(lit(1)).as("rows"), sum(col("id")).as("ids"));
    }
}
