package dev.sparkdoc.snapshot;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Failed task ends of one kind within a stage attempt: the end reason ({@code ExceptionFailure},
 * {@code ExecutorLostFailure}, {@code FetchFailed}, {@code TaskKilled}, {@code Resubmitted}, ...), a detail that
 * tells causes apart (the exception class, the executor loss reason), how many, one example message, and the
 * executors involved (the first few).
 */
public record TaskFailureGroup(String reason, String detail, long count, String exampleMessage,
        List<String> executors) {
    public TaskFailureGroup {
        requireNonNull(reason, "reason is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(exampleMessage, "exampleMessage is null");
        executors = List.copyOf(executors);
    }
}
