package dev.sparkdoc.samples.jobs;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A reference Spark job that plants one known problem (or none, for the healthy job). Jobs run in their own JVM in
 * local mode (see {@link JobLauncher}); {@link #run} builds the result, and the runner digests it in one action so
 * the plain and salted runs of a job can be compared.
 */
public interface ReferenceJob {

    /** The name used on the command line, e.g. {@code skewed-aggregation}. */
    String name();

    /** One line: what the job does and what it plants. */
    String description();

    /** The rule id the job is meant to trigger; empty for the healthy job. */
    Optional<String> plantedRule();

    /**
     * Rules the job's own set-up rightly triggers besides the planted one (a skew job must turn adaptive execution
     * off so the hot partition survives, and sparkdoc says AQE is off). Its log triggers exactly these plus the planted
     * rule.
     */
    default java.util.List<String> alsoTriggered() {
        return java.util.List.of();
    }

    /** Every rule the job's log is meant to trigger at warning or above: the planted rule, then the others. */
    default java.util.List<String> intendedRules() {
        java.util.List<String> rules = new java.util.ArrayList<>();
        plantedRule().ifPresent(rules::add);
        rules.addAll(alsoTriggered());
        return java.util.List.copyOf(rules);
    }

    /** Spark settings the job needs, set on the SparkConf before the session starts. */
    Map<String, String> sparkConf();

    /** The forked JVM's heap, as for -Xmx (e.g. {@code 2g}). */
    default String heap() {
        return "2g";
    }

    /** The local master; {@code local[2]} unless the job needs more concurrent tasks. */
    default String master() {
        return "local[2]";
    }

    /** The result, comparable across runs (rows in any order). */
    Dataset<Row> run(SparkSession spark);

    /**
     * Runs the job and digests its result. Most jobs digest {@link #run} in one Spark action; a job whose problem is
     * the action itself (a large collect) overrides this.
     */
    default ResultDigest execute(SparkSession spark) {
        return ResultDigest.of(run(spark));
    }
}
