package dev.sparkdoc.compare;

import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.compare.Comparison.ConfigDifference;
import dev.sparkdoc.compare.Comparison.FindingChange;
import dev.sparkdoc.compare.Comparison.JobComparison;
import dev.sparkdoc.compare.Comparison.MatchKind;
import dev.sparkdoc.compare.Comparison.StageComparison;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.Job;
import dev.sparkdoc.snapshot.SqlExecution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares two runs of one application (docs/compare.md). Stage and job ids shift between runs (one more job
 * before, a cached table), so nothing is matched by id: a stage is known by its call site, the shape of its SQL
 * plan, its depth in the DAG (shuffles from its source) and its role (parents, whether it writes shuffle data), and
 * by its position among the stages with that signature. What that leaves unpaired (a rewritten query: salting adds
 * an aggregation, a broadcast removes a shuffle) is paired by call site, depth, role and task count (which tells the
 * two sides of a join apart), then by call site and depth alone; what is still unpaired appeared or disappeared. Skipped stages did no work and are left out; a stage's retries are one stage.
 */
public final class Comparer {

    /**
     * Spark properties that differ between any two runs and say nothing about how the job is set up: ids, start
     * times, the driver's host and ports, where the log and the scratch files went.
     */
    static final Set<String> PER_RUN_PROPERTIES = Set.of("spark.app.id", "spark.app.name", "spark.app.startTime",
            "spark.app.submitTime", "spark.app.attempt.id", "spark.driver.host", "spark.driver.port",
            "spark.driver.blockManager.port", "spark.blockManager.port", "spark.ui.port", "spark.driver.appUIAddress",
            "spark.ui.proxyBase", "spark.executor.id", "spark.eventLog.dir", "spark.local.dir",
            "spark.kubernetes.driver.pod.name", "spark.kubernetes.executor.podNamePrefix", "spark.yarn.app.id",
            "spark.yarn.app.container.log.dir", "spark.org.apache.hadoop.yarn.server.webproxy.amfilter.AmIpFilter"
                    + ".param.PROXY_HOSTS", "spark.org.apache.hadoop.yarn.server.webproxy.amfilter.AmIpFilter"
                    + ".param.PROXY_URI_BASES", "spark.databricks.clusterUsageTags.clusterId");

    private Comparer() {
    }

    public static Comparison compare(DiagnosedLog baseline, DiagnosedLog candidate, ChangeThreshold threshold) {
        ApplicationSnapshot before = baseline.log().application();
        ApplicationSnapshot after = candidate.log().application();
        List<StageRun> beforeStages = stages(before);
        List<StageRun> afterStages = stages(after);
        Matching.Result<StageRun> stageMatch = Matching.match(beforeStages, afterStages, List.of(
                stage -> stage.name() + "\u0000" + stage.planShape().orElse("-") + "\u0000" + stage.depth()
                        + "\u0000" + stage.role(),
                stage -> stage.name() + "\u0000" + stage.depth() + "\u0000" + stage.role() + "\u0000"
                        + stage.tasks(),
                stage -> stage.name() + "\u0000" + stage.depth()));
        List<StageComparison> stages = new ArrayList<>();
        for (Matching.Pair<StageRun> pair : stageMatch.pairs()) {
            stages.add(new StageComparison(pair.baseline(), pair.candidate(), kind(pair.tier()),
                    threshold.judge(pair.baseline().durationMillis(), pair.candidate().durationMillis())));
        }
        stages.sort(java.util.Comparator.comparingInt(stage -> stage.baseline().stageId()));

        Map<Integer, String> beforeCallSites = callSites(before);
        Map<Integer, String> afterCallSites = callSites(after);
        Matching.Result<Job> jobMatch = Matching.match(before.jobs(), after.jobs(), List.of(
                job -> jobSignature(job, before, beforeCallSites, true),
                job -> jobSignature(job, before, beforeCallSites, false)),
                List.of(job -> jobSignature(job, after, afterCallSites, true),
                        job -> jobSignature(job, after, afterCallSites, false)));
        List<JobComparison> jobs = new ArrayList<>();
        for (Matching.Pair<Job> pair : jobMatch.pairs()) {
            jobs.add(new JobComparison(pair.baseline(), pair.candidate(),
                    beforeCallSites.getOrDefault(pair.baseline().id(), ""), jobKind(pair.tier()),
                    threshold.judge(pair.baseline().durationMillis(), pair.candidate().durationMillis())));
        }
        jobs.sort(java.util.Comparator.comparingInt(job -> job.baseline().id()));

        Matching.Result<SqlExecution> sqlMatch = Matching.match(before.sqlExecutions(), after.sqlExecutions(),
                List.of(sql -> sql.description() + "\u0000" + sql.planTree().map(PlanShape::of).orElse("-"),
                        SqlExecution::description));

        List<FindingChange> findings = findings(baseline, candidate, stageMatch, jobMatch, sqlMatch);
        List<String> ignored = new ArrayList<>();
        List<ConfigDifference> config = config(before.sparkProperties(), after.sparkProperties(), ignored);
        Verdict wallTime = threshold.judge(before.application().durationMillis(),
                after.application().durationMillis());
        List<String> warnings = warnings(baseline, candidate, beforeStages, afterStages, stageMatch);
        return new Comparison(baseline, candidate, threshold, wallTime, stages, stageMatch.candidateOnly(),
                stageMatch.baselineOnly(), jobs, jobMatch.candidateOnly(), jobMatch.baselineOnly(), findings, config,
                ignored, warnings);
    }

