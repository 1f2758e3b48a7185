package dev.sparkdoc.snapshot;

/** Stage attempt status, with Spark's REST names. */
public enum StageStatus {
    ACTIVE,
    COMPLETE,
    FAILED,
    PENDING,
    SKIPPED
}
