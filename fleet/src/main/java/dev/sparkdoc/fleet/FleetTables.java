package dev.sparkdoc.fleet;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The three output tables (docs/fleet.md describes every column) and where they live under {@code --out}: Parquet in
 * {@code applications/}, {@code findings/}, {@code recommendations/}, the same rows as JSON lines under {@code json/}.
 * Every run appends; each row carries its {@code runId}. {@link #current} reads the latest result of each log.
 */
public final class FleetTables {

    public static final String APPLICATIONS = "applications";
    public static final String FINDINGS = "findings";
    public static final String RECOMMENDATIONS = "recommendations";
    public static final String JSON = "json";

    public static final StructType APPLICATIONS_SCHEMA = new StructType(new StructField[] {
        field("runId", StringType, false),
        field("analyzedAt", TimestampType, false),
        field("logPath", StringType, false),
        field("logSize", LongType, false),
        field("logModified", LongType, false),
        field("appId", StringType, true),
        field("attemptId", StringType, true),
        field("name", StringType, true),
        field("user", StringType, true),
        field("startTime", TimestampType, true),
        field("endTime", TimestampType, true),
        field("durationMs", LongType, true),
        field("complete", BooleanType, true),
        field("sparkVersion", StringType, true),
        field("executors", IntegerType, true),
        field("cores", IntegerType, true),
        field("taskTimeMs", LongType, true),
        field("gcTimeMs", LongType, true),
        field("shuffleReadBytes", LongType, true),
        field("shuffleWriteBytes", LongType, true),
        field("memorySpillBytes", LongType, true),
        field("diskSpillBytes", LongType, true),
        field("findings", IntegerType, true),
        field("worstSeverity", StringType, true),
        field("topRule", StringType, true),
        field("timeLostMs", LongType, true),
        field("warnings", createArrayType(StringType, false), true),
        field("error", StringType, true),
        field("errorCause", StringType, true),
        // why a file found in a directory is no event log (not an application, not an error); null otherwise.
        // Last, so that tables written before it read it as null.
        field("skipped", StringType, true),
    });

    /** The findings as the tasks make them: the evidence map as two arrays, names and values. */
    static final StructType FINDING_ROWS_SCHEMA = new StructType(new StructField[] {
        field("runId", StringType, false),
        field("logPath", StringType, false),
        field("appId", StringType, true),
        field("attemptId", StringType, true),
        field("appName", StringType, false),
        field("rule", StringType, false),
        field("title", StringType, false),
        field("severity", StringType, false),
        field("scopeKind", StringType, false),
        field("scope", StringType, false),
        field("summary", StringType, false),
        field("evidenceNames", createArrayType(StringType, false), false),
        field("evidenceValues", createArrayType(StringType, false), false),
        field("timeLostMs", LongType, true),
        field("recommendations", createArrayType(StringType, false), false),
        field("json", StringType, false),
    });

    /** The findings table: the rows above with the evidence as one map in place of its two arrays. */
    public static final StructType FINDINGS_SCHEMA = withEvidenceMap(FINDING_ROWS_SCHEMA);

    private static StructType withEvidenceMap(StructType rows) {
        java.util.List<StructField> fields = new java.util.ArrayList<>();
        for (StructField field : rows.fields()) {
            if (field.name().equals("evidenceNames")) {
                fields.add(field("evidence", createMapType(StringType, StringType, false), false));
            } else if (!field.name().equals("evidenceValues")) {
                fields.add(field);
            }
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    public static final StructType RECOMMENDATIONS_SCHEMA = new StructType(new StructField[] {
        field("runId", StringType, false),
        field("logPath", StringType, false),
        field("appId", StringType, true),
        field("attemptId", StringType, true),
        field("appName", StringType, false),
        field("key", StringType, false),
        field("current", StringType, true),
        field("currentIsDefault", BooleanType, false),
        field("proposed", StringType, false),
        field("intent", StringType, false),
        field("rules", createArrayType(StringType, false), false),
        field("timeLostMs", LongType, false),
    });

    private FleetTables() {
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }

    /** The findings table's rows from the tasks' rows: the evidence map made from its names and values. */
    static Dataset<Row> findings(Dataset<Row> taskRows) {
        java.util.List<org.apache.spark.sql.Column> columns = new java.util.ArrayList<>();
        for (StructField field : FINDINGS_SCHEMA.fields()) {
            columns.add(field.name().equals("evidence")
                    ? functions.map_from_arrays(functions.col("evidenceNames"), functions.col("evidenceValues"))
                            .as("evidence")
                    : functions.col(field.name()));
        }
        return taskRows.select(columns.toArray(org.apache.spark.sql.Column[]::new));
    }

    static String parquet(String out, String table) {
        return out + "/" + table;
    }

    static String json(String out, String table) {
        return out + "/" + JSON + "/" + table;
    }

    /**
     * The latest result of each log: of the rows of one log path, the one of its newest version (modification time),
     * and of those the last analyzed. Several runs, {@code --full} reruns among them, append; this is how they are
     * deduplicated.
     */
    public static Dataset<Row> currentApplications(SparkSession spark, String out) {
        Dataset<Row> all = spark.read().schema(APPLICATIONS_SCHEMA).parquet(parquet(out, APPLICATIONS));
        return all.withColumn("_rank", functions.row_number().over(Window.partitionBy("logPath")
                        .orderBy(functions.col("logModified").desc(), functions.col("analyzedAt").desc(),
                                functions.col("runId").desc())))
                .where("_rank = 1").drop("_rank");
    }

    /** The rows of {@code table} (findings or recommendations) that belong to {@link #currentApplications}. */
    public static Dataset<Row> current(SparkSession spark, String out, String table, Dataset<Row> applications) {
        StructType schema = FINDINGS.equals(table) ? FINDINGS_SCHEMA : RECOMMENDATIONS_SCHEMA;
        Dataset<Row> rows = spark.read().schema(schema).parquet(parquet(out, table));
        Dataset<Row> keys = applications.select(functions.col("logPath").as("_logPath"),
                functions.col("runId").as("_runId"));
        return rows.join(keys, rows.col("logPath").equalTo(keys.col("_logPath"))
                .and(rows.col("runId").equalTo(keys.col("_runId"))), "left_semi");
    }
}
