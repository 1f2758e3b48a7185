package dev.sparkdoc.diagnosis;

import dev.sparkdoc.event.PlanNode;
import dev.sparkdoc.snapshot.SqlExecution;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The join and grouping keys of a SQL execution's final plan, with Spark's expression ids ({@code #12}) removed. */
public final class PlanKeys {

    private static final Pattern EXPRESSION_ID = Pattern.compile("#\\d+L?");
    private static final Pattern AGGREGATE_KEYS = Pattern.compile("keys=\\[([^\\]]*)\\]");
    private static final Pattern INTERNAL_ARGUMENTS = Pattern.compile("(,\\s*(\\d+|true|false))+\\)$");
    private static final Pattern AGGREGATE_PHASE = Pattern.compile("^(partial_|merge_|finalmerge_)");
    private static final Pattern JOIN_KEYS = Pattern.compile("^\\w*Join\\s+\\[([^\\]]*)\\],\\s*\\[([^\\]]*)\\]");

    /** Keys of one kind: {@code join} or {@code grouping}. */
    public record Keys(String kind, List<String> keys) {
        public Keys {
            keys = List.copyOf(keys);
        }

        public String describe() {
            return String.join(", ", keys);
        }
    }

    private PlanKeys() {
    }

    /**
     * The keys a skewed shuffle in this execution is most likely partitioned by: the join keys of its sort-merge or
     * shuffled-hash joins if it has any, else its aggregation keys.
     */
    public static Optional<Keys> likelyShuffleKeys(SqlExecution sql) {
        if (sql.planTree().isEmpty()) {
            return Optional.empty();
        }
        Set<String> joinKeys = new LinkedHashSet<>();
        Set<String> groupKeys = new LinkedHashSet<>();
        collect(sql.planTree().get(), joinKeys, groupKeys);
        if (!joinKeys.isEmpty()) {
            return Optional.of(new Keys("join", new ArrayList<>(joinKeys)));
        }
        if (!groupKeys.isEmpty()) {
            return Optional.of(new Keys("grouping", new ArrayList<>(groupKeys)));
        }
        return Optional.empty();
    }

    /**
     * The aggregate functions of the execution's aggregations, as the final aggregation computes them
     * ({@code sum(amount)}, {@code collect_list(amount)}, {@code count(1)}): the partial and merge phases' prefixes
     * and expression ids removed, each once, in plan order.
     */
    public static List<String> aggregateFunctions(SqlExecution sql) {
        Set<String> functions = new LinkedHashSet<>();
        sql.planTree().ifPresent(root -> collectFunctions(root, functions));
        return new ArrayList<>(functions);
    }

    private static void collectFunctions(PlanNode node, Set<String> functions) {
        if (node.nodeName().contains("Aggregate")) {
            String text = node.simpleString();
            int start = text.indexOf("functions=[");
            if (start >= 0) {
                int from = start + "functions=[".length();
                int depth = 0;
                int end = from;
                while (end < text.length() && !(text.charAt(end) == ']' && depth == 0)) {
                    char c = text.charAt(end);
                    depth += c == '[' ? 1 : c == ']' ? -1 : 0;
                    end++;
                }
                for (String function : split(text.substring(from, end))) {
                    String named = AGGREGATE_PHASE.matcher(function).replaceFirst("");
                    // collect_list(amount, 0, 0) and friends: Spark's buffer offsets are not the user's arguments.
                    functions.add(INTERNAL_ARGUMENTS.matcher(named).replaceFirst(")"));
                }
            }
        }
        for (PlanNode child : node.children()) {
            collectFunctions(child, functions);
        }
    }

    public static boolean hasShuffleJoin(SqlExecution sql) {
        return sql.joins().stream().anyMatch(join -> join.strategy().equals("SortMergeJoin")
                || join.strategy().equals("ShuffledHashJoin"));
    }

    private static void collect(PlanNode node, Set<String> joinKeys, Set<String> groupKeys) {
        String name = node.nodeName();
        String text = node.simpleString();
        if (name.equals("SortMergeJoin") || name.equals("ShuffledHashJoin")) {
            Matcher matcher = JOIN_KEYS.matcher(text);
            if (matcher.find()) {
                for (String key : split(matcher.group(1))) {
                    joinKeys.add(key);
                }
            }
        }
        if (name.contains("Aggregate")) {
            Matcher matcher = AGGREGATE_KEYS.matcher(text);
            if (matcher.find()) {
                groupKeys.addAll(split(matcher.group(1)));
            }
        }
        for (PlanNode child : node.children()) {
            collect(child, joinKeys, groupKeys);
        }
    }

    private static List<String> split(String list) {
        List<String> keys = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : list.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                add(keys, current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        add(keys, current.toString());
        return keys;
    }

    private static void add(List<String> keys, String key) {
        String clean = EXPRESSION_ID.matcher(key).replaceAll("").trim();
        if (!clean.isEmpty()) {
            keys.add(clean);
        }
    }
}
