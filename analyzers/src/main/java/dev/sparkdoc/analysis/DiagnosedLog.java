package dev.sparkdoc.analysis;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.diagnosis.Diagnosis;

/** An analyzed log and what the rules concluded about it. */
public record DiagnosedLog(AnalyzedLog log, Diagnosis diagnosis) {
    public DiagnosedLog {
        requireNonNull(log, "log is null");
        requireNonNull(diagnosis, "diagnosis is null");
    }
}