    /** Stages: tier 0 the exact signature, 1 role and task count, 2 depth alone. */
    private static MatchKind kind(int tier) {
        return tier == 0 ? MatchKind.EXACT : tier == 1 ? MatchKind.PLAN_CHANGED : MatchKind.LOOSE;
    }

    /** Jobs and SQL executions: tier 0 the exact signature, 1 the call site (description) alone. */
    private static MatchKind jobKind(int tier) {
        return tier == 0 ? MatchKind.EXACT : MatchKind.LOOSE;
    }

    /** The stages that ran, retries collapsed, in stage id order. */
    static List<StageRun> stages(ApplicationSnapshot app) {
        Map<Integer, List<StageAttempt>> attempts = new TreeMap<>();
        for (StageAttempt attempt : app.stages()) {
            attempts.computeIfAbsent(attempt.id().stageId(), id -> new ArrayList<>()).add(attempt);
        }
        Map<Integer, List<Integer>> parents = new HashMap<>();
        for (Map.Entry<Integer, List<StageAttempt>> stage : attempts.entrySet()) {
            parents.put(stage.getKey(), stage.getValue().get(0).parentStageIds());
        }
        Map<Long, String> shapes = new HashMap<>();
        for (SqlExecution sql : app.sqlExecutions()) {
            sql.planTree().ifPresent(plan -> shapes.put(sql.id(), PlanShape.of(plan)));
        }
        Map<Integer, Integer> depths = new HashMap<>();
        List<StageRun> runs = new ArrayList<>();
        for (Map.Entry<Integer, List<StageAttempt>> stage : attempts.entrySet()) {
            List<StageAttempt> ran = stage.getValue().stream()
                    .filter(attempt -> attempt.status() != StageStatus.SKIPPED
                            && attempt.status() != StageStatus.PENDING)
                    .toList();
            if (ran.isEmpty()) {
                continue;
            }
            StageAttempt first = ran.get(0);
            boolean writesShuffle = ran.stream().anyMatch(attempt -> attempt.total(TaskMetric.SHUFFLE_WRITE_BYTES) > 0
                    || attempt.total(TaskMetric.SHUFFLE_WRITE_RECORDS) > 0);
            String role = first.parentStageIds().size() + " parent(s), "
                    + (writesShuffle ? "writes shuffle" : "writes no shuffle");
            Optional<String> shape = first.sqlExecutionId().isPresent()
                    ? Optional.ofNullable(shapes.get(first.sqlExecutionId().getAsLong())) : Optional.empty();
            runs.add(new StageRun(stage.getKey(), ran, first.name(), depth(stage.getKey(), parents, depths,
                    new java.util.HashSet<>()), role, shape));
        }
        return runs;
    }

