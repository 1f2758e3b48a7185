package dev.sparkdoc.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.eventlog.CompressionCodec;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.TestLogs;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.StageAttempt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated Spark 4.2.0 logs ran the same job once per codec: sparkdoc must read every one to the same
 * deterministic numbers, and each must equal Spark's own replay of that file exactly.
 */
class CodecEqualityTest {

    private static final Map<String, CompressionCodec> CODECS = Map.of(
            "single-plain", CompressionCodec.NONE,
            "single-lz4", CompressionCodec.LZ4,
            "single-lzf", CompressionCodec.LZF,
            "single-snappy", CompressionCodec.SNAPPY,
            "single-zstd", CompressionCodec.ZSTD,
            "rolling-zstd", CompressionCodec.ZSTD,
            "rolling-lz4", CompressionCodec.LZ4);

    /** Stages 0 to 7 are the job every variant ran; the rolling variants add two many-task jobs after it. */
    private static final int SHARED_STAGES = 8;

    @Test
    void everyCodecReadsToTheSameDeterministicNumbersAndEqualsSparkReplay() throws Exception {
        List<String> reference = null;
        for (String variant : TestLogs.SINGLE_FILE_VARIANTS) {
            Path log = TestLogs.spark42(variant);
            TestLogs.Read read = TestLogs.read(log);
            assertEquals(EventLogSource.Layout.SINGLE_FILE, read.source().layout());
            assertEquals(CODECS.get(variant), read.source().parts().get(0).codec().orElse(CompressionCodec.NONE),
                    variant);
            assertTrue(read.snapshot().application().complete(), variant + ": "
                    + read.snapshot().application().incompleteReasons());
            assertEquals(0, read.summary().malformedLineCount(), variant);

            List<String> numbers = deterministic(read.snapshot(), Integer.MAX_VALUE);
            assertEquals(SHARED_STAGES, read.snapshot().stages().size(), variant);
            if (reference == null) {
                reference = numbers;
            } else {
                assertEquals(reference, numbers, variant + " differs from single-plain");
            }

            SparkReplayOracle.Result oracle = SparkReplayOracle.replay(log, SparkReplayOracleTest.totalNames(),
                    SparkReplayOracleTest.distributionPaths());
            assertTrue(oracle.replayedToEnd(), variant);
            SparkReplayOracleTest.compare("spark-4.2.0/" + variant, oracle, read.snapshot()).assertNoMismatch();
        }
        for (String variant : List.of("rolling-zstd", "rolling-lz4")) {
            TestLogs.Read read = TestLogs.read(TestLogs.spark42(variant));
            assertEquals(CODECS.get(variant), read.source().parts().get(0).codec().orElseThrow(), variant);
            assertEquals(reference, deterministic(read.snapshot(), SHARED_STAGES), variant + " (shared job)");
        }
    }

    /**
     * What does not change between runs of the job: per stage, counts and records. Not bytes, times or sizes, and
     * not stage ids either: the join's two independent map stages get ids 4 and 5 in whichever order Spark submits
     * them, so the stages are compared as a sorted list.
     */
    private static List<String> deterministic(ApplicationSnapshot snapshot, int maxStages) {
        List<String> numbers = new ArrayList<>();
        for (StageAttempt stage : snapshot.stages()) {
            if (stage.id().stageId() >= maxStages) {
                continue;
            }
            numbers.add("attempt " + stage.id().attemptId() + " " + stage.status() + " tasks=" + stage.numTasks()
                    + " complete=" + stage.numCompleteTasks() + " failed=" + stage.numFailedTasks()
                    + " killed=" + stage.numKilledTasks() + " indices=" + stage.numCompletedIndices()
                    + " inputRecords=" + stage.total(TaskMetric.INPUT_RECORDS)
                    + " outputRecords=" + stage.total(TaskMetric.OUTPUT_RECORDS)
                    + " shuffleReadRecords=" + stage.total(TaskMetric.SHUFFLE_READ_RECORDS)
                    + " shuffleWriteRecords=" + stage.total(TaskMetric.SHUFFLE_WRITE_RECORDS)
                    + " maxShuffleReadRecords=" + stage.distribution(TaskMetric.SHUFFLE_READ_RECORDS).max());
        }
        numbers.sort(null);
        numbers.add(0, "app " + snapshot.application().name());
        return numbers;
    }
}
