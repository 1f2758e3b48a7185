package dev.sparkdoc.snapshot;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.event.PlanNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A SQL execution with its final physical plan (the last adaptive re-plan when AQE changed it) and the joins in it.
 */
public record SqlExecution(
        long id,
        OptionalLong rootExecutionId,
        String description,
        OptionalLong startTime,
        OptionalLong endTime,
        Optional<String> errorMessage,
        String physicalPlan,
        Optional<PlanNode> planTree,
        int adaptivePlanUpdates,
        List<Join> joins,
        List<Integer> jobIds,
        Map<String, String> modifiedConfigs) {

    /** A join in the final plan: its strategy (SortMergeJoin, BroadcastHashJoin, ...) and the node's text. */
    public record Join(String strategy, String node) {
        public Join {
            requireNonNull(strategy, "strategy is null");
            requireNonNull(node, "node is null");
        }
    }

    public SqlExecution {
        requireNonNull(rootExecutionId, "rootExecutionId is null");
        requireNonNull(description, "description is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(endTime, "endTime is null");
        requireNonNull(errorMessage, "errorMessage is null");
        requireNonNull(physicalPlan, "physicalPlan is null");
        requireNonNull(planTree, "planTree is null");
        joins = List.copyOf(joins);
        jobIds = List.copyOf(jobIds);
        modifiedConfigs = Map.copyOf(modifiedConfigs);
    }

    public OptionalLong durationMillis() {
        if (startTime.isEmpty() || endTime.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, endTime.getAsLong() - startTime.getAsLong()));
    }
}
