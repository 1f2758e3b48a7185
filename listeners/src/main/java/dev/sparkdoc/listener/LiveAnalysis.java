package dev.sparkdoc.listener;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.diagnosis.Diagnosis;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.ReadSummary;
import dev.sparkdoc.fold.ApplicationFolder;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.slf4j.Logger;

/**
 * What the listener's thread does with each event: adapt it, fold it with the same {@link ApplicationFolder} as
 * {@code sparkdoc analyze}, count it in the metrics; diagnose with the same {@link Diagnoser} after stages complete and
 * log each new finding once; at application end, diagnose once more and write the reports.
 *
 * <p>Diagnosing reads the whole application, so it is coalesced: it runs when the queue is momentarily empty or two
 * seconds after a stage completed, and within a {@link DiagnosisBudget} of {@value #DIAGNOSIS_CPU_PERCENT}% of one
 * core over time (with up to {@value #DIAGNOSIS_BURST_MILLIS} ms at once, for the first diagnoses on a cold JIT),
 * however many stages complete: in an application whose diagnosis takes 500 ms, findings come at most every 25 s.
 */
final class LiveAnalysis implements EventPump.Handler<SparkListenerEvent> {

    private static final long MAX_DIAGNOSIS_DELAY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int MAX_EVIDENCE_LOGGED = 3;
    /** The share of one core diagnoses may take over time. */
    static final int DIAGNOSIS_CPU_PERCENT = 2;
    /** The most diagnosis time the budget holds: what a quiet spell saves up. */
    static final long DIAGNOSIS_BURST_MILLIS = 2_000;
    /** Stage attempts whose executor peaks are tracked at most (stages that never complete are forgotten). */
    private static final int MAX_TRACKED_STAGES = 1_000;

    private final ApplicationFolder folder;
    private final SparkEventAdapter adapter = new SparkEventAdapter();
    private final RuleSettings rules;
    private final ListenerMetrics metrics;
    private final ListenerHealth health;
    private final Optional<ReportWriter> reports;
    private final Runnable onEnd;
    private final Logger log;
    private final Consumer<SparkEvent> fold = this::fold;
    private final Set<String> loggedFindings = new HashSet<>();

    /** Every this many plus one events a busy listener looks at the clock to refresh the running stages. */
    private static final int RUNNING_REFRESH_MASK = 4095;
    private long handled;
    private long lastRunningRefreshMillis;
    private boolean diagnosisPending;
    private long pendingSinceNanos;
    private final DiagnosisBudget budget = new DiagnosisBudget(DIAGNOSIS_CPU_PERCENT,
            TimeUnit.MILLISECONDS.toNanos(DIAGNOSIS_BURST_MILLIS));
    private boolean ended;
    private volatile Diagnosis lastDiagnosis;
    private volatile List<String> reportPaths = List.of();

    /**
     * @param retainedTaskRows per-task rows the finished stages keep in full, all together
     *     ({@link ListenerConfig#retainedTaskRows()})
     * @param stageTaskRows per-task rows a running stage keeps ({@link ListenerConfig#stageTaskRows()})
     */
    LiveAnalysis(String sparkVersion, RuleSettings rules, long retainedTaskRows, int stageTaskRows,
            ListenerMetrics metrics, ListenerHealth health, Optional<ReportWriter> reports, Runnable onEnd,
            Logger log) {
        this.folder = new ApplicationFolder(retainedTaskRows, stageTaskRows);
        // Summaries of finished stages sort their columns: done with each diagnosis, not while an event is folded.
        folder.deferSummaries();
        this.rules = rules;
        this.metrics = metrics;
        this.health = health;
        this.reports = reports;
        this.onEnd = onEnd;
        this.log = log;
        // The event log's first line, which no listener receives.
        folder.accept(new SparkEvent.LogStart(sparkVersion));
    }

    /**
     * Redacts with the application's redaction settings from its SparkConf, before the first event (the environment
     * update, which carries the same settings, arrives later). Call before the pump starts.
     */
    void redactWith(Map<String, String> sparkSettings) {
        folder.redactWith(sparkSettings);
    }

    @Override
    public void handle(SparkListenerEvent event) throws IOException {
        if (ended) {
            return;
        }
        adapter.adapt(event, fold);
        adapter.trimTrackedStages(MAX_TRACKED_STAGES);
        if ((++handled & RUNNING_REFRESH_MASK) == 0) {
            // A busy listener is never idle: the running stages' signals are refreshed from here then.
            refreshRunning();
        }
        if (diagnosisPending && System.nanoTime() - pendingSinceNanos > MAX_DIAGNOSIS_DELAY_NANOS) {
            maybeDiagnose();
        }
    }

    private void fold(SparkEvent event) {
        folder.accept(event);
        metrics.record(event);
        if (event instanceof SparkEvent.StageCompleted completed) {
            stageCompleted(completed);
        } else if (event instanceof SparkEvent.ApplicationEnd) {
            end();
        }
    }

