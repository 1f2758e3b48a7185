package dev.sparkdoc.fleet;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Advice;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.diagnosis.Diagnosis;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.ReadSummary;
import dev.sparkdoc.report.AdviceFormat;
import dev.sparkdoc.report.FindingsJson;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.RuleSettingsException;
import dev.sparkdoc.snapshot.ApplicationInfo;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.ExecutorSummary;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One Spark task's work: one event log, read with the same locator, reader, folder and analyzers as
 * {@code sparkdoc analyze} ({@link EventLogLocator}, {@link EventLogAnalysis}, {@link Diagnoser}), streaming and with
 * bounded per-task rows. A local ({@code file:}) log is read in place; a log on another file system is first copied
 * (file or rolling directory) to a private temporary directory of the task, analyzed there and deleted. Whatever goes
 * wrong with one log becomes its error row: the job never fails for a log.
 */
final class LogTask implements Function<LogCandidate, LogResult>, Serializable {
    private static final long serialVersionUID = 1L;

    /** Parsed once per executor JVM, not once per task. */
    private static final Map<String, RuleSettings> SETTINGS = new ConcurrentHashMap<>();

    private final Broadcast<HadoopConf> hadoopConf;
    private final String rulesYaml;
    private final String rulesSource;
    private final long maxFinishedTaskRows;
    private final int maxStageTaskRows;
    private final String runId;
    private final long analyzedAtMillis;

    LogTask(Broadcast<HadoopConf> hadoopConf, String rulesYaml, String rulesSource, long maxFinishedTaskRows,
            int maxStageTaskRows, String runId, long analyzedAtMillis) {
        this.hadoopConf = hadoopConf;
        this.rulesYaml = rulesYaml;
        this.rulesSource = rulesSource;
        this.maxFinishedTaskRows = maxFinishedTaskRows;
        this.maxStageTaskRows = maxStageTaskRows;
        this.runId = runId;
        this.analyzedAtMillis = analyzedAtMillis;
    }

