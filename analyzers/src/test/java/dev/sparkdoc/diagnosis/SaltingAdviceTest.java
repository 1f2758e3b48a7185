package dev.sparkdoc.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.event.PlanNode;
import dev.sparkdoc.snapshot.SqlExecution;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SaltingAdviceTest {

    private static SqlExecution sql(PlanNode plan) {
        return new SqlExecution(0, OptionalLong.empty(), "q", OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), "", Optional.of(plan), 0, List.of(), List.of(), Map.of());
    }

    @Test
    void thePlansFunctionsWithoutPhasesIdsOrBufferOffsets() {
        PlanNode plan = new PlanNode("HashAggregate",
                "HashAggregate(keys=[k#1], functions=[sum(amount#2), avg(price#3)], output=[k#1, s#4, a#5])",
                List.of(new PlanNode("ObjectHashAggregate",
                        "ObjectHashAggregate(keys=[k#1], functions=[partial_collect_list(tag#6, 0, 0)])", List.of())));
        assertEquals(List.of("sum(amount)", "avg(price)", "collect_list(tag)"), PlanKeys.aggregateFunctions(sql(plan)));
    }

    @Test
    void decomposableFunctionsCombinePerBucket() {
        Recommendation.CodeChange change = SaltingAdvice.aggregation(List.of("k"),
                List.of("sum(amount)", "avg(price)", "count(1)", "max(ts)"), "stage 3.0 (groupBy at J.scala:4)", 8,
                "why");
        String sql = change.snippets().get("sql");
        assertTrue(sql.contains("sum(amount) AS p0"), sql);
        assertTrue(sql.contains("sum(price) AS p1_sum, count(price) AS p1_count"), sql);
        assertTrue(sql.contains("sum(p1_sum) / sum(p1_count) AS avg_price"), sql);
        assertTrue(sql.contains("sum(p2) AS count_1"), sql);
        assertTrue(sql.contains("max(p3) AS max_ts"), sql);
        assertTrue(change.snippets().get("java").contains("expr(\"sum(amount)\").as(\"p0\")"));
        assertTrue(change.summary().startsWith("Salt the grouping key k over 8 buckets"), change.summary());
        assertTrue(change.summary().contains("stage 3.0"), change.summary());
    }

    @Test
    void nonDecomposableOrUnknownFunctionsGetNoCode() {
        for (List<String> functions : List.<List<String>>of(List.of("sum(a)", "percentile(b, 0.5)"),
                List.of("count(distinct c)"), List.of())) {
            Recommendation.CodeChange change = SaltingAdvice.aggregation(List.of("k"), functions, "stage 1.0", 4, "w");
            assertTrue(change.snippets().isEmpty(), functions + ": " + change.snippets());
            assertTrue(change.summary().contains("no code is generated"), change.summary());
        }
    }
}
