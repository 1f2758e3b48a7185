package dev.sparkdoc.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salting a skewed key: how many buckets, and the code to paste. The bucket count spreads the hot key so each
 * bucket holds about what a median partition holds: ceil(skew ratio), between {@value #MIN_BUCKETS} and
 * {@value #MAX_BUCKETS} (beyond that a salted join replicates its small side too many times).
 */
public final class SaltingAdvice {

    public static final int MIN_BUCKETS = 2;
    public static final int MAX_BUCKETS = 64;

    private SaltingAdvice() {
    }

    public static int bucketsFor(double skewRatio) {
        if (Double.isNaN(skewRatio) || skewRatio <= MIN_BUCKETS) {
            return MIN_BUCKETS;
        }
        return (int) Math.min(MAX_BUCKETS, Math.ceil(skewRatio));
    }

    /** Functions a two-stage (salted) aggregation computes exactly: partial results combine into the final one. */
    private static final java.util.Set<String> DECOMPOSABLE = java.util.Set.of("sum", "count", "min", "max", "avg",
            "mean");

    private static final java.util.regex.Pattern CALL = java.util.regex.Pattern.compile("^(\\w+)\\((.*)\\)$");

    /**
     * Two-phase aggregation with the plan's own grouping keys and aggregate functions: aggregate on (keys, salt), then
     * on the keys. Only for functions whose partial results combine exactly (sum, count, min, max, avg); for any
     * other (collect_list, percentile, count(distinct), first, ...) the change comes without code and says why
     * salting needs care. Without functions from a plan, no code either: snippets are generated from the plan or not
     * emitted.
     */
    public static Recommendation.CodeChange aggregation(List<String> keys, List<String> functions, String stage,
            int buckets, String why) {
        String keyList = String.join(", ", keys);
        int last = buckets - 1;
        List<String> hard = new ArrayList<>();
        List<String[]> parsed = new ArrayList<>();
        for (String function : functions) {
            java.util.regex.Matcher call = CALL.matcher(function.trim());
            String name = call.matches() ? call.group(1).toLowerCase(java.util.Locale.ROOT) : "";
            String argument = call.matches() ? call.group(2).trim() : "";
            if (!DECOMPOSABLE.contains(name) || argument.toLowerCase(java.util.Locale.ROOT).startsWith("distinct")) {
                hard.add(function);
            } else {
                parsed.add(new String[] {name, argument});
            }
        }
        String head = "Salt the grouping key " + keyList + " over " + buckets + " buckets (salt 0 to " + last
                + ") in " + stage + ": aggregate on (" + keyList + ", salt), then on " + keyList;
        if (keys.isEmpty() || parsed.isEmpty() || !hard.isEmpty()) {
            String reason = keys.isEmpty() || functions.isEmpty()
                    ? "; the plan does not name the aggregation, so no code is generated."
                    : "; the plan aggregates " + String.join(", ", hard) + ", which does not split into two stages as"
                            + " is (a salted collect_list or percentile must merge lists or sketches, a distinct count"
                            + " must de-duplicate across buckets): two-stage aggregation needs care, so no code is"
                            + " generated.";
            return new Recommendation.CodeChange("salting", head + reason, Map.of(), why);
        }
        List<String> partial = new ArrayList<>();
        List<String> combine = new ArrayList<>();
        List<String> partialSql = new ArrayList<>();
        List<String> combineSql = new ArrayList<>();
        int i = 0;
        for (String[] function : parsed) {
            String name = function[0];
            String argument = function[1];
            String column = name + "_" + argument.replaceAll("\\W+", "_").replaceAll("^_|_$", "");
            if (name.equals("avg") || name.equals("mean")) {
                partial.add("sum(" + argument + ")|p" + i + "_sum");
                partial.add("count(" + argument + ")|p" + i + "_count");
                combine.add("sum(p" + i + "_sum) / sum(p" + i + "_count)|" + column);
            } else {
                partial.add(name + "(" + argument + ")|p" + i);
                String merge = name.equals("count") ? "sum" : name;
                combine.add(merge + "(p" + i + ")|" + column);
            }
            i++;
        }
        for (String expression : partial) {
            String[] parts = expression.split("\\|");
            partialSql.add(parts[0] + " AS " + parts[1]);
        }
        for (String expression : combine) {
            String[] parts = expression.split("\\|");
            combineSql.add(parts[0] + " AS " + parts[1]);
        }
        Map<String, String> snippets = new LinkedHashMap<>();
        snippets.put("java", "import static org.apache.spark.sql.functions.*;\n"
                + "// " + stage + ": spread each " + keyList + " over " + buckets + " buckets, aggregate per ("
                + keyList + ", salt)\n"
                + "Dataset<Row> partial = df\n"
                + "    .withColumn(\"salt\", floor(rand(42).multiply(" + buckets + ")).cast(\"int\"))\n"
                + "    .groupBy(" + columns(keys, "col(\"%s\")") + ", col(\"salt\"))\n"
                + "    .agg(" + aggs(partial, "expr(\"%s\").as(\"%s\")") + ");\n"
                + "// combine the buckets of each " + keyList + "\n"
                + "Dataset<Row> result = partial.groupBy(" + columns(keys, "col(\"%s\")") + ")\n"
                + "    .agg(" + aggs(combine, "expr(\"%s\").as(\"%s\")") + ");\n");
        snippets.put("scala", "import org.apache.spark.sql.functions._\n"
                + "// " + stage + "\n"
                + "val partial = df\n"
                + "  .withColumn(\"salt\", floor(rand(42) * " + buckets + ").cast(\"int\"))\n"
                + "  .groupBy(" + columns(keys, "col(\"%s\")") + ", col(\"salt\"))\n"
                + "  .agg(" + aggs(partial, "expr(\"%s\").as(\"%s\")") + ")\n"
                + "val result = partial.groupBy(" + columns(keys, "col(\"%s\")") + ")\n"
                + "  .agg(" + aggs(combine, "expr(\"%s\").as(\"%s\")") + ")\n");
        snippets.put("pyspark", "from pyspark.sql import functions as F\n"
                + "# " + stage + "\n"
                + "partial = (df\n"
                + "    .withColumn(\"salt\", F.floor(F.rand(42) * " + buckets + ").cast(\"int\"))\n"
                + "    .groupBy(" + columns(keys, "\"%s\"") + ", \"salt\")\n"
                + "    .agg(" + aggs(partial, "F.expr(\"%s\").alias(\"%s\")") + "))\n"
                + "result = (partial.groupBy(" + columns(keys, "\"%s\"") + ")\n"
                + "    .agg(" + aggs(combine, "F.expr(\"%s\").alias(\"%s\")") + "))\n");
        snippets.put("sql", "-- " + stage + "\n"
                + "WITH partial AS (\n"
                + "  SELECT " + keyList + ", salt, " + String.join(", ", partialSql) + "\n"
                + "  FROM (SELECT *, CAST(FLOOR(RAND(42) * " + buckets + ") AS INT) AS salt FROM t) salted\n"
                + "  GROUP BY " + keyList + ", salt)\n"
                + "SELECT " + keyList + ", " + String.join(", ", combineSql) + "\n"
                + "FROM partial GROUP BY " + keyList + "\n");
        return new Recommendation.CodeChange("salting", head + " (the plan's " + String.join(", ", functions)
                + ", combined per bucket).", snippets, why);
    }

    private static String columns(List<String> keys, String format) {
        List<String> parts = new ArrayList<>();
        for (String key : keys) {
            parts.add(format.formatted(key));
        }
        return String.join(", ", parts);
    }

    private static String aggs(List<String> expressions, String format) {
        List<String> parts = new ArrayList<>();
        for (String expression : expressions) {
            String[] split = expression.split("\\|");
            parts.add(format.formatted(split[0].replace("\"", "\\\""), split[1]));
        }
        return String.join(", ", parts);
    }

    /** Salting for a shuffle whose key the plan does not name (an RDD job): what to do, without code. */
    public static Recommendation.CodeChange unnamedKey(String stage, int buckets, String why) {
        return new Recommendation.CodeChange("salting", "Salt the hot key of " + stage + " over " + buckets
                + " buckets: add a random salt 0 to " + (buckets - 1) + " to the key, aggregate or join per (key,"
                + " salt), then combine per key. The log names no key for this shuffle, so no code is generated.",
                Map.of(), why);
    }

    /** Salted join: salt the large side, replicate the small side over every bucket. */
    public static Recommendation.CodeChange join(String key, int buckets, String why) {
        return join(key, "", buckets, why);
    }

    /** Salted join for the join in {@code stage} ("stage 2.0 (...)"), named in the summary when not empty. */
    public static Recommendation.CodeChange join(String key, String stage, int buckets, String why) {
        int last = buckets - 1;
        Map<String, String> snippets = new LinkedHashMap<>();
        snippets.put("java", """
                import static org.apache.spark.sql.functions.*;
                // the large, skewed side: one random bucket per row
                Dataset<Row> saltedLarge = large.withColumn("salt", floor(rand(42).multiply(%2$d)).cast("int"));
                // the small side: every row once per bucket
                Dataset<Row> saltedSmall = small.withColumn("salt", explode(sequence(lit(0), lit(%3$d))));
                Dataset<Row> joined = saltedLarge.join(saltedSmall,
                        saltedLarge.col("%1$s").equalTo(saltedSmall.col("%1$s"))
                            .and(saltedLarge.col("salt").equalTo(saltedSmall.col("salt"))),
                        "inner")   // or "left_outer"
                    .drop(saltedSmall.col("%1$s")).drop("salt");
                """.formatted(key, buckets, last));
        snippets.put("scala", """
                import org.apache.spark.sql.functions._
                val saltedLarge = large.withColumn("salt", floor(rand(42) * %2$d).cast("int"))
                val saltedSmall = small.withColumn("salt", explode(sequence(lit(0), lit(%3$d))))
                val joined = saltedLarge.join(saltedSmall, Seq("%1$s", "salt"), "inner").drop("salt")  // or "left_outer"
                """.formatted(key, buckets, last));
        snippets.put("pyspark", """
                from pyspark.sql import functions as F
                salted_large = large.withColumn("salt", F.floor(F.rand(42) * %2$d).cast("int"))
                salted_small = small.withColumn("salt", F.explode(F.sequence(F.lit(0), F.lit(%3$d))))
                joined = salted_large.join(salted_small, ["%1$s", "salt"], "inner").drop("salt")  # or "left_outer"
                """.formatted(key, buckets, last));
        snippets.put("sql", """
                SELECT l.*, s.*
                FROM (SELECT *, CAST(FLOOR(RAND(42) * %2$d) AS INT) AS salt FROM large) l
                JOIN (SELECT *, EXPLODE(SEQUENCE(0, %3$d)) AS salt FROM small) s    -- or LEFT OUTER JOIN
                  ON l.%1$s = s.%1$s AND l.salt = s.salt
                """.formatted(key, buckets, last));
        return new Recommendation.CodeChange("salting",
                "Salt the join key " + key + " over " + buckets + " buckets: a random salt 0 to " + last
                        + " on the large side, every row of the small side repeated for each salt; join on ("
                        + key + ", salt)" + (stage.isEmpty() ? "" : "; the large side is the input whose hot partitions "
                        + stage + " reads") + ".",
                snippets, why);
    }
}
