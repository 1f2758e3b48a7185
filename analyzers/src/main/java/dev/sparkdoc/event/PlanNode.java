package dev.sparkdoc.event;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One node of a SQL execution's {@code sparkPlanInfo} tree. */
public record PlanNode(String nodeName, String simpleString, List<PlanNode> children) {
    public PlanNode {
        requireNonNull(nodeName, "nodeName is null");
        requireNonNull(simpleString, "simpleString is null");
        children = List.copyOf(children);
    }
}
