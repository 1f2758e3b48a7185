package dev.sparkdoc.compare;

import dev.sparkdoc.event.PlanNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape of a SQL execution's physical plan, for matching the same query across two runs: the operator tree by
 * node name only. Left out, because they change from run to run of the same query: expression ids ({@code #123}),
 * literal values, partition counts and file lists (all in a node's arguments, never in its name), codegen stage
 * numbers ({@code WholeStageCodegen (3)}), and the wrappers that only say how the plan was executed (whole-stage
 * codegen, adaptive execution's query stages and shuffle reads), so a run with codegen or AQE switched has the same
 * shape.
 */
public final class PlanShape {

    /** Nodes that wrap the real operators and come and go with execution settings. */
    private static final Set<String> WRAPPERS = Set.of("WholeStageCodegen", "InputAdapter", "AdaptiveSparkPlan",
            "ShuffleQueryStage", "BroadcastQueryStage", "TableCacheQueryStage", "ResultQueryStage", "AQEShuffleRead",
            "CustomShuffleReader", "ColumnarToRow", "RowToColumnar");
    private static final Pattern NUMBERED = Pattern.compile("\\s*\\(\\d+\\)$|#\\d+");

    private PlanShape() {
    }

    /** The normalized tree as text, e.g. {@code HashAggregate(Exchange(HashAggregate(Project(Range))))}. */
    public static String of(PlanNode root) {
        StringBuilder shape = new StringBuilder();
        append(root, shape);
        return shape.toString();
    }

    /** A short stable id of the shape (12 hex digits of its SHA-256), for output; "-" for a stage without SQL. */
    public static String id(Optional<String> shape) {
        if (shape.isEmpty()) {
            return "-";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(shape.get().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void append(PlanNode node, StringBuilder shape) {
        String name = NUMBERED.matcher(node.nodeName()).replaceAll("").trim();
        boolean wrapper = WRAPPERS.contains(name) && node.children().size() == 1;
        if (wrapper) {
            append(node.children().get(0), shape);
            return;
        }
        shape.append(name);
        if (!node.children().isEmpty()) {
            shape.append('(');
            for (int i = 0; i < node.children().size(); i++) {
                if (i > 0) {
                    shape.append(',');
                }
                append(node.children().get(i), shape);
            }
            shape.append(')');
        }
    }
}
