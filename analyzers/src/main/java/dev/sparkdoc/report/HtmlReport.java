package dev.sparkdoc.report;

import dev.sparkdoc.diagnosis.analyzer.TaskAttemptCounts;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.SkippedFile;
import dev.sparkdoc.diagnosis.Advice;
import dev.sparkdoc.diagnosis.AppliedThreshold;
import dev.sparkdoc.diagnosis.Diagnosis;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.FindingGroup;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.event.ExecutorMetric;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.snapshot.ApplicationInfo;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.ExecutorSummary;
import dev.sparkdoc.snapshot.Job;
import dev.sparkdoc.snapshot.SqlExecution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageStatus;
import dev.sparkdoc.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One self-contained HTML page for one or more applications: summary, findings with evidence and advice, the
 * recommended configuration with copy buttons, a timeline of jobs, stages and executors, per-stage task-duration and
 * shuffle-read distributions, GC and spill per stage, and tables of stages, jobs, executors and SQL.
 *
 * <p>Nothing is loaded from anywhere: CSS, SVG and the one small script are inline, and a Content-Security-Policy
 * allows exactly that script and stylesheet (by hash) and nothing else. Charts are drawn here as SVG, so the
 * script holds no data: it only sorts tables and copies text. All text from the log is escaped by {@link Html}.
 */
public final class HtmlReport {

    /** What "task time" means in every table: the same words as the text report and the shell. */
    static final String TASK_TIME = "task time: executor run time summed over tasks (Spark's executorRunTime; not "
            + "scheduling, deserialization or result fetching)";
    /** Executors' sum of task durations, as Spark's executor summary gives it. */
    static final String TASK_DURATION = "task duration: launch to finish summed over tasks (Spark's executor "
            + "summary totalDuration), longer than task time";

    /** Stages shown in the distribution and GC/spill charts at most: those with the most task time. */
    static final int CHART_STAGE_LIMIT = 30;

    private static final String DATA_SKEW = "data-skew";

    private HtmlReport() {
    }

    public static void render(List<DiagnosedLog> logs, String sparkdocVersion, Writer out) throws IOException {
        render(logs, List.of(), sparkdocVersion, out);
    }

