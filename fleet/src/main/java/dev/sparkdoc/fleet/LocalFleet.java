package dev.sparkdoc.fleet;

import java.time.Clock;
import org.apache.spark.sql.SparkSession;

/**
 * A fleet run from a program that has no Spark session of its own ({@code sparkdoc fleet}): starts one with the
 * master given, or uses the one already running in this JVM (a test's, a notebook's) and leaves it running. Its
 * signature names no Spark type, so a class that calls it loads no Spark class until it does: {@code sparkdoc
 * analyze} stays free of Spark.
 */
public final class LocalFleet {

    private LocalFleet() {
    }

    public static FleetSummary run(String master, FleetOptions options, String sparkdocVersion, Clock clock) {
        SparkSession running = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
                : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
        SparkSession spark = running;
        if (spark == null) {
            SparkSession.Builder builder = SparkSession.builder().appName("sparkdoc fleet").master(master);
            if (master.startsWith("local") && System.getProperty("spark.sql.shuffle.partitions") == null) {
                // the digest's aggregations run over small tables: Spark's 200 shuffle partitions only cost time
                builder.config("spark.sql.shuffle.partitions", "4");
            }
            spark = builder.getOrCreate();
        }
        try {
            return Fleet.run(spark, options, sparkdocVersion, clock);
        } finally {
            if (running == null) {
                spark.stop();
            }
        }
    }
}
