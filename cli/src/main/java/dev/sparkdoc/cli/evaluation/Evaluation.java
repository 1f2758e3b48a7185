package dev.sparkdoc.cli.evaluation;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.diagnosis.Diagnosis;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.rules.RuleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs sparkdoc's diagnosis with default settings over every labelled log and judges it against the labels. Logs are
 * read two at a time; the verdicts come back in labels-file order, so the report is the same on every run.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * @param labelsDirectory the labels files, read recursively
     * @param root what the labels' log paths are relative to (the repository root)
     */
    public static EvaluationReport run(Path labelsDirectory, Path root, int threads) throws LabelsException,
            EventLogException {
        List<LogLabels> all = LabelsReader.readAll(labelsDirectory);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Verdict>> pending = new ArrayList<>();
            for (LogLabels labels : all) {
                String name = name(labelsDirectory, labels.file());
                pending.add(pool.submit(() -> LogJudge.judge(name, labels, diagnose(root, labels))));
            }
            List<Verdict> verdicts = new ArrayList<>();
            for (Future<Verdict> verdict : pending) {
                verdicts.add(await(verdict));
            }
            return new EvaluationReport(verdicts);
        } finally {
            pool.shutdownNow();
        }
    }

    static Diagnosis diagnose(Path root, LogLabels labels) throws LabelsException, EventLogException {
        Path log = root.resolve(labels.log()).normalize();
        if (!Files.exists(log)) {
            throw new LabelsException(labels.file() + ": log " + labels.log() + " does not exist under " + root);
        }
        List<EventLogSource> sources = EventLogLocator.locate(log.toString());
        if (sources.size() != 1) {
            throw new LabelsException(labels.file() + ": log " + labels.log() + " holds " + sources.size()
                    + " applications; a labels file describes exactly one");
        }
        AnalyzedLog analyzed = EventLogAnalysis.analyze(sources.get(0));
        return Diagnoser.diagnose(analyzed.application(), RuleSettings.defaults());
    }

    private static Verdict await(Future<Verdict> verdict) throws LabelsException, EventLogException {
        try {
            return verdict.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LabelsException labels) {
                throw labels;
            }
            if (cause instanceof EventLogException log) {
                throw log;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** The labels file's path under the labels directory, without the suffix: the log's name in the report. */
    static String name(Path labelsDirectory, Path file) {
        String relative = labelsDirectory.relativize(file).toString().replace('\\', '/');
        return relative.substring(0, relative.length() - LabelsReader.SUFFIX.length());
    }
}