    /** Shuffles between the stage and a stage without parents; parents not in the log count as sources. */
    private static int depth(int stageId, Map<Integer, List<Integer>> parents, Map<Integer, Integer> depths,
            Set<Integer> visiting) {
        Integer known = depths.get(stageId);
        if (known != null) {
            return known;
        }
        int depth = 0;
        if (visiting.add(stageId)) {
            for (int parent : parents.getOrDefault(stageId, List.of())) {
                if (parents.containsKey(parent)) {
                    depth = Math.max(depth, 1 + depth(parent, parents, depths, visiting));
                } else {
                    depth = Math.max(depth, 1);
                }
            }
            visiting.remove(stageId);
        }
        depths.put(stageId, depth);
        return depth;
    }

    /** Each job's call site: its last stage's name (the result stage), which Spark names after the action. */
    private static Map<Integer, String> callSites(ApplicationSnapshot app) {
        Map<Integer, String> names = new HashMap<>();
        for (StageAttempt stage : app.stages()) {
            names.putIfAbsent(stage.id().stageId(), stage.name());
        }
        Map<Integer, String> sites = new HashMap<>();
        for (Job job : app.jobs()) {
            int last = job.stageIds().stream().mapToInt(Integer::intValue).max().orElse(-1);
            sites.put(job.id(), names.getOrDefault(last, job.description().orElse("")));
        }
        return sites;
    }

    private static String jobSignature(Job job, ApplicationSnapshot app, Map<Integer, String> callSites,
            boolean strict) {
        String site = callSites.getOrDefault(job.id(), "");
        if (!strict) {
            return site;
        }
        String shape = "-";
        if (job.sqlExecutionId().isPresent()) {
            long id = job.sqlExecutionId().getAsLong();
            shape = app.sqlExecutions().stream().filter(sql -> sql.id() == id).findFirst()
                    .flatMap(SqlExecution::planTree).map(PlanShape::of).orElse("-");
        }
        return site + "\u0000" + job.description().orElse("") + "\u0000" + shape;
    }

