package dev.sparkdoc.samples.salting;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Two-phase salted aggregation: give every row a salt in 0..buckets-1, aggregate on (key, salt), then combine the
 * buckets of each key. The rows of a hot key are spread over {@code buckets} tasks in the first phase; the second
 * phase reads at most {@code buckets} partial rows per key.
 *
 * <p>Equal to {@code df.groupBy(key).agg(...)} for: sum, count, min, max, avg (sum of sums over sum of counts; for
 * integral columns the sum is exact, so avg equals sum/count exactly, whereas Spark's own avg sums in double), and
 * order-insensitive collects (sorted). Keys with a null value group together in both forms.
 */
public final class SaltedAggregation {

    /** The salt column's name; it must not clash with a column of the input. */
    public static final String SALT = "_salt";

    private SaltedAggregation() {
    }

    /** Salted with {@code rand(seed)}: a uniform spread that is the same on every run of the same input. */
    public static Dataset<Row> aggregate(Dataset<Row> input, String key, int buckets, long seed,
            List<SaltedAggregate> aggregates) {
        return aggregate(input, key, Salts.random(buckets, seed), aggregates);
    }

    /** Salted with the given salt column expression (values 0 to buckets-1). */
    public static Dataset<Row> aggregate(Dataset<Row> input, String key, Column salt,
            List<SaltedAggregate> aggregates) {
        if (aggregates.isEmpty()) {
            throw new IllegalArgumentException("a salted aggregation needs at least one aggregate");
        }
        Salts.requireColumn(input, key);
        Salts.requireNoColumn(input, SALT);
        List<Column> partials = new ArrayList<>();
        List<Column> finals = new ArrayList<>();
        for (int i = 0; i < aggregates.size(); i++) {
            SaltedAggregate aggregate = aggregates.get(i);
            String p = "_p" + i;
            Column in = aggregate.column().equals("*") ? lit(1) : col(aggregate.column());
            switch (aggregate.kind()) {
                case SUM -> {
                    partials.add(sum(in).as(p));
                    finals.add(sum(col(p)).as(aggregate.alias()));
                }
                case COUNT -> {
                    partials.add(count(in).as(p));
                    finals.add(sum(col(p)).cast("long").as(aggregate.alias()));
                }
                case MIN -> {
                    partials.add(min(in).as(p));
                    finals.add(min(col(p)).as(aggregate.alias()));
                }
                case MAX -> {
                    partials.add(max(in).as(p));
                    finals.add(max(col(p)).as(aggregate.alias()));
                }
                case AVG -> {
                    DataType type = Salts.requireColumn(input, aggregate.column()).dataType();
                    Column exactSum = sum(type instanceof DecimalType ? in : in.cast(sumType(type)));
                    partials.add(exactSum.as(p + "s"));
                    partials.add(count(in).as(p + "c"));
                    Column total = sum(col(p + "s"));
                    Column rows = sum(col(p + "c"));
                    Column average = type instanceof DecimalType
                            ? total.divide(rows)
                            : total.cast("double").divide(rows);
                    finals.add(when(rows.gt(0), average).as(aggregate.alias()));
                }
                case COLLECT_SET -> {
                    partials.add(collect_set(in).as(p));
                    finals.add(array_sort(array_distinct(flatten(collect_list(col(p))))).as(aggregate.alias()));
                }
                case COLLECT_LIST -> {
                    partials.add(collect_list(in).as(p));
                    finals.add(array_sort(flatten(collect_list(col(p)))).as(aggregate.alias()));
                }
                default -> throw new IllegalStateException("unhandled aggregate " + aggregate.kind());
            }
        }
        Dataset<Row> partial = input.withColumn(SALT, salt)
                .groupBy(col(key), col(SALT))
                .agg(partials.get(0), partials.subList(1, partials.size()).toArray(Column[]::new));
        return partial.groupBy(col(key))
                .agg(finals.get(0), finals.subList(1, finals.size()).toArray(Column[]::new));
    }

    /** Integral sums stay exact in long; floating ones in double. */
    private static DataType sumType(DataType type) {
        if (type.equals(DataTypes.ByteType) || type.equals(DataTypes.ShortType)
                || type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType)) {
            return DataTypes.LongType;
        }
        return DataTypes.DoubleType;
    }
}