    private void stageCompleted(SparkEvent.StageCompleted completed) {
        Optional<StageAttempt> stage = folder.stageAttempt(completed.stage().id());
        if (stage.isPresent() && stage.get().status() == StageStatus.COMPLETE) {
            metrics.stageSkew(stage.get().id(), stage.get().distribution(TaskMetric.DURATION).maxOverMedian(),
                    stage.get().distribution(TaskMetric.SHUFFLE_READ_BYTES).maxOverMedian());
        }
        if (!diagnosisPending) {
            diagnosisPending = true;
            pendingSinceNanos = System.nanoTime();
        }
    }

    @Override
    public void idle() {
        if (!ended) {
            refreshRunning();
        }
        if (diagnosisPending && !ended) {
            maybeDiagnose();
        }
    }

    /** The running stages' signals, at most once a second (a sort of each stage's finished durations). */
    private void refreshRunning() {
        long now = System.currentTimeMillis();
        if (now - lastRunningRefreshMillis >= 1_000) {
            lastRunningRefreshMillis = now;
            metrics.refreshRunning(now);
        }
    }

    @Override
    public void disable() {
        ended = true;
        lastDiagnosis = null;
    }

    private void maybeDiagnose() {
        if (budget.allows(System.nanoTime())) {
            diagnose(List.of());
        }
    }

    private Diagnosis diagnose(List<String> incompleteReasons) {
        long start = System.nanoTime();
        folder.summarizeFinishedStages();
        ApplicationSnapshot snapshot = folder.snapshot(incompleteReasons);
        Diagnosis diagnosis = Diagnoser.diagnose(snapshot, rules);
        lastDiagnosis = diagnosis;
        metrics.findings(diagnosis.findings());
        for (Finding finding : diagnosis.findings()) {
            if (loggedFindings.add(finding.ruleId() + "\u0000" + finding.scope().label() + "\u0000"
                    + finding.severity())) {
                if (finding.severity() == Severity.INFO) {
                    log.info(findingLine(finding));
                } else {
                    log.warn(findingLine(finding));
                }
            }
        }
        diagnosisPending = false;
        long took = System.nanoTime() - start;
        budget.spent(took);
        health.diagnosed(took);
        return diagnosis;
    }

    /** One line: severity, rule id, scope, key evidence. */
    static String findingLine(Finding finding) {
        StringBuilder line = new StringBuilder("sparkdoc finding: [").append(finding.severity().label()).append("] ")
                .append(finding.ruleId()).append(' ').append(finding.scope().label()).append(": ");
        List<Evidence> evidence = finding.evidence();
        for (int i = 0; i < Math.min(MAX_EVIDENCE_LOGGED, evidence.size()); i++) {
            if (i > 0) {
                line.append(", ");
            }
            line.append(evidence.get(i).name()).append(' ').append(evidence.get(i).display());
        }
        if (evidence.isEmpty()) {
            line.append(finding.summary());
        }
        return line.toString();
    }

    private void end() {
        ended = true;
        List<String> incomplete = new ArrayList<>();
        if (health.dropped() > 0) {
            incomplete.add("the listener dropped " + health.dropped() + " events because its queue was full"
                    + " (raise spark.sparkdoc.queue.capacity)");
        }
        if (health.errors() > 0) {
            incomplete.add("the listener could not process " + health.errors() + " events (see the driver log)");
        }
        Diagnosis diagnosis = diagnose(incomplete);
        ApplicationSnapshot snapshot = folder.snapshot(incomplete);
        String appId = snapshot.application().id().orElse(metrics.applicationId());
        if (reports.isPresent()) {
            EventLogSource source = new EventLogSource("listener:" + appId, EventLogSource.Layout.LISTENER,
                    List.of(EventLogSource.Part.listener(appId)), false, false);
            ReadSummary read = new ReadSummary(0, 0, 0, health.processed() + 1, Map.of(), List.of(), 0, false,
                    Optional.empty());
            DiagnosedLog diagnosed = new DiagnosedLog(new AnalyzedLog(source, read, snapshot), diagnosis);
            try {
                reportPaths = reports.get().write(diagnosed,
                        ReportWriter.stem(appId, snapshot.application().attemptId().orElse("")),
                        ListenerVersion.get());
                log.info("sparkdoc: {} findings; reports written to {}", diagnosis.findings().size(),
                        String.join(" and ", reportPaths));
            } catch (IOException | RuntimeException e) {
                log.warn("sparkdoc: could not write the reports to {}: {}; check spark.sparkdoc.report.dir and that"
                        + " the driver can write there", reports.get().directory(), e.toString());
            }
        } else {
            log.info("sparkdoc: {} findings at application end (set spark.sparkdoc.report.dir to keep the report)",
                    diagnosis.findings().size());
        }
        onEnd.run();
    }

    /** The findings of the latest diagnosis; empty before the first stage completes. */
    List<Finding> findings() {
        Diagnosis diagnosis = lastDiagnosis;
        return diagnosis == null ? List.of() : diagnosis.findings();
    }

    List<String> reportPaths() {
        return reportPaths;
    }

    int trackedStages() {
        return adapter.trackedStages();
    }
}
