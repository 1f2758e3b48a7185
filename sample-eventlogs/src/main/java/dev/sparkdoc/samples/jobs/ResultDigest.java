package dev.sparkdoc.samples.jobs;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * An order-insensitive fingerprint of a result: its column types, its row count, and sums of three independent
 * 32-bit row hashes (the halves of xxhash64 and murmur3). Two results with the same rows in any order have the same
 * digest; different results collide only by chance (about 2^-96). Computed in one Spark action, so a large result
 * (a join's output) never travels to the driver.
 */
public record ResultDigest(String columns, long rows, long xxLowSum, long xxHighSum, long murmurSum) {

    private static final long LOW_32 = 0xFFFFFFFFL;

    public ResultDigest {
        requireNonNull(columns, "columns is null");
    }

    public static ResultDigest of(Dataset<Row> result) {
        Column[] all = Arrays.stream(result.columns()).map(name -> result.col(name)).toArray(Column[]::new);
        Dataset<Row> hashed = result.select(xxhash64(all).as("xx"), hash(all).as("mm"));
        // Each sum adds values below 2^32: safe from overflow up to 2^31 rows.
        Row row = hashed.agg(count(lit(1)),
                        sum(col("xx").bitwiseAND(LOW_32)),
                        sum(shiftrightunsigned(col("xx"), 32)),
                        sum(col("mm").cast("long").bitwiseAND(LOW_32)))
                .first();
        return new ResultDigest(columnTypes(result), row.getLong(0), orZero(row, 1), orZero(row, 2), orZero(row, 3));
    }

    /** The digest of rows already on the driver, for jobs that collect; same definition, computed locally. */
    public static ResultDigest ofCollected(String columns, List<Row> rows, java.util.function.ToLongFunction<Row> hash) {
        long low = 0;
        long high = 0;
        for (Row row : rows) {
            long h = hash.applyAsLong(row);
            low += h & LOW_32;
            high += h >>> 32;
        }
        return new ResultDigest(columns, rows.size(), low, high, 0);
    }

    /** "name:type, ..." without nullability: a salted rewrite may differ in nullability only. */
    public static String columnTypes(Dataset<Row> result) {
        StringBuilder text = new StringBuilder();
        for (StructField field : result.schema().fields()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(field.name()).append(':').append(field.dataType().simpleString());
        }
        return text.toString();
    }

    private static long orZero(Row row, int index) {
        return row.isNullAt(index) ? 0 : row.getLong(index);
    }

    /** One line, {@link #parse}-able. */
    public String format() {
        return rows + " " + xxLowSum + " " + xxHighSum + " " + murmurSum + " " + columns;
    }

    public static ResultDigest parse(String line) {
        String[] parts = line.trim().split(" ", 5);
        if (parts.length < 4) {
            throw new IllegalArgumentException("not a result digest: '" + line + "'; expected 'rows xx xx mm columns'");
        }
        return new ResultDigest(parts.length == 5 ? parts[4] : "", Long.parseLong(parts[0]), Long.parseLong(parts[1]),
                Long.parseLong(parts[2]), Long.parseLong(parts[3]));
    }
}
