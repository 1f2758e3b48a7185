package dev.sparkdoc.samples.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.eventlog.EventLogReader;
import dev.sparkdoc.eventlog.ParallelReads;
import org.junit.jupiter.api.Test;

/**
 * Every committed sample log, and the compare logs, read with parser threads as they read on one thread: the same
 * events, summary, progress and JSON report (the findings).
 */
class SampleLogsParallelReadTest {

    @Test
    void sampleLogsReadTheSameInParallel() throws Exception {
        int logs = ParallelReads.assertIdentical(SampleLogsTest.LOGS, EventLogReader.DEFAULT_MAX_LINE_BYTES);
        assertTrue(logs >= 10, logs + " sample logs");
        int compared = ParallelReads.assertIdentical(SampleLogsTest.LOGS.resolveSibling("compare-logs"),
                EventLogReader.DEFAULT_MAX_LINE_BYTES);
        assertTrue(compared >= 5, compared + " compare logs");
    }
}