    @Override
    public LogResult call(LogCandidate found) {
        // what the rows and messages show: the path without user information (a secret in an s3a:// URI)
        LogCandidate candidate = new LogCandidate(LogListing.redact(found.path()), found.directory(),
                found.sizeBytes(), found.modifiedMillis(), found.searched());
        java.nio.file.Path copy = null;
        String local = null;
        try {
            Path path = new Path(found.path());
            if ("file".equals(path.toUri().getScheme())) {
                local = new java.io.File(path.toUri()).getPath();
            } else {
                copy = Files.createTempDirectory("sparkdoc-fleet-");
                java.nio.file.Path target = copy.resolve(path.getName());
                FileSystem fs = path.getFileSystem(hadoopConf.value().get());
                // raw local file system: no .crc files beside the copy, which the locator would have to skip
                fs.copyToLocalFile(false, path, new Path(target.toUri()), true);
                local = target.toString();
            }
            List<EventLogSource> sources = EventLogLocator.locate(local);
            if (sources.size() != 1) {
                return error(candidate, "not one event log", candidate.path() + ": holds " + sources.size()
                        + " event logs where one was expected; name them one by one");
            }
            AnalyzedLog log = EventLogAnalysis.analyze(sources.get(0), bytes -> {
            }, maxFinishedTaskRows, maxStageTaskRows);
            Diagnosis diagnosis = Diagnoser.diagnose(log.application(), settings());
            return analyzed(candidate, log, diagnosis);
        } catch (EventLogException e) {
            if (e.isNotAnEventLog() && candidate.searched()) {
                return skipped(candidate, cause(e.problem(), local, candidate.path()));
            }
            // a copied log is named by its own path, not by the temporary copy
            String message = copy == null ? e.getMessage() : e.getMessage().replace(local, candidate.path());
            return error(candidate, cause(e.problem(), local, candidate.path()), message);
        } catch (IOException e) {
            return error(candidate, "cannot be read", candidate.path() + ": cannot be read ("
                    + LogListing.reason(e) + "); check the permissions and that the file system is reachable");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // A bug or an exhausted task: that log's row says so, the other logs go on.
            return error(candidate, "internal error: " + e.getClass().getName(), candidate.path()
                    + ": internal error while analyzing: " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + LogListing.reason(e))
                    + "; run 'sparkdoc analyze --debug' on this log and report it");
        } finally {
            if (copy != null) {
                delete(copy);
            }
        }
    }

    /**
     * The short reason of an error, the same for every log it happens to, for "errors by cause": the problem without
     * the log's path and without the details after it ("corrupt or truncated compressed stream in /x/a.zstd after
     * line 0 (decoded byte 0): ..." is "corrupt or truncated compressed stream").
     */
    static String cause(String problem, String local, String shown) {
        String cause = problem;
        for (String path : new String[] {local, shown}) {
            if (path != null && !path.isEmpty()) {
                cause = cause.replace(" in " + path, "").replace(path, "");
            }
        }
        int end = cause.length();
        for (String cut : new String[] {" (", ": ", "; ", " after ", " at line "}) {
            int at = cause.indexOf(cut);
            if (at > 0) {
                end = Math.min(end, at);
            }
        }
        return cause.substring(0, end).strip();
    }

    private RuleSettings settings() {
        if (rulesYaml == null) {
            return RuleSettings.defaults();
        }
        return SETTINGS.computeIfAbsent(rulesYaml, yaml -> {
            try {
                return RuleSettings.parse(rulesSource, yaml);
            } catch (RuleSettingsException e) {
                // the driver parsed the same text before starting the job
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    private LogResult analyzed(LogCandidate candidate, AnalyzedLog log, Diagnosis diagnosis) {
        ApplicationSnapshot app = log.application();
        ApplicationInfo info = app.application();
        List<ExecutorSummary> workers = app.executors().stream().filter(e -> !e.isDriver()).toList();
        if (workers.isEmpty()) {
            // local mode: the driver ran the tasks
            workers = app.executors();
        }
        long taskTime = 0;
        long gc = 0;
        long shuffleRead = 0;
        long shuffleWrite = 0;
        long memorySpill = 0;
        long diskSpill = 0;
        for (ExecutorSummary executor : app.executors()) {
            taskTime += executor.totalDurationMillis();
            gc += executor.totalGcTimeMillis();
            shuffleRead += executor.totalShuffleReadBytes();
            shuffleWrite += executor.totalShuffleWriteBytes();
            memorySpill += executor.memoryBytesSpilled();
            diskSpill += executor.diskBytesSpilled();
        }
        String appId = info.id().orElse(null);
        String attemptId = info.attemptId().orElse(null);
        Row application = RowFactory.create(runId, new Timestamp(analyzedAtMillis), candidate.path(),
                candidate.sizeBytes(), candidate.modifiedMillis(), appId, attemptId, info.name(), info.user(),
                timestamp(info.startTime()), timestamp(info.endTime()), boxed(info.durationMillis()), info.complete(),
                info.sparkVersion().orElse(null), workers.size(),
                workers.stream().mapToInt(ExecutorSummary::totalCores).sum(), taskTime, gc, shuffleRead,
                shuffleWrite, memorySpill, diskSpill, diagnosis.findings().size(),
                diagnosis.worstSeverity().map(severity -> severity.label()).orElse(null),
                diagnosis.topFinding().map(Finding::ruleId).orElse(null), diagnosis.timeLostMillis(),
                warnings(log).toArray(String[]::new), null, null, null);
        List<Row> findings = new ArrayList<>();
        for (Finding finding : diagnosis.findings()) {
            Map<String, String> evidence = new LinkedHashMap<>();
            for (Evidence item : finding.evidence()) {
                evidence.putIfAbsent(item.name(), item.display());
            }
            // Spark's rows take arrays, not Java collections; the map column is made from the two arrays in SQL
            // (FleetTables.findings), which needs no Scala collection here.
            List<String> recommendations = new ArrayList<>();
            for (Recommendation recommendation : finding.recommendations()) {
                recommendations.add(recommendation instanceof Recommendation.ConfigChange change
                        ? AdviceFormat.change(change)
                        : ((Recommendation.CodeChange) recommendation).kind() + ": "
                                + ((Recommendation.CodeChange) recommendation).summary());
            }
            findings.add(RowFactory.create(runId, candidate.path(), appId, attemptId, info.name(), finding.ruleId(),
                    finding.title(), finding.severity().label(), finding.scope().kind(), finding.scope().label(),
                    finding.summary(), evidence.keySet().toArray(String[]::new),
                    evidence.values().toArray(String[]::new), boxed(finding.timeLostMillis()),
                    recommendations.toArray(String[]::new),
                    FindingsJson.toJson(finding)));
        }
        List<Row> recommendations = new ArrayList<>();
        for (Advice.Setting setting : diagnosis.advice().settings()) {
            long timeLost = 0;
            for (Finding finding : diagnosis.findings()) {
                if (setting.ruleIds().contains(finding.ruleId())) {
                    timeLost += finding.timeLostMillis().orElse(0);
                }
            }
            recommendations.add(RowFactory.create(runId, candidate.path(), appId, attemptId, info.name(),
                    setting.key(), setting.currentValue().orElse(null), setting.currentIsDefault(),
                    setting.proposedValue(), setting.intent().label(), setting.ruleIds().toArray(String[]::new),
                    timeLost));
        }
        return new LogResult(application, findings, recommendations);
    }

    /** The warnings {@code sparkdoc analyze} prints for a log it could read, in its words. */
    private static List<String> warnings(AnalyzedLog log) {
        List<String> warnings = new ArrayList<>();
        ReadSummary read = log.read();
        if (read.malformedLineCount() > 0) {
            warnings.add(read.malformedLineCount() + " malformed lines skipped");
        }
        warnings.addAll(read.warnings());
        read.streamError().ifPresent(error -> warnings.add(error + "; analyzed the events before it"));
        if (log.source().compacted()) {
            warnings.add("compacted log; task statistics of finished jobs are partial");
        }
        return warnings;
    }

    private LogResult error(LogCandidate candidate, String cause, String message) {
        Row row = RowFactory.create(runId, new Timestamp(analyzedAtMillis), candidate.path(), candidate.sizeBytes(),
                candidate.modifiedMillis(), null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, new String[0], message, cause, null);
        return new LogResult(row, List.of(), List.of());
    }

    /**
     * The row of a file found in a directory that holds no event log (a README, a checksum, an empty file): neither an
     * application nor an error, as {@code sparkdoc analyze} skips it; kept so that the next run knows it.
     */
    private LogResult skipped(LogCandidate candidate, String reason) {
        Row row = RowFactory.create(runId, new Timestamp(analyzedAtMillis), candidate.path(), candidate.sizeBytes(),
                candidate.modifiedMillis(), null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, new String[0], null, null, reason);
        return new LogResult(row, List.of(), List.of());
    }

    private static Timestamp timestamp(OptionalLong millis) {
        return millis.isPresent() ? new Timestamp(millis.getAsLong()) : null;
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static void delete(java.nio.file.Path directory) {
        try (Stream<java.nio.file.Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temporary directory left behind is not worth failing a log for
        }
    }

}
