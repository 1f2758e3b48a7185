package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.event.PlanNode;
import dev.sparkdoc.snapshot.SqlExecution;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A partition count the user's code fixed, found in a SQL execution's final plan: {@code repartition(n)}
 * ({@code RoundRobinPartitioning(n)}, or a hash/range partitioning marked {@code REPARTITION_BY_NUM}) or
 * {@code coalesce(n)} ({@code Coalesce n}). {@code spark.sql.shuffle.partitions} does not change these; only the code
 * does.
 */
public record ExplicitPartitioning(String operator, int partitions, String planNode) {

    private static final Pattern ROUND_ROBIN = Pattern.compile("RoundRobinPartitioning\\((\\d+)\\)");
    private static final Pattern BY_NUM = Pattern.compile("(?i)(hash|range)partitioning\\(.*,\\s*(\\d+)\\)\\s*,\\s*"
            + "REPARTITION_BY_NUM");
    private static final Pattern COALESCE = Pattern.compile("^Coalesce\\s+(\\d+)");

    public ExplicitPartitioning {
        requireNonNull(operator, "operator is null");
        requireNonNull(planNode, "planNode is null");
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
    }

    /** The explicit partitioning in the plan that yields {@code partitions} partitions, if the user's code set it. */
    public static Optional<ExplicitPartitioning> find(SqlExecution sql, int partitions) {
        return sql.planTree().flatMap(root -> find(root, partitions));
    }

    private static Optional<ExplicitPartitioning> find(PlanNode node, int partitions) {
        Optional<ExplicitPartitioning> here = of(node);
        if (here.isPresent() && here.get().partitions() == partitions) {
            return here;
        }
        for (PlanNode child : node.children()) {
            Optional<ExplicitPartitioning> found = find(child, partitions);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The node's explicit partitioning, if it is one. */
    public static Optional<ExplicitPartitioning> of(PlanNode node) {
        String text = node.simpleString();
        if (node.nodeName().contains("Exchange")) {
            Matcher roundRobin = ROUND_ROBIN.matcher(text);
            if (roundRobin.find()) {
                return Optional.of(new ExplicitPartitioning("repartition", Integer.parseInt(roundRobin.group(1)),
                        text));
            }
            Matcher byNum = BY_NUM.matcher(text);
            if (byNum.find()) {
                return Optional.of(new ExplicitPartitioning(
                        byNum.group(1).toLowerCase(Locale.ROOT).equals("range") ? "repartitionByRange" : "repartition",
                        Integer.parseInt(byNum.group(2)), text));
            }
        }
        if (node.nodeName().equals("Coalesce")) {
            Matcher coalesce = COALESCE.matcher(text);
            if (coalesce.find()) {
                return Optional.of(new ExplicitPartitioning("coalesce", Integer.parseInt(coalesce.group(1)), text));
            }
        }
        return Optional.empty();
    }

    /** The call as the user wrote it: {@code repartition(2)}, {@code coalesce(8)}. */
    public String call() {
        return operator + "(" + partitions + ")";
    }
}