    private static List<FindingChange> findings(DiagnosedLog baseline, DiagnosedLog candidate,
            Matching.Result<StageRun> stages, Matching.Result<Job> jobs, Matching.Result<SqlExecution> sql) {
        Map<String, String> beforeScopes = new HashMap<>();
        Map<String, String> afterScopes = new HashMap<>();
        for (int i = 0; i < stages.pairs().size(); i++) {
            beforeScopes.put("stage:" + stages.pairs().get(i).baseline().stageId(), "stage#" + i);
            afterScopes.put("stage:" + stages.pairs().get(i).candidate().stageId(), "stage#" + i);
        }
        for (int i = 0; i < jobs.pairs().size(); i++) {
            beforeScopes.put("job:" + jobs.pairs().get(i).baseline().id(), "job#" + i);
            afterScopes.put("job:" + jobs.pairs().get(i).candidate().id(), "job#" + i);
        }
        for (int i = 0; i < sql.pairs().size(); i++) {
            beforeScopes.put("sql:" + sql.pairs().get(i).baseline().id(), "sql#" + i);
            afterScopes.put("sql:" + sql.pairs().get(i).candidate().id(), "sql#" + i);
        }
        Map<String, List<Finding>> before = byKey(baseline.diagnosis().findings(), beforeScopes, "baseline");
        Map<String, List<Finding>> after = byKey(candidate.diagnosis().findings(), afterScopes, "candidate");
        List<FindingChange> changes = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> entry : before.entrySet()) {
            List<Finding> same = after.getOrDefault(entry.getKey(), List.of());
            for (int i = 0; i < entry.getValue().size(); i++) {
                Finding finding = entry.getValue().get(i);
                changes.add(i < same.size()
                        ? new FindingChange(FindingChange.Change.PERSISTED, Optional.of(finding),
                                Optional.of(same.get(i)))
                        : new FindingChange(FindingChange.Change.DISAPPEARED, Optional.of(finding), Optional.empty()));
            }
        }
        for (Map.Entry<String, List<Finding>> entry : after.entrySet()) {
            int seen = before.getOrDefault(entry.getKey(), List.of()).size();
            for (int i = seen; i < entry.getValue().size(); i++) {
                changes.add(new FindingChange(FindingChange.Change.APPEARED, Optional.empty(),
                        Optional.of(entry.getValue().get(i))));
            }
        }
        changes.sort(java.util.Comparator.comparing(FindingChange::change)
                .thenComparing(change -> change.finding().severity(), java.util.Comparator.reverseOrder())
                .thenComparing(change -> change.finding().ruleId()));
        return changes;
    }

    /** Findings by rule and matched scope; a scope with no counterpart is keyed to its own run. */
    private static Map<String, List<Finding>> byKey(List<Finding> findings, Map<String, String> matched,
            String run) {
        Map<String, List<Finding>> keyed = new LinkedHashMap<>();
        for (Finding finding : findings) {
            String scope;
            if (finding.scope() instanceof Scope.Executor executor) {
                scope = "executor:" + executor.executorId();
            } else if (finding.scope() instanceof Scope.Stage stage) {
                scope = own(matched, "stage:" + stage.stage().stageId(), run);
            } else if (finding.scope() instanceof Scope.Job job) {
                scope = own(matched, "job:" + job.jobId(), run);
            } else if (finding.scope() instanceof Scope.SqlExecution sql) {
                scope = own(matched, "sql:" + sql.executionId(), run);
            } else {
                scope = "application";
            }
            keyed.computeIfAbsent(finding.ruleId() + "\u0000" + scope, key -> new ArrayList<>()).add(finding);
        }
        return keyed;
    }

    private static String own(Map<String, String> matched, String scope, String run) {
        String key = matched.get(scope);
        return key != null ? key : run + ":" + scope;
    }

    static boolean perRun(String key) {
        return PER_RUN_PROPERTIES.contains(key) || key.endsWith(".appAttemptId") || key.startsWith("spark.repl.");
    }

    private static List<ConfigDifference> config(Map<String, String> before, Map<String, String> after,
            List<String> ignored) {
        List<ConfigDifference> differences = new ArrayList<>();
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            Optional<String> was = Optional.ofNullable(before.get(key));
            Optional<String> is = Optional.ofNullable(after.get(key));
            if (was.equals(is)) {
                continue;
            }
            if (perRun(key)) {
                ignored.add(key);
            } else {
                differences.add(new ConfigDifference(key, was, is));
            }
        }
        return differences;
    }

    private static List<String> warnings(DiagnosedLog baseline, DiagnosedLog candidate, List<StageRun> before,
            List<StageRun> after, Matching.Result<StageRun> match) {
        List<String> warnings = new ArrayList<>();
        String beforeName = baseline.log().application().application().name();
        String afterName = candidate.log().application().application().name();
        int smaller = Math.min(before.size(), after.size());
        long exact = match.pairs().stream().filter(pair -> pair.tier() == 0).count();
        int paired = match.pairs().size();
        if (!beforeName.equals(afterName) && paired * 2 < smaller) {
            warnings.add("the runs look like different applications (\"" + dev.sparkdoc.quantity.Formats.oneLine(
                    beforeName, 60) + "\" and \"" + dev.sparkdoc.quantity.Formats.oneLine(afterName, 60)
                    + "\") and only " + paired + " of " + smaller + " stages match; the stage verdicts below compare"
                    + " unrelated work: compare two runs of one application");
        } else if (!beforeName.equals(afterName) && exact * 2 < smaller) {
            warnings.add("the application names differ (\"" + dev.sparkdoc.quantity.Formats.oneLine(beforeName, 60)
                    + "\" and \"" + dev.sparkdoc.quantity.Formats.oneLine(afterName, 60) + "\") and only " + exact
                    + " of " + smaller + " stages have the same plan: the others are paired by call site and DAG"
                    + " position only (a rewritten query?); check the pairs before trusting their verdicts");
        }
        if (before.isEmpty() || after.isEmpty()) {
            warnings.add((before.isEmpty() ? "the baseline" : "the candidate") + " ran no stage; there is nothing to"
                    + " compare stage by stage");
        }
        if (!baseline.log().application().application().complete()) {
            warnings.add("the baseline log is incomplete ("
                    + String.join("; ", baseline.log().application().application().incompleteReasons()) + ")");
        }
        if (!candidate.log().application().application().complete()) {
            warnings.add("the candidate log is incomplete ("
                    + String.join("; ", candidate.log().application().application().incompleteReasons()) + ")");
        }
        return warnings;
    }
}
