package dev.sparkdoc.samples.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * [gc-pressure] An RDD of Java objects (maps of boxed values and strings) cached deserialized in a 640 MiB heap,
 * then scanned by one long stage whose tasks build many short-lived objects per record: the heap stays nearly full
 * and the collector runs constantly. Four task slots on the machine's cores so the stage accumulates task time quickly.
 */
public final class GcHeavyJob implements ReferenceJob {

    static final int RECORDS = 1_200_000;
    static final int PARTITIONS = 16;
    static final int PASSES = 64;
    static final int RETAINED = 6;

    @Override
    public String name() {
        return "gc-heavy";
    }

    @Override
    public String description() {
        return RECORDS / 1000 + "k Java objects cached deserialized in a 640 MiB heap, then a " + PASSES
                + "-pass allocation-heavy stage";
    }

    @Override
    public Optional<String> plantedRule() {
        return Optional.of("gc-pressure");
    }

    @Override
    public Map<String, String> sparkConf() {
        return Map.of("spark.memory.fraction", "0.8", "spark.memory.storageFraction", "0.9");
    }

    @Override
    public String heap() {
        return "640m";
    }

    @Override
    public String master() {
        return "local[4]";
    }

    @Override
    public Dataset<Row> run(SparkSession spark) {
        JavaRDD<Integer> ids = new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
                .parallelize(range(PARTITIONS), PARTITIONS);
        JavaRDD<Map<String, Object>> records = ids.flatMap(GcHeavyJob::records);
        records.persist(StorageLevel.MEMORY_ONLY());
        records.count();
        // One long stage over the cached objects: enough task time for the GC share to be judged.
        long checksum = records.mapPartitions(GcHeavyJob::churnPartition).reduce(Long::sum);
        records.unpersist(true);
        StructType schema = new StructType().add("checksum", DataTypes.LongType);
        return spark.createDataFrame(List.of(RowFactory.create(checksum)), schema);
    }

    private static List<Integer> range(int n) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(i);
        }
        return values;
    }

    private static Iterator<Map<String, Object>> records(int partition) {
        int per = RECORDS / PARTITIONS;
        List<Map<String, Object>> out = new ArrayList<>(per);
        for (int i = 0; i < per; i++) {
            long id = (long) partition * per + i;
            Map<String, Object> record = new HashMap<>();
            record.put("id", id);
            record.put("name", "customer-" + id);
            record.put("score", (double) (id % 1000));
            out.add(record);
        }
        return out.iterator();
    }

    /** Churns every record, keeping a few strings per record alive until the partition ends (an in-task index). */
    private static Iterator<Long> churnPartition(Iterator<Map<String, Object>> records) {
        List<String> index = new ArrayList<>();
        long h = 0;
        while (records.hasNext()) {
            Map<String, Object> record = records.next();
            h += churn(record, PASSES);
            for (int i = 0; i < RETAINED; i++) {
                index.add(record.get("name") + "#" + i);
            }
        }
        return List.of(h + index.size()).iterator();
    }

    private static long churn(Map<String, Object> record, int passes) {
        long h = (Long) record.get("id");
        for (int pass = 0; pass < passes; pass++) {
            List<String> garbage = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                garbage.add(record.get("name") + "/" + pass + "/" + i);
            }
            for (String s : garbage) {
                h += s.hashCode();
            }
        }
        return h;
    }
}
