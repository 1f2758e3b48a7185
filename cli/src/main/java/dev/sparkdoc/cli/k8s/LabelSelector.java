package dev.sparkdoc.cli.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kubectl label selector ({@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (a,b)}, {@code k notin (a)},
 * {@code k}, {@code !k}), evaluated on the client. The server filters too where it can, but not every server does
 * (fabric8's mock ignores set-based requirements), so results are always checked here.
 */
final class LabelSelector {

    private static final Pattern SET = Pattern.compile("\\s*([^\\s!=(),]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
    private static final Pattern EQUALITY = Pattern.compile("\\s*([^\\s!=(),]+)\\s*(==|=|!=)\\s*([^\\s!=(),]*)\\s*");
    private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*([^\\s!=(),]+)\\s*");

    private record Requirement(String key, String operator, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            switch (operator) {
                case "exists":
                    return value != null;
                case "!exists":
                    return value == null;
                case "in":
                case "=":
                    return value != null && values.contains(value);
                case "notin":
                case "!=":
                    return value == null || !values.contains(value);
                default:
                    throw new IllegalStateException(operator);
            }
        }
    }

    private final String text;
    private final List<Requirement> requirements;

    private LabelSelector(String text, List<Requirement> requirements) {
        this.text = text;
        this.requirements = List.copyOf(requirements);
    }

    static LabelSelector all() {
        return new LabelSelector("", List.of());
    }

    /** @throws IllegalArgumentException naming the part that is not a requirement */
    static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return all();
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            Matcher set = SET.matcher(part);
            Matcher equality = EQUALITY.matcher(part);
            Matcher exists = EXISTS.matcher(part);
            if (set.matches()) {
                Set<String> values = new java.util.TreeSet<>();
                for (String value : set.group(3).split(",")) {
                    if (!value.isBlank()) {
                        values.add(value.trim());
                    }
                }
                requirements.add(new Requirement(set.group(1), set.group(2), values));
            } else if (equality.matches()) {
                String operator = equality.group(2).equals("!=") ? "!=" : "=";
                requirements.add(new Requirement(equality.group(1), operator, Set.of(equality.group(3))));
            } else if (exists.matches()) {
                requirements.add(new Requirement(exists.group(2), exists.group(1).isEmpty() ? "exists" : "!exists",
                        Set.of()));
            } else {
                throw new IllegalArgumentException("'" + part.trim() + "' is not a label requirement (key=value, "
                        + "key!=value, key in (a,b), key notin (a), key, !key)");
            }
        }
        return new LabelSelector(text.trim(), requirements);
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    boolean matches(Map<String, String> labels) {
        Map<String, String> present = labels == null ? Map.of() : labels;
        for (Requirement requirement : requirements) {
            if (!requirement.matches(present)) {
                return false;
            }
        }
        return true;
    }

    boolean isEmpty() {
        return requirements.isEmpty();
    }

    /** The selector as typed, for the server. */
    @Override
    public String toString() {
        return text;
    }
}
