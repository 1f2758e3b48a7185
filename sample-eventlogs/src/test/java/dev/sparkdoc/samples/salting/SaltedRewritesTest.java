package dev.sparkdoc.samples.salting;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The salted rewrites return exactly what the plain aggregation and join return, on small data in this JVM. */
class SaltedRewritesTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("SaltedRewritesTest")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** key 0 holds most rows; some values and one key are null. */
    private static Dataset<Row> facts() {
        return spark.range(0, 20_000, 1, 4).select(
                when(col("id").mod(10).lt(7), lit(0L)).when(col("id").equalTo(5), lit(null))
                        .otherwise(col("id").mod(37)).as("k"),
                when(col("id").mod(101).equalTo(0), lit(null)).otherwise(col("id").mod(1000)).as("v"),
                col("id").mod(13).cast("int").as("tag"));
    }

    @Test
    void saltedAggregationEqualsPlainForEveryAggregate() {
        Dataset<Row> plain = facts().groupBy("k").agg(
                count(lit(1)).as("rows"),
                count(col("v")).as("values"),
                sum("v").as("total"),
                min("v").as("low"),
                max("v").as("high"),
                sum("v").cast("double").divide(count(col("v"))).as("mean"),
                array_sort(collect_set("tag")).as("tags"),
                array_sort(collect_list("tag")).as("all_tags"));
        Dataset<Row> salted = SaltedAggregation.aggregate(facts(), "k", 7, 42, List.of(
                SaltedAggregate.count("*", "rows"),
                SaltedAggregate.count("v", "values"),
                SaltedAggregate.sum("v", "total"),
                SaltedAggregate.min("v", "low"),
                SaltedAggregate.max("v", "high"),
                SaltedAggregate.avg("v", "mean"),
                SaltedAggregate.collectSet("tag", "tags"),
                SaltedAggregate.collectList("tag", "all_tags")));
        assertSameRows(plain, salted);
    }

    @Test
    void saltedAvgMatchesSparkAvgOnIntegralColumns() {
        Dataset<Row> plain = facts().groupBy("k").agg(avg("v").as("mean"));
        Dataset<Row> salted = SaltedAggregation.aggregate(facts(), "k", 5, 7,
                List.of(SaltedAggregate.avg("v", "mean")));
        // Spark sums integral values in double; exact for these magnitudes.
        assertSameRows(plain, salted);
    }

    @Test
    void collectSetOfSaltedBucketsIsDistinct() {
        Dataset<Row> salted = SaltedAggregation.aggregate(facts(), "k", 9, 1,
                List.of(SaltedAggregate.collectSet("tag", "tags")));
        Dataset<Row> plain = facts().groupBy("k").agg(array_sort(array_distinct(collect_list("tag"))).as("tags"));
        assertSameRows(plain, salted);
    }

    private static Dataset<Row> customers() {
        return spark.range(0, 30, 1, 2).select(col("id").as("k"), col("id").multiply(3).as("score"));
    }

    @Test
    void saltedInnerJoinEqualsPlain() {
        Dataset<Row> plain = facts().join(customers(), seq("k"), "inner");
        Dataset<Row> salted = SaltedJoin.join(facts(), customers(), "k", 6, 42, SaltedJoin.Type.INNER);
        assertSameRows(plain, salted);
    }

    @Test
    void saltedLeftOuterJoinKeepsUnmatchedRowsOnce() {
        Dataset<Row> plain = facts().join(customers(), seq("k"), "left_outer");
        Dataset<Row> salted = SaltedJoin.join(facts(), customers(), "k", 6, 42, SaltedJoin.Type.LEFT_OUTER);
        assertEquals(20_000, salted.count());
        assertSameRows(plain, salted);
    }

    @Test
    void unknownKeyIsRejectedNamingTheColumns() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SaltedAggregation.aggregate(facts(), "nope", 4, 1, List.of(SaltedAggregate.sum("v", "s"))));
        assertTrue(error.getMessage().contains("k, v, tag"), error.getMessage());
    }

    private static scala.collection.immutable.Seq<String> seq(String... columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(columns)).toList();
    }

    private static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
        assertEquals(Arrays.asList(expected.columns()), Arrays.asList(actual.columns()));
        assertEquals(sorted(expected), sorted(actual));
    }

    private static List<String> sorted(Dataset<Row> rows) {
        List<String> lines = new ArrayList<>();
        for (Row row : rows.collectAsList()) {
            lines.add(row.toString());
        }
        lines.sort(null);
        return lines;
    }
}