    /** The page; with several applications, the summary table first, and the files skipped as no event log. */
    public static void render(List<DiagnosedLog> logs, List<SkippedFile> skipped, String sparkdocVersion, Writer out)
            throws IOException {
        StringBuilder page = new StringBuilder(64 * 1024);
        String title = logs.size() == 1
                ? "sparkdoc: " + Formats.oneLine(logs.get(0).log().application().application().name(), 100)
                : "sparkdoc: " + logs.size() + " applications";
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '")
                .append(sha256(STYLE)).append("'; script-src '").append(sha256(SCRIPT))
                .append("'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
                .append("<meta name=\"generator\" content=\"sparkdoc ").append(Html.text(sparkdocVersion))
                .append("\">\n<title>").append(Html.text(title)).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        page.append("<header class=\"top\"><span class=\"brand\">sparkdoc</span>");
        if (logs.size() > 1) {
            page.append("<nav>");
            for (int i = 0; i < logs.size(); i++) {
                page.append("<a href=\"#a").append(i).append("\">")
                        .append(Html.line(logs.get(i).log().application().application().name(), 40)).append("</a>");
            }
            page.append("</nav>");
        }
        page.append("</header>\n<main>\n");
        if (logs.size() > 1) {
            List<String> anchors = new java.util.ArrayList<>();
            for (int i = 0; i < logs.size(); i++) {
                anchors.add("a" + i);
            }
            SummaryTable.renderHtml(logs, anchors, skipped, page);
        }
        for (int i = 0; i < logs.size(); i++) {
            application(page, logs.get(i), "a" + i);
        }
        page.append("</main>\n<footer>Generated by sparkdoc ").append(Html.text(sparkdocVersion))
                .append(". Self-contained: this file loads nothing from the network.</footer>\n<script>")
                .append(SCRIPT).append("</script>\n</body>\n</html>\n");
        out.write(page.toString());
        out.flush();
    }

    private static void application(StringBuilder page, DiagnosedLog diagnosed, String prefix) {
        AnalyzedLog log = diagnosed.log();
        ApplicationSnapshot app = log.application();
        ApplicationInfo info = app.application();
        Diagnosis diagnosis = diagnosed.diagnosis();
        Set<StageAttemptId> flagged = new HashSet<>();
        Set<StageAttemptId> skewed = new HashSet<>();
        for (Finding finding : diagnosis.findings()) {
            if (finding.scope() instanceof Scope.Stage stage) {
                flagged.add(stage.stage());
                if (finding.ruleId().equals(DATA_SKEW)) {
                    skewed.add(stage.stage());
                }
            }
        }

        page.append("<section class=\"application\" id=\"").append(prefix).append("\">\n");
        page.append("<h1 class=\"app-name\">").append(Html.text(info.name())).append("</h1>\n<p class=\"meta\">");
        List<String> meta = new ArrayList<>();
        info.id().ifPresent(id -> meta.add(Html.text(id) + info.attemptId().map(a -> ", attempt " + Html.text(a))
                .orElse("")));
        meta.add("Spark " + Html.text(info.sparkVersion().orElse("version unknown")));
        if (!info.user().isEmpty()) {
            meta.add("user " + Html.text(info.user()));
        }
        info.startTime().ifPresent(start -> meta.add("started " + Html.text(Formats.timestamp(start))));
        meta.add("log <code>" + Html.text(log.source().displayName()) + "</code>");
        page.append(String.join(" · ", meta)).append("</p>\n");
        if (!info.complete()) {
            page.append("<div class=\"incomplete\"><strong>Incomplete log.</strong> Figures cover what was logged:")
                    .append("<ul>");
            for (String reason : info.incompleteReasons()) {
                page.append("<li>").append(Html.text(reason)).append("</li>");
            }
            page.append("</ul></div>\n");
        }
        cards(page, app, diagnosis);

        page.append("<h2 id=\"").append(prefix).append("-findings\">Findings</h2>\n");
        findings(page, diagnosis, prefix);

        String timeline = SvgCharts.timeline(app, flagged);
        page.append("<h2 id=\"").append(prefix).append("-timeline\">Timeline</h2>\n");
        if (timeline.isEmpty()) {
            page.append("<p class=\"note\">The log has no timestamps to draw a timeline from.</p>\n");
        } else {
            page.append("<p class=\"note\">Jobs, stages and executors over the application's wall time; the axis is "
                    + "time since the application started. Stages with findings are <span class=\"key flagged\">"
                    + "orange</span>, failed ones <span class=\"key failed\">red</span>. Hover a bar for details."
                    + "</p>\n").append(timeline).append("\n");
        }

        List<StageAttempt> charted = chartedStages(app, flagged);
        page.append("<h2 id=\"").append(prefix).append("-distributions\">Task distributions per stage</h2>\n");
        if (charted.isEmpty()) {
            page.append("<p class=\"note\">No stage has successful tasks with metrics.</p>\n");
        } else {
            page.append("<p class=\"note\">Each row is one stage on its own scale, from 0 to its slowest (or "
                    + "largest) task. Box: 25th to 75th percentile; thick line: median; tick: 95th percentile; dots: "
                    + "tasks above it. An even stage fills its row; in a skewed one the box is crushed to the left "
                    + "and one task sits alone at the right. Red marks stages with a data-skew finding.");
            if (charted.size() == CHART_STAGE_LIMIT) {
                page.append(" Shown: the ").append(CHART_STAGE_LIMIT)
                        .append(" stages with the most task time, and those with findings.");
            }
            page.append("</p>\n<div class=\"charts\"><figure><figcaption>Task duration</figcaption>")
                    .append(SvgCharts.distributions(charted, TaskMetric.DURATION, "Task duration per stage", skewed))
                    .append("</figure>");
            List<StageAttempt> shuffled = charted.stream()
                    .filter(stage -> stage.distribution(TaskMetric.SHUFFLE_READ_BYTES).max() > 0).toList();
            page.append("<figure><figcaption>Shuffle read per task</figcaption>");
            if (shuffled.isEmpty()) {
                page.append("<p class=\"note\">No stage read shuffle data.</p>");
            } else {
                page.append(SvgCharts.distributions(shuffled, TaskMetric.SHUFFLE_READ_BYTES,
                        "Shuffle read per task, per stage", skewed));
            }
            page.append("</figure></div>\n");
            page.append("<h2 id=\"").append(prefix).append("-gc\">GC and spill per stage</h2>\n")
                    .append("<p class=\"note\">GC time as a share of executor run time (the dashed line is 10%), and "
                            + "bytes spilled. Both mean executors ran short of memory.</p>\n<div class=\"scroll\">")
                    .append(SvgCharts.spillAndGc(charted, flagged)).append("</div>\n");
        }

        advice(page, diagnosis.advice(), prefix);
        stageTable(page, app, flagged, prefix);
        jobTable(page, app);
        executorTable(page, app);
        sql(page, app);
        properties(page, app);
        page.append("</section>\n");
    }

    private static void cards(StringBuilder page, ApplicationSnapshot app, Diagnosis diagnosis) {
        ApplicationInfo info = app.application();
        List<ExecutorSummary> executors = app.executors().stream().filter(e -> !e.isDriver()).toList();
        long runTime = 0;
        long gcTime = 0;
        long shuffleRead = 0;
        long shuffleWrite = 0;
        long spilled = 0;
        long failedStages = 0;
        for (StageAttempt stage : app.stages()) {
            runTime += stage.total(TaskMetric.EXECUTOR_RUN_TIME);
            gcTime += stage.total(TaskMetric.JVM_GC_TIME);
            shuffleRead += stage.total(TaskMetric.SHUFFLE_READ_BYTES);
            shuffleWrite += stage.total(TaskMetric.SHUFFLE_WRITE_BYTES);
            spilled += stage.total(TaskMetric.DISK_BYTES_SPILLED);
            failedStages += stage.status() == StageStatus.FAILED ? 1 : 0;
        }
        long failedJobs = app.jobs().stream().filter(job -> job.status() == Job.Status.FAILED).count();
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (Finding finding : diagnosis.findings()) {
            bySeverity.merge(finding.severity(), 1, Integer::sum);
        }
        List<String> severities = new ArrayList<>();
        for (Severity severity : new Severity[] {Severity.CRITICAL, Severity.WARNING, Severity.INFO}) {
            if (bySeverity.containsKey(severity)) {
                severities.add(bySeverity.get(severity) + " " + severity.label());
            }
        }
        String worst = bySeverity.containsKey(Severity.CRITICAL) ? "critical"
                : bySeverity.containsKey(Severity.WARNING) ? "warning" : bySeverity.isEmpty() ? "ok" : "info";
        page.append("<div class=\"cards\">");
        card(page, "Findings", diagnosis.findings().isEmpty() ? "none" : Integer.toString(diagnosis.findings().size()),
                severities.isEmpty() ? "no rule fired" : String.join(", ", severities), "sev-" + worst);
        card(page, "Duration", info.durationMillis().isPresent() ? Formats.millis(info.durationMillis().getAsLong())
                : "unknown", info.complete() ? "complete" : "incomplete log", "");
        card(page, "Executors", executors.isEmpty() ? "driver" : Integer.toString(executors.size()),
                executors.isEmpty() ? "local mode" : executors.stream().mapToInt(ExecutorSummary::totalCores).sum()
                        + " cores", tone(diagnosis, CARD_RULES.get("Executors")));
        card(page, "Jobs", Formats.count(app.jobs().size()), failedJobs + " failed",
                tone(diagnosis, CARD_RULES.get("Jobs")));
        card(page, "Stages", Formats.count(app.stages().size()), failedStages + (failedStages == 1
                ? " failed attempt" : " failed attempts"), tone(diagnosis, CARD_RULES.get("Stages")));
        TaskAttemptCounts attempts = TaskAttemptCounts.of(app);
        card(page, "Task attempts", Formats.count(attempts.attempts()), Formats.count(attempts.failed())
                + " failed as the History Server counts them, " + Formats.count(attempts.taskErrors())
                + (attempts.taskErrors() == 1 ? " task error" : " task errors"),
                tone(diagnosis, CARD_RULES.get("Task attempts")));
        card(page, "Task time", Formats.millis(runTime), "GC " + (runTime > 0 ? Formats.percent((double) gcTime
                / runTime) : "0%") + " (" + Formats.millis(gcTime) + ")", tone(diagnosis, CARD_RULES.get("Task time")));
        card(page, "Shuffle", Formats.bytes(shuffleRead), "read; " + Formats.bytes(shuffleWrite) + " written",
                tone(diagnosis, CARD_RULES.get("Shuffle")));
        card(page, "Spilled to disk", Formats.bytes(spilled), "over all stages",
                tone(diagnosis, CARD_RULES.get("Spilled to disk")));
        page.append("</div>\n");
    }

    /**
     * The rules whose findings speak for each summary card: a card is coloured only when one of them fired, in the
     * severity of the worst such finding (a count of failed tasks or a GC share alone colours nothing).
     */
    static final Map<String, List<String>> CARD_RULES = Map.of(
            "Executors", List.of("idle-executors", "executor-cores", "dynamic-allocation-without-shuffle-service",
                    "kubernetes-pods"),
            "Jobs", List.of("task-failures", "fetch-failure", "job-duration-regression"),
            "Stages", List.of("fetch-failure", "task-failures"),
            "Task attempts", List.of("task-failures"),
            "Task time", List.of("gc-pressure", "tiny-tasks"),
            "Shuffle", List.of("data-skew", "too-few-shuffle-partitions"),
            "Spilled to disk", List.of("shuffle-spill"));

    /** The CSS classes of a card: the worst severity among the findings of {@code rules}, or none. */
    private static String tone(Diagnosis diagnosis, List<String> rules) {
        Severity worst = null;
        for (Finding finding : diagnosis.findings()) {
            if (rules.contains(finding.ruleId()) && (worst == null || finding.severity().compareTo(worst) > 0)) {
                worst = finding.severity();
            }
        }
        return worst == null ? "" : "tone-" + worst.label() + " sev-" + worst.label();
    }

    private static void card(StringBuilder page, String label, String value, String detail, String css) {
        page.append("<div class=\"card").append(css.isEmpty() ? "" : " " + css).append("\"><div class=\"card-label\">")
                .append(Html.text(label))
                .append("</div><div class=\"card-value\">").append(Html.text(value))
                .append("</div><div class=\"card-detail\">").append(Html.text(detail)).append("</div></div>");
    }

    /** A scope, linked to its row in the stage table when it is a stage. */
    private static void scopeLink(StringBuilder page, Scope scope, String prefix) {
        if (scope instanceof Scope.Stage stage) {
            page.append("<a href=\"#").append(stageAnchor(prefix, stage.stage())).append("\">")
                    .append(Html.text(scope.label())).append("</a>");
        } else {
            page.append(Html.text(scope.label()));
        }
    }

    /** Every member of a group, worst first, expandable: where, severity, time lost, summary. */
    private static void members(StringBuilder page, FindingGroup group, String prefix) {
        page.append("<details class=\"members\"><summary>All ").append(group.size()).append(" findings of <code>")
                .append(Html.text(group.ruleId())).append("</code>, worst first</summary>\n<table><thead><tr>")
                .append("<th>where</th><th>severity</th><th>wall time lost</th><th>summary</th></tr></thead><tbody>");
        for (Finding member : group.members()) {
            page.append("<tr><td>");
            scopeLink(page, member.scope(), prefix);
            page.append("</td><td><span class=\"badge ").append(member.severity().label()).append("\">")
                    .append(member.severity().label()).append("</span></td><td class=\"num\">")
                    .append(member.timeLostMillis().stream().mapToObj(Formats::millis).findFirst().orElse("-"))
                    .append("</td><td>").append(Html.text(member.summary())).append("</td></tr>");
        }
        page.append("</tbody></table></details>\n");
    }

    private static void findings(StringBuilder page, Diagnosis diagnosis, String prefix) {
        if (diagnosis.findings().isEmpty()) {
            page.append("<p class=\"good\">No rule found a problem.</p>\n");
        }
        for (FindingGroup group : diagnosis.findingGroups()) {
            Finding finding = group.worst();
            String severity = group.severity().label();
            page.append("<article class=\"finding sev-").append(severity).append("\">\n<header><span class=\"badge ")
                    .append(severity).append("\">").append(severity).append("</span> <code class=\"rule\">")
                    .append(Html.text(group.ruleId())).append("</code> <span class=\"finding-title\">")
                    .append(Html.text(group.title())).append("</span> <span class=\"scope\">");
            if (group.size() == 1) {
                scopeLink(page, finding.scope(), prefix);
            } else {
                page.append(Html.text(group.scopeLabel()));
            }
            page.append("</span>");
            if (group.timeLostMillis().isPresent()) {
                page.append(" <span class=\"lost\">about ").append(Formats.millis(group.timeLostMillis()
                        .getAsLong())).append(" of wall time lost").append(group.size() > 1 ? " together" : "")
                        .append("</span>");
            }
            page.append("</header>\n");
            if (group.size() > 1) {
                page.append("<p class=\"muted\">").append(Html.text(FindingsText.describeGroup(group)))
                        .append("; the worst, ");
                scopeLink(page, finding.scope(), prefix);
                page.append(":</p>\n");
            }
            page.append("<p class=\"summary\">").append(Html.text(finding.summary())).append("</p>\n");
            page.append("<table class=\"evidence\"><tbody>");
            for (Evidence evidence : finding.evidence()) {
                page.append("<tr><th>").append(Html.text(evidence.name())).append("</th><td>")
                        .append(Html.text(Formats.oneLine(evidence.display(), 2000))).append("</td></tr>");
            }
            for (AppliedThreshold threshold : finding.thresholds()) {
                page.append("<tr class=\"threshold\"><th>threshold ").append(Html.text(threshold.name()))
                        .append("</th><td>").append(Html.text(threshold.display())).append("</td></tr>");
            }
            page.append("</tbody></table>\n<p class=\"why\"><strong>Why it matters:</strong> ")
                    .append(Html.text(finding.explanation())).append("</p>\n");
            if (!finding.recommendations().isEmpty()) {
                page.append("<ul class=\"fixes\">");
                for (Recommendation recommendation : finding.recommendations()) {
                    page.append("<li>");
                    if (recommendation instanceof Recommendation.ConfigChange change) {
                        page.append(Html.text(capitalized(change.intent().label()))).append(" <code>")
                                .append(Html.text(change.key() + "=" + change.proposedValue()))
                                .append("</code> (now ").append(change.currentValue()
                                        .map(v -> "<code>" + Html.text(v) + "</code>"
                                                + (change.currentIsDefault() ? ", Spark's default" : ""))
                                        .orElse("not set"))
                                .append("): ").append(Html.text(change.why()));
                    } else if (recommendation instanceof Recommendation.CodeChange change) {
                        page.append(Html.text(change.summary())).append(" <span class=\"muted\">")
                                .append(Html.text(change.why())).append("</span> (code under Code changes, below)");
                    }
                    page.append("</li>");
                }
                page.append("</ul>\n");
            }
            if (group.size() > 1) {
                members(page, group, prefix);
            }
            page.append("</article>\n");
        }
        List<String> notApplicable = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        int passed = 0;
        for (RuleOutcome outcome : diagnosis.outcomes()) {
            if (outcome.disabled()) {
                disabled.add(outcome.ruleId());
            } else if (outcome.notApplicable().isPresent()) {
                notApplicable.add("<li><code>" + Html.text(outcome.ruleId()) + "</code>: "
                        + Html.text(outcome.notApplicable().get()) + "</li>");
            } else if (outcome.findings().isEmpty()) {
                passed++;
            }
        }
        page.append("<p class=\"note\">").append(passed).append(" rules passed");
        if (!disabled.isEmpty()) {
            page.append("; disabled: ").append(Html.text(String.join(", ", disabled)));
        }
        page.append(".</p>\n");
        if (!notApplicable.isEmpty()) {
            page.append("<details class=\"na\"><summary>").append(notApplicable.size())
                    .append(" rules could not judge this log</summary><ul>").append(String.join("", notApplicable))
                    .append("</ul></details>\n");
        }
    }

    private static void advice(StringBuilder page, Advice advice, String prefix) {
        if (advice.isEmpty() && advice.notes().isEmpty()) {
            return;
        }
        if (!advice.settings().isEmpty()) {
            page.append("<h2 id=\"").append(prefix).append("-config\">Recommended configuration</h2>\n")
                    .append("<p class=\"note\">One consistent set: every finding's configuration advice merged, one "
                            + "value per key.</p>\n");
            page.append("<table class=\"data\"><thead><tr><th>key</th><th>now</th><th>change</th><th>proposed</th>"
                    + "<th>rules</th><th>why</th></tr></thead><tbody>");
            for (Advice.Setting setting : advice.settings()) {
                page.append("<tr><td><code>").append(Html.text(setting.key())).append("</code></td><td>")
                        .append(setting.currentValue().map(v -> "<code>" + Html.text(v) + "</code>"
                                + (setting.currentIsDefault() ? " <span class=\"muted\">default</span>" : ""))
                                .orElse("<span class=\"muted\">not set</span>"))
                        .append("</td><td>").append(Html.text(setting.intent().label()))
                        .append("</td><td><code class=\"proposed\">").append(Html.text(setting.proposedValue()))
                        .append("</code></td><td>").append(Html.text(String.join(", ", setting.ruleIds())))
                        .append("</td><td>").append(Html.text(String.join(" ", setting.reasons())))
                        .append(setting.notes().isEmpty() ? "" : " <span class=\"muted\">"
                                + Html.text(String.join(" ", setting.notes())) + "</span>")
                        .append("</td></tr>");
            }
            page.append("</tbody></table>\n<div class=\"code-pair\">");
            copyable(page, prefix + "-defaults", "spark-defaults.conf", AdviceFormat.sparkDefaults(advice));
            copyable(page, prefix + "-submit", "spark-submit", AdviceFormat.sparkSubmit(advice));
            page.append("</div>\n");
        }
        if (!advice.notes().isEmpty()) {
            page.append("<details class=\"na\"><summary>").append(advice.notes().size())
                    .append(" proposals left out</summary><ul>");
            for (String note : advice.notes()) {
                page.append("<li>").append(Html.text(note)).append("</li>");
            }
            page.append("</ul></details>\n");
        }
        if (!advice.codeChanges().isEmpty()) {
            page.append("<h2>Code changes</h2>\n");
            int index = 0;
            for (Recommendation.CodeChange change : advice.codeChanges()) {
                page.append("<article class=\"code-change\"><header><span class=\"badge kind\">")
                        .append(Html.text(change.kind())).append("</span> ").append(Html.text(change.summary()))
                        .append("</header><p class=\"muted\">").append(Html.text(change.why())).append("</p>");
                boolean first = true;
                for (Map.Entry<String, String> snippet : change.snippets().entrySet()) {
                    page.append("<details class=\"snippet\"").append(first ? " open" : "").append("><summary>")
                            .append(Html.text(snippet.getKey())).append("</summary>");
                    copyable(page, prefix + "-code-" + index++, snippet.getKey(), snippet.getValue());
                    page.append("</details>");
                    first = false;
                }
                page.append("</article>\n");
            }
        }
    }

    private static void copyable(StringBuilder page, String id, String label, String text) {
        page.append("<div class=\"copyable\"><div class=\"copy-head\"><span>").append(Html.text(label))
                .append("</span><button type=\"button\" class=\"copy\" data-copy=\"").append(Html.id(id))
                .append("\">Copy</button></div><pre id=\"").append(Html.id(id)).append("\">").append(Html.text(text))
                .append("</pre></div>");
    }

    /** Stages with successful tasks: all when few, else the ones with the most task time plus those flagged. */
    private static List<StageAttempt> chartedStages(ApplicationSnapshot app, Set<StageAttemptId> flagged) {
        List<StageAttempt> withTasks = app.stages().stream().filter(stage -> !stage.successfulTasks().isEmpty())
                .toList();
        if (withTasks.size() <= CHART_STAGE_LIMIT) {
            return withTasks;
        }
        List<StageAttempt> chosen = new ArrayList<>(withTasks.stream().filter(s -> flagged.contains(s.id()))
                .limit(CHART_STAGE_LIMIT).toList());
        for (StageAttempt stage : withTasks.stream().sorted(Comparator.comparingLong(
                (StageAttempt s) -> s.total(TaskMetric.EXECUTOR_RUN_TIME)).reversed()).toList()) {
            if (chosen.size() >= CHART_STAGE_LIMIT) {
                break;
            }
            if (!chosen.contains(stage)) {
                chosen.add(stage);
            }
        }
        chosen.sort(Comparator.comparing(StageAttempt::id));
        return chosen;
    }

    private static String stageAnchor(String prefix, StageAttemptId id) {
        return prefix + "-stage-" + id.stageId() + "-" + id.attemptId();
    }

    /**
     * Every stage attempt. At narrow widths (CSS class {@code wide} on a column hides it) GC, input, shuffle write and
     * spill move into a line under the stage's name, so that the table never scrolls sideways.
     */
    private static void stageTable(StringBuilder page, ApplicationSnapshot app, Set<StageAttemptId> flagged,
            String prefix) {
        page.append("<h2>Stages</h2>\n<p class=\"note\">Every stage attempt; click a column to sort.</p>\n")
                .append("<div class=\"scroll\"><table class=\"data sortable stages\"><thead><tr><th>stage</th>"
                        + "<th>status</th><th>tasks</th><th>failed tasks</th><th>duration</th><th title=\"" + TASK_TIME
                        + "\">task time</th><th class=\"wide\">GC</th><th class=\"wide\">input</th>"
                        + "<th>shuffle read</th><th class=\"wide\">shuffle write</th><th class=\"wide\">spill (disk)</th>"
                        + "<th title=\"the slowest successful task's duration over the median's\">max / median task"
                        + "</th><th>name</th></tr></thead><tbody>");
        for (StageAttempt stage : app.stages()) {
            Distribution duration = stage.distribution(TaskMetric.DURATION);
            OptionalLong elapsed = stage.durationMillis();
            page.append("<tr id=\"").append(stageAnchor(prefix, stage.id())).append("\"")
                    .append(flagged.contains(stage.id()) ? " class=\"flagged\"" : "").append(">");
            cell(page, stage.id().stageId() * 1000.0 + stage.id().attemptId(), stage.id().toString());
            page.append("<td>").append(stage.status().name().toLowerCase(Locale.ROOT)).append("</td>");
            cell(page, stage.numCompleteTasks(), Formats.count(stage.numCompleteTasks()));
            cell(page, stage.numFailedTasks(), Formats.count(stage.numFailedTasks()));
            cell(page, elapsed.orElse(-1), elapsed.isPresent() ? Formats.millis(elapsed.getAsLong()) : "-");
            millisCell(page, stage.total(TaskMetric.EXECUTOR_RUN_TIME));
            cell(page, stage.total(TaskMetric.JVM_GC_TIME), Formats.millis(stage.total(TaskMetric.JVM_GC_TIME)),
                    "num wide");
            cell(page, stage.total(TaskMetric.INPUT_BYTES), Formats.bytes(stage.total(TaskMetric.INPUT_BYTES)),
                    "num wide");
            bytesCell(page, stage.total(TaskMetric.SHUFFLE_READ_BYTES));
            cell(page, stage.total(TaskMetric.SHUFFLE_WRITE_BYTES),
                    Formats.bytes(stage.total(TaskMetric.SHUFFLE_WRITE_BYTES)), "num wide");
            cell(page, stage.total(TaskMetric.DISK_BYTES_SPILLED),
                    Formats.bytes(stage.total(TaskMetric.DISK_BYTES_SPILLED)), "num wide");
            double ratio = duration.maxOverMedian().orElse(0);
            cell(page, ratio, duration.maxOverMedian().isPresent() ? duration.describeMaxOverMedian()
                    : duration.count() == 0 ? "-" : "undefined (median " + Formats.millis(duration.median()) + ")",
                    "num ratio");
            page.append("<td class=\"name\">").append(Html.line(stage.name(), 120));
            if (stage.failureReason().isPresent()) {
                page.append("<div class=\"failure\">").append(Html.line(stage.failureReason().get(), 300))
                        .append("</div>");
            }
            page.append("<div class=\"narrow muted\">").append(Html.text("GC " + Formats.millis(stage.total(
                    TaskMetric.JVM_GC_TIME)) + " · input " + Formats.bytes(stage.total(TaskMetric.INPUT_BYTES))
                    + " · shuffle write " + Formats.bytes(stage.total(TaskMetric.SHUFFLE_WRITE_BYTES)) + " · spill "
                    + Formats.bytes(stage.total(TaskMetric.DISK_BYTES_SPILLED)))).append("</div>");
            page.append("</td></tr>");
        }
        page.append("</tbody></table></div>\n");
    }

    private static void jobTable(StringBuilder page, ApplicationSnapshot app) {
        if (app.jobs().isEmpty()) {
            return;
        }
        page.append("<h2>Jobs</h2>\n<div class=\"scroll\"><table class=\"data sortable jobs\"><thead><tr><th>job</th>"
                + "<th>status</th><th>duration</th><th>stage ids</th><th>SQL execution</th><th>description</th>"
                + "</tr></thead>"
                + "<tbody>");
        for (Job job : app.jobs()) {
            OptionalLong duration = job.durationMillis();
            page.append("<tr>");
            cell(page, job.id(), Integer.toString(job.id()));
            page.append("<td class=\"").append(job.status() == Job.Status.FAILED ? "bad" : "").append("\">")
                    .append(job.status().name().toLowerCase(Locale.ROOT)).append("</td>");
            cell(page, duration.orElse(-1), duration.isPresent() ? Formats.millis(duration.getAsLong()) : "-");
            page.append("<td>").append(Html.text(Formats.oneLine(job.stageIds().toString(), 80))).append("</td>");
            page.append("<td>").append(job.sqlExecutionId().isPresent() ? job.sqlExecutionId().getAsLong() + "" : "")
                    .append("</td><td class=\"name\">").append(Html.line(job.description().orElse(""), 300));
            if (job.failureMessage().isPresent()) {
                page.append("<div class=\"failure\">").append(Html.line(job.failureMessage().get(), 300))
                        .append("</div>");
            }
            page.append("</td></tr>");
        }
        page.append("</tbody></table></div>\n");
    }

    /** Every executor; host names break after their dots, and at narrow widths some columns move under the host. */
    private static void executorTable(StringBuilder page, ApplicationSnapshot app) {
        if (app.executors().isEmpty()) {
            return;
        }
        long start = app.application().startTime().orElse(0);
        page.append("<h2>Executors</h2>\n<div class=\"scroll\"><table class=\"data sortable executors\"><thead><tr>"
                + "<th>executor</th><th>host</th><th>cores</th><th>added</th><th>removed</th><th>tasks</th>"
                + "<th>failed tasks</th><th title=\"" + TASK_DURATION + "\">task duration</th><th class=\"wide\">GC</th>"
                + "<th>shuffle read</th><th class=\"wide\">shuffle write</th><th class=\"wide\">spill (disk)</th>"
                + "<th class=\"wide\">peak JVM heap</th></tr></thead><tbody>");
        for (ExecutorSummary executor : app.executors()) {
            OptionalLong heap = executor.peakMetrics().get(ExecutorMetric.JVM_HEAP_MEMORY);
            String heapText = heap.isPresent() ? Formats.bytes(heap.getAsLong()) : "-";
            page.append("<tr><td>").append(Html.text(executor.id())).append("</td><td class=\"host\">")
                    .append(Html.line(executor.host(), 60).replace(".", ".<wbr>"))
                    .append("<div class=\"narrow muted\">").append(Html.text("GC "
                            + Formats.millis(executor.totalGcTimeMillis()) + " · shuffle write "
                            + Formats.bytes(executor.totalShuffleWriteBytes()) + " · spill "
                            + Formats.bytes(executor.diskBytesSpilled()) + " · peak heap " + heapText))
                    .append("</div></td>");
            cell(page, executor.totalCores(), executor.totalCores() == 0 ? "-" : executor.totalCores() + "");
            relative(page, executor.addTime(), start, "");
            relative(page, executor.removeTime(), start, executor.removeReason().orElse(""));
            cell(page, executor.completedTasks(), Formats.count(executor.completedTasks()));
            cell(page, executor.failedTasks(), Formats.count(executor.failedTasks()));
            millisCell(page, executor.totalDurationMillis());
            cell(page, executor.totalGcTimeMillis(), Formats.millis(executor.totalGcTimeMillis()), "num wide");
            bytesCell(page, executor.totalShuffleReadBytes());
            cell(page, executor.totalShuffleWriteBytes(), Formats.bytes(executor.totalShuffleWriteBytes()),
                    "num wide");
            cell(page, executor.diskBytesSpilled(), Formats.bytes(executor.diskBytesSpilled()), "num wide");
            cell(page, heap.orElse(-1), heapText, "num wide");
            page.append("</tr>");
        }
        page.append("</tbody></table></div>\n");
    }

    private static void sql(StringBuilder page, ApplicationSnapshot app) {
        if (app.sqlExecutions().isEmpty()) {
            return;
        }
        page.append("<h2>SQL executions</h2>\n");
        for (SqlExecution sql : app.sqlExecutions()) {
            page.append("<details class=\"sql\"><summary><strong>").append(sql.id()).append("</strong> ")
                    .append(sql.durationMillis().isPresent() ? Formats.millis(sql.durationMillis().getAsLong()) : "")
                    .append(" · ").append(Html.line(sql.description(), 160));
            if (!sql.joins().isEmpty()) {
                List<String> joins = new ArrayList<>();
                for (SqlExecution.Join join : sql.joins()) {
                    joins.add(join.strategy());
                }
                page.append(" <span class=\"muted\">(").append(Html.text(String.join(", ", joins))).append(")</span>");
            }
            page.append("</summary>");
            sql.errorMessage().ifPresent(error -> page.append("<p class=\"failure\">").append(Html.line(error, 500))
                    .append("</p>"));
            page.append("<p class=\"muted\">jobs ").append(Html.text(sql.jobIds().toString()))
                    .append(sql.adaptivePlanUpdates() > 0 ? ", " + sql.adaptivePlanUpdates() + " adaptive re-plans"
                            : "")
                    .append("</p><pre class=\"plan\">").append(Html.text(sql.physicalPlan()))
                    .append("</pre></details>\n");
        }
    }

    private static void properties(StringBuilder page, ApplicationSnapshot app) {
        if (app.sparkProperties().isEmpty()) {
            return;
        }
        page.append("<details class=\"properties\"><summary>Spark properties (").append(app.sparkProperties().size())
                .append(", redacted as Spark redacts them)</summary><table class=\"data\"><tbody>");
        for (Map.Entry<String, String> property : app.sparkProperties().entrySet()) {
            page.append("<tr><td><code>").append(Html.text(property.getKey())).append("</code></td><td><code>")
                    .append(Html.text(property.getValue())).append("</code></td></tr>");
        }
        page.append("</tbody></table></details>\n");
    }

    /** A time as an offset from the application's start, with an optional reason below it. */
    private static void relative(StringBuilder page, OptionalLong time, long start, String reason) {
        long offset = time.isPresent() ? Math.max(0, time.getAsLong() - start) : -1;
        page.append("<td class=\"num\" data-sort=\"").append(offset).append("\">")
                .append(time.isPresent() ? Html.text("+" + Formats.millis(offset)) : "-");
        if (!reason.isEmpty()) {
            page.append("<div class=\"failure\">").append(Html.line(reason, 200)).append("</div>");
        }
        page.append("</td>");
    }

    private static void millisCell(StringBuilder page, long millis) {
        cell(page, millis, Formats.millis(millis));
    }

    private static void bytesCell(StringBuilder page, long bytes) {
        cell(page, bytes, Formats.bytes(bytes));
    }

    private static void cell(StringBuilder page, double sortKey, String text) {
        cell(page, sortKey, text, "num");
    }

    private static void cell(StringBuilder page, double sortKey, String text, String css) {
        page.append("<td class=\"").append(css).append("\" data-sort=\"").append(Html.number(sortKey)).append("\">")
                .append(Html.text(text)).append("</td>");
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static final String STYLE = """
            :root{--fg:#1d2330;--muted:#5b6475;--line:#dfe3ea;--bg:#f6f7f9;--card:#fff;--accent:#2f6fdf;\
            --crit:#c62828;--warn:#e07b00;--info:#2f6fdf;--ok:#2e7d32}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;\
            color:var(--fg);background:var(--bg)}
            header.top{background:#1d2330;color:#fff;padding:8px 24px;display:flex;gap:24px;align-items:center}
            header.top .brand{font-weight:700;letter-spacing:.5px}
            header.top nav a{color:#cfe0ff;margin-right:16px}
            main{max-width:1240px;margin:0 auto;padding:8px 24px 40px}
            section.application{margin-bottom:48px}
            h1.app-name{font-size:26px;margin:18px 0 2px;overflow-wrap:anywhere}
            h2{font-size:19px;margin:30px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
            .meta,.note,.muted{color:var(--muted)}
            .note{margin:4px 0 10px}
            code,pre{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
            pre{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 12px;overflow:auto;\
            margin:0;white-space:pre}
            pre.plan{max-height:420px;font-size:12px}
            .incomplete{background:#fff4e5;border:1px solid #f3c27a;border-radius:6px;padding:8px 14px;margin:10px 0}
            .incomplete ul{margin:4px 0}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;margin:16px 0}
            .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
            .card-label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.4px}
            .card-value{font-size:22px;font-weight:600}
            .card-detail{color:var(--muted);font-size:12.5px}
            .card.bad .card-value,.card.tone-critical .card-value{color:var(--crit)}
            .card.tone-warning .card-value{color:var(--warn)}
            .card.sev-critical{border-left:5px solid var(--crit)}
            .card.sev-warning{border-left:5px solid var(--warn)}
            .card.sev-info{border-left:5px solid var(--info)}
            .card.sev-ok{border-left:5px solid var(--ok)}
            article.finding,article.code-change{background:var(--card);border:1px solid var(--line);\
            border-left:5px solid var(--info);border-radius:8px;padding:10px 16px;margin:12px 0}
            article.sev-critical{border-left-color:var(--crit)}
            article.sev-warning{border-left-color:var(--warn)}
            article header{font-size:15px}
            .badge{display:inline-block;border-radius:10px;padding:0 9px;font-size:12px;font-weight:700;color:#fff;\
            background:var(--info);text-transform:uppercase}
            .badge.critical{background:var(--crit)}
            .badge.warning{background:var(--warn)}
            .badge.kind{background:#5b6475;text-transform:none}
            code.rule{font-weight:600}
            .finding-title{font-weight:600}
            .scope,.lost{color:var(--muted);margin-left:6px}
            .summary{font-size:15px;margin:6px 0}
            table{border-collapse:collapse}
            table.evidence th{text-align:left;font-weight:500;color:var(--muted);padding:2px 16px 2px 0;\
            vertical-align:top;white-space:nowrap}
            table.evidence td{padding:2px 0;overflow-wrap:anywhere}
            table.evidence tr.threshold th,table.evidence tr.threshold td{font-size:12.5px}
            .fixes{margin:6px 0 2px;padding-left:20px}
            .fixes li{margin:3px 0}
            table.data{background:var(--card);border:1px solid var(--line);width:100%;font-size:13px}
            table.data th{background:#eef1f5;text-align:left;padding:5px 8px;position:sticky;top:0;\
            z-index:1;box-shadow:0 1px 0 var(--line)}
            table.sortable th{cursor:pointer}
            table.sortable th[aria-sort=ascending]::after{content:" \\25B2"}
            table.sortable th[aria-sort=descending]::after{content:" \\25BC"}
            table.data td{padding:4px 8px;border-top:1px solid var(--line);vertical-align:top}
            table.data td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
            table.data td.name{min-width:200px;overflow-wrap:anywhere}
            table.data td.host{min-width:8em;overflow-wrap:anywhere}
            table.data td.num .failure{white-space:normal;text-align:left;min-width:12em;overflow-wrap:anywhere}
            table.data td.ratio{white-space:normal;min-width:6em}
            table.data .narrow{display:none;font-size:12px}
            table.data tr.flagged td{background:#fff4e5}
            table.data tr:target td{background:#e3edff}
            .failure{color:var(--crit);font-size:12px}
            td.bad{color:var(--crit)}
            .scroll{overflow:auto;max-height:720px}
            .code-pair{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin-top:12px}
            .copyable{margin:8px 0}
            .copy-head{display:flex;justify-content:space-between;align-items:center;font-size:12px;color:var(--muted);\
            margin-bottom:3px}
            button.copy{font:inherit;font-size:12px;border:1px solid var(--accent);color:var(--accent);\
            background:#fff;border-radius:5px;padding:1px 10px;cursor:pointer}
            button.copy:hover{background:var(--accent);color:#fff}
            .offscreen{position:fixed;left:-9999px;top:0}
            .charts{display:grid;grid-template-columns:1fr;gap:8px}
            figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px;\
            overflow:auto}
            figcaption{font-weight:600;margin:0 0 4px 4px}
            svg.chart{display:block;font-size:11px;font-family:inherit}
            svg.boxes,svg.spill-gc{max-width:100%;height:auto}
            svg .grid{stroke:#e6e9ef}
            svg .tick{fill:var(--muted);font-size:11px}
            svg .band{fill:#fafbfc}
            svg .group{fill:var(--fg);font-weight:600;font-size:12px}
            svg .bar-job rect{fill:#5b8def}
            svg .bar-stage rect{fill:#3aa99f}
            svg .bar-flagged rect{fill:var(--warn)}
            svg .bar-failed rect{fill:var(--crit)}
            svg .bar-running rect{fill:#9aa5b8}
            svg .bar-executor rect{fill:#8e9bb0}
            svg .bar-removed rect{fill:#c9a0a0}
            svg g:hover > rect{opacity:.75}
            svg .in-bar{fill:#fff;font-size:10px;pointer-events:none}
            svg.zoomable{cursor:crosshair;user-select:none;-webkit-user-select:none}
            svg .brush{fill:#2f6fdf;fill-opacity:.15;stroke:#2f6fdf;pointer-events:none}
            .timeline-controls{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center;margin:4px 0 6px;\
            font-size:12.5px;color:var(--muted)}
            .timeline-controls .range{color:var(--fg);font-variant-numeric:tabular-nums}
            .timeline-controls button{font:inherit;font-size:12px;border:1px solid var(--accent);color:var(--accent);\
            background:#fff;border-radius:5px;padding:1px 10px;cursor:pointer}
            .timeline-controls button:hover{background:var(--accent);color:#fff}
            .timeline-controls [hidden]{display:none}
            .scroll.timeline-box{max-height:none}
            svg .row-bg{fill:transparent}
            svg .box-row:hover .row-bg,svg .gc-row:hover .row-bg{fill:#eef3ff}
            svg .box-row.hot .row-bg,svg .gc-row.hot .row-bg{fill:#fff4e5}
            svg .label{fill:var(--fg);font-size:12px}
            svg .axis{stroke:#e3e6ec;stroke-width:1}
            svg .whisker{stroke:#7a8599;stroke-width:1.2}
            svg .box{fill:#cfe0ff;stroke:#2f6fdf;stroke-width:1}
            svg .median{stroke:#1d2330;stroke-width:2.5}
            svg .p95{stroke:#2f6fdf;stroke-width:1.5}
            svg .outlier{fill:#7a8599}
            svg .max{fill:#1d2330}
            svg .max.hot{fill:var(--crit)}
            svg .value{fill:var(--fg);font-size:12px;font-variant-numeric:tabular-nums}
            svg .value.hot{fill:var(--crit);font-weight:600}
            svg .gc{fill:#8e9bb0}
            svg .gc.high{fill:var(--crit)}
            svg .limit{stroke:var(--crit);stroke-dasharray:3 3}
            svg .spill-memory{fill:#f3c27a}
            svg .spill-disk{fill:var(--warn)}
            .key{font-weight:600}
            .key.flagged{color:var(--warn)}
            .key.failed{color:var(--crit)}
            .good{color:var(--ok);font-weight:600}
            details{margin:8px 0}
            details.sql{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:6px 10px}
            summary{cursor:pointer}
            footer{color:var(--muted);text-align:center;padding:20px;font-size:12px}
            @media (max-width:900px){.code-pair{grid-template-columns:1fr}}
            @media (max-width:1000px){table.data .wide{display:none}table.data .narrow{display:block}\
            table.data td.name{min-width:10em}main{padding:8px 16px 40px}}
            @media print{.scroll{max-height:none}button.copy{display:none}}
            """;

    /** Sorting and copying; holds no data from the log. */
    static final String SCRIPT = """
            (function () {
              'use strict';
              function fallbackCopy(text) {
                var area = document.createElement('textarea');
                area.value = text;
                area.setAttribute('readonly', '');
                area.className = 'offscreen';
                document.body.appendChild(area);
                area.select();
                var copied = false;
                try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
                document.body.removeChild(area);
                return copied;
              }
              function show(button, copied) {
                button.textContent = copied ? 'Copied' : 'Press Ctrl+C';
                window.setTimeout(function () { button.textContent = 'Copy'; }, 1500);
              }
              function selectText(element) {
                var range = document.createRange();
                range.selectNodeContents(element);
                var selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
              }
              Array.prototype.forEach.call(document.querySelectorAll('button.copy'), function (button) {
                button.addEventListener('click', function () {
                  var source = document.getElementById(button.getAttribute('data-copy'));
                  if (!source) { return; }
                  var text = source.textContent;
                  if (navigator.clipboard && window.isSecureContext) {
                    navigator.clipboard.writeText(text).then(function () { show(button, true); }, function () {
                      var copied = fallbackCopy(text);
                      if (!copied) { selectText(source); }
                      show(button, copied);
                    });
                  } else {
                    var copied = fallbackCopy(text);
                    if (!copied) { selectText(source); }
                    show(button, copied);
                  }
                });
              });
              function sortKey(cell) {
                if (!cell) { return ''; }
                var value = cell.getAttribute('data-sort');
                if (value !== null && value !== '' && !isNaN(Number(value))) { return Number(value); }
                return cell.textContent;
              }
              Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
                if (!table.tHead || !table.tBodies.length) { return; }
                var headers = table.tHead.rows[0].cells;
                Array.prototype.forEach.call(headers, function (header, column) {
                  header.addEventListener('click', function () {
                    var ascending = header.getAttribute('aria-sort') !== 'ascending';
                    Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
                    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                    var body = table.tBodies[0];
                    var rows = Array.prototype.slice.call(body.rows);
                    rows.sort(function (a, b) {
                      var x = sortKey(a.cells[column]);
                      var y = sortKey(b.cells[column]);
                      var order = (typeof x === 'number' && typeof y === 'number') ? x - y
                          : String(x).localeCompare(String(y));
                      return ascending ? order : -order;
                    });
                    rows.forEach(function (row) { body.appendChild(row); });
                  });
                });
              });
              function two(n) { return (n < 10 ? '0' : '') + n; }
              function duration(ms, step) {
                if (ms < 1000 && step < 1000) { return Math.round(ms) + ' ms'; }
                if (ms < 60000) {
                  var digits = step >= 1000 ? 1 : step >= 100 ? 1 : step >= 10 ? 2 : 3;
                  return (ms / 1000).toFixed(digits) + ' s';
                }
                var seconds = ms / 1000;
                if (seconds < 3600) {
                  var rest = seconds % 60;
                  var shown = step >= 1000 ? two(Math.floor(rest)) : (rest < 10 ? '0' : '') + rest.toFixed(step >= 100 ? 1 : 3);
                  return Math.floor(seconds / 60) + 'm ' + shown + 's';
                }
                var hours = Math.floor(seconds / 3600);
                var minutes = Math.floor((seconds % 3600) / 60);
                return hours + 'h ' + two(minutes) + 'm' + (step < 60000 ? ' ' + two(Math.floor(seconds % 60)) + 's' : '');
              }
              var STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000,
                300000, 600000, 900000, 1800000, 3600000, 7200000, 10800000, 21600000, 43200000, 86400000];
              function niceStep(raw) {
                for (var i = 0; i < STEPS.length; i++) { if (STEPS[i] >= raw) { return STEPS[i]; } }
                return Math.ceil(raw / 86400000) * 86400000;
              }
              function timeline(svg) {
                var box = svg.parentNode;
                var controls = box.previousElementSibling;
                var rangeLabel = controls.querySelector('.range');
                var fullFrom = Number(svg.getAttribute('data-full-from'));
                var fullTo = Number(svg.getAttribute('data-full-to'));
                var initialFrom = Number(svg.getAttribute('data-initial-from'));
                var initialTo = Number(svg.getAttribute('data-initial-to'));
                var plotLeft = Number(svg.getAttribute('data-plot-left'));
                var rightMargin = Number(svg.getAttribute('data-plot-right-margin'));
                var height = Number(svg.getAttribute('height'));
                var bars = Array.prototype.slice.call(svg.querySelectorAll('g[data-from]')).map(function (g) {
                  var text = g.querySelector('text');
                  return { g: g, rect: g.querySelector('rect'), text: text, from: Number(g.getAttribute('data-from')),
                    to: Number(g.getAttribute('data-to')), label: text ? text.textContent.length : 0 };
                });
                var ticks = svg.querySelector('g.ticks');
                var brush = svg.querySelector('rect.brush');
                var width = Number(svg.getAttribute('width'));
                var from = initialFrom;
                var to = initialTo;
                var minSpan = Math.min(10, fullTo - fullFrom);
                function plotRight() { return width - rightMargin; }
                function x(t) { return plotLeft + (t - from) * (plotRight() - plotLeft) / (to - from); }
                function timeAt(px) {
                  var clamped = Math.max(plotLeft, Math.min(plotRight(), px));
                  return from + (clamped - plotLeft) * (to - from) / (plotRight() - plotLeft);
                }
                function svgX(event) { return event.clientX - svg.getBoundingClientRect().left; }
                function describe() {
                  if (from <= fullFrom && to >= fullTo) {
                    return 'Showing the whole application: 0 s to +' + duration(fullTo, 1000) + '.';
                  }
                  var step = niceStep((to - from) / 8);
                  return 'Showing +' + duration(from, step) + ' to +' + duration(to, step) + ' after the application '
                      + 'started (' + duration(to - from, step) + ' of ' + duration(fullTo - fullFrom, 1000) + ').'
                      + (from === initialFrom && initialFrom > fullFrom ? ' The first ' + duration(initialFrom, 1000)
                      + ', before the first job, are left out (the driver setting up): zoom out or press Whole '
                      + 'application to see them.' : '');
                }
                function draw() {
                  var right = plotRight();
                  bars.forEach(function (bar) {
                    if (bar.to < from || bar.from > to) {
                      bar.g.setAttribute('visibility', 'hidden');
                      return;
                    }
                    bar.g.removeAttribute('visibility');
                    var left = Math.max(plotLeft, x(bar.from));
                    var w = Math.max(2, Math.min(right, x(bar.to)) - left);
                    bar.rect.setAttribute('x', left.toFixed(1));
                    bar.rect.setAttribute('width', w.toFixed(1));
                    if (bar.text) {
                      bar.text.setAttribute('x', (left + 3).toFixed(1));
                      if (w >= 7.5 * bar.label + 6) { bar.text.removeAttribute('visibility'); }
                      else { bar.text.setAttribute('visibility', 'hidden'); }
                    }
                  });
                  while (ticks.firstChild) { ticks.removeChild(ticks.firstChild); }
                  var step = niceStep((to - from) / Math.max(2, Math.floor((right - plotLeft) / 110)));
                  for (var t = Math.ceil(from / step) * step; t <= to; t += step) {
                    var px = x(t).toFixed(1);
                    var line = document.createElementNS(svg.namespaceURI, 'line');
                    line.setAttribute('class', 'grid');
                    line.setAttribute('x1', px); line.setAttribute('x2', px);
                    line.setAttribute('y1', '20'); line.setAttribute('y2', String(height - 4));
                    var label = document.createElementNS(svg.namespaceURI, 'text');
                    label.setAttribute('class', 'tick');
                    label.setAttribute('x', px); label.setAttribute('y', '14');
                    label.setAttribute('text-anchor', 'middle');
                    label.textContent = t === 0 ? '0 s' : duration(t, step);
                    ticks.appendChild(line);
                    ticks.appendChild(label);
                  }
                  svg.setAttribute('data-view-from', String(Math.round(from)));
                  svg.setAttribute('data-view-to', String(Math.round(to)));
                  rangeLabel.textContent = describe();
                }
                function show(newFrom, newTo) {
                  var span = Math.max(minSpan, Math.min(fullTo - fullFrom, newTo - newFrom));
                  var middle = (newFrom + newTo) / 2;
                  newFrom = Math.max(fullFrom, Math.min(fullTo - span, middle - span / 2));
                  from = newFrom;
                  to = newFrom + span;
                  draw();
                }
                function fit() {
                  var available = Math.floor(box.clientWidth);
                  if (available < 320) { return; }
                  width = available;
                  svg.setAttribute('width', String(width));
                  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
                  Array.prototype.forEach.call(svg.querySelectorAll('rect.band'), function (band) {
                    band.setAttribute('width', String(width));
                  });
                  draw();
                }
                svg.addEventListener('wheel', function (event) {
                  if (svgX(event) < plotLeft) { return; }
                  event.preventDefault();
                  var delta = event.deltaMode === 1 ? event.deltaY * 33 : event.deltaMode === 2 ? event.deltaY * 400
                      : event.deltaY;
                  var factor = Math.exp(Math.max(-5, Math.min(5, delta * 0.002)));
                  var at = timeAt(svgX(event));
                  var span = Math.max(minSpan, Math.min(fullTo - fullFrom, (to - from) * factor));
                  var newFrom = at - (at - from) * span / (to - from);
                  newFrom = Math.max(fullFrom, Math.min(fullTo - span, newFrom));
                  from = newFrom;
                  to = newFrom + span;
                  draw();
                }, { passive: false });
                var dragStart = null;
                svg.addEventListener('mousedown', function (event) {
                  if (event.button !== 0 || svgX(event) < plotLeft) { return; }
                  event.preventDefault();
                  dragStart = Math.min(plotRight(), svgX(event));
                });
                window.addEventListener('mousemove', function (event) {
                  if (dragStart === null) { return; }
                  var now = Math.max(plotLeft, Math.min(plotRight(), svgX(event)));
                  brush.setAttribute('x', Math.min(dragStart, now).toFixed(1));
                  brush.setAttribute('width', Math.abs(now - dragStart).toFixed(1));
                  brush.removeAttribute('visibility');
                });
                window.addEventListener('mouseup', function (event) {
                  if (dragStart === null) { return; }
                  var now = Math.max(plotLeft, Math.min(plotRight(), svgX(event)));
                  var a = timeAt(Math.min(dragStart, now));
                  var b = timeAt(Math.max(dragStart, now));
                  dragStart = null;
                  brush.setAttribute('visibility', 'hidden');
                  if (Math.abs(x(b) - x(a)) >= 5) { show(a, b); }
                });
                svg.addEventListener('dblclick', function () { show(initialFrom, initialTo); });
                controls.querySelector('.zoom-reset').addEventListener('click', function () { show(initialFrom, initialTo); });
                controls.querySelector('.zoom-all').addEventListener('click', function () { show(fullFrom, fullTo); });
                Array.prototype.forEach.call(controls.querySelectorAll('[hidden]'), function (e) { e.hidden = false; });
                svg.classList.add('zoomable');
                fit();
                window.addEventListener('resize', fit);
              }
              Array.prototype.forEach.call(document.querySelectorAll('svg.timeline'), timeline);
            })();
            """;

    private static String capitalized(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
