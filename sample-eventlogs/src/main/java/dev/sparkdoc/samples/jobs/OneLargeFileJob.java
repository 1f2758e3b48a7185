package dev.sparkdoc.samples.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * No problem: a text scan over one ~{@value #LARGE_FILE_MIB} MiB file among {@value #SMALL_FILES} files of a few KiB,
 * with spark.sql.files.maxPartitionBytes=16m. Spark cuts the large file into 16 MiB splits and packs the small files
 * together, so a few tasks read 16 MiB and most read KiBs: input-size skew that is exactly the split size asked for,
 * in a scan with no shuffle. No key to salt, nothing to fix.
 */
public final class OneLargeFileJob implements ReferenceJob {

    static final int LARGE_FILE_MIB = 80;
    static final int SMALL_FILES = 60;

    @Override
    public String name() {
        return "one-large-file";
    }

    @Override
    public String description() {
        return "a scan of one " + LARGE_FILE_MIB + " MiB file among " + SMALL_FILES + " small ones (16 MiB splits):"
                + " uneven input per task by design; no problem planted";
    }

    @Override
    public Optional<String> plantedRule() {
        return Optional.empty();
    }

    @Override
    public Map<String, String> sparkConf() {
        return Map.of("spark.sql.files.maxPartitionBytes", "16m");
    }

    @Override
    public Dataset<Row> run(SparkSession spark) {
        Path root = ScratchFiles.directory("sparkdoc-one-large-file-");
        int payload = 100;
        long largeLines = (long) LARGE_FILE_MIB * 1024 * 1024 / (payload + 9);
        ScratchFiles.writeLines(root.resolve("large.txt"), 0, largeLines, payload);
        for (int i = 0; i < SMALL_FILES; i++) {
            ScratchFiles.writeLines(root.resolve(String.format("small-%02d.txt", i)), largeLines + i * 20L, 20,
                    payload);
        }
        return spark.read().text(root.toString())
                .agg(count(lit(1)).as("lines"), sum(length(col("value"))).as("chars"));
    }
}
