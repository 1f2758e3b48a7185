package dev.sparkdoc.samples.jobs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.shuffle.FetchFailedException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * [fetch-failure] A reduceByKey whose reduce task 0 throws a real FetchFailedException on the stage's first attempt:
 * Spark marks the map output lost, resubmits the map stage, retries the reduce stage, and the job succeeds.
 */
public final class FetchFailureJob implements ReferenceJob {

    static final int ROWS = 400_000;

    @Override
    public String name() {
        return "fetch-failure";
    }

    @Override
    public String description() {
        return "reduceByKey over " + ROWS / 1000 + "k rows; reduce task 0 fails with FetchFailed on the first attempt";
    }

    @Override
    public Optional<String> plantedRule() {
        return Optional.of("fetch-failure");
    }

    @Override
    public Map<String, String> sparkConf() {
        return Map.of();
    }

    @Override
    public Dataset<Row> run(SparkSession spark) {
        JavaSparkContext context = new JavaSparkContext(spark.sparkContext());
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            values.add(i);
        }
        JavaPairRDD<Integer, Long> sums = context.parallelize(values, 4)
                .mapToPair(i -> new Tuple2<>(i % 100, (long) i))
                .reduceByKey(Long::sum, 4);
        int shuffleId = ((org.apache.spark.ShuffleDependency<?, ?, ?>) sums.rdd().dependencies().head()).shuffleId();
        JavaRDD<Row> rows = sums.mapPartitionsWithIndex((partition, it) -> failOnce(partition, it, shuffleId), false);
        StructType schema = new StructType().add("key", DataTypes.IntegerType).add("total", DataTypes.LongType);
        return spark.createDataFrame(rows.collect(), schema);
    }

    private static Iterator<Row> failOnce(int partition, Iterator<Tuple2<Integer, Long>> it, int shuffleId)
            throws FetchFailedException {
        TaskContext task = TaskContext.get();
        if (partition == 0 && task.stageAttemptNumber() == 0 && task.attemptNumber() == 0) {
            throw new FetchFailedException(SparkEnv.get().blockManager().blockManagerId(), shuffleId, 0L, 0,
                    partition, "planted by the fetch-failure reference job: map output 0 is 'lost'", null);
        }
        List<Row> out = new ArrayList<>();
        it.forEachRemaining(pair -> out.add(RowFactory.create(pair._1(), pair._2())));
        return out.iterator();
    }
}
