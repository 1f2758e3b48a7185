package dev.sparkdoc.samples.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Settings over a job's own reach the forked JVM after its positional arguments (the committed runs in
 * sample-eventlogs/compare-logs were made this way; their event logs show the settings took effect).
 */
class JobRequestConfTest {

    @Test
    void settingsFollowThePositionalArgumentsAsConfPairs() {
        ReferenceJob job = ReferenceJobs.find("skewed-aggregation").orElseThrow();
        JobRequest request = JobRequest.plain(job.name(), Path.of("events"))
                .withConf(Map.of("spark.io.compression.zstd.level", "19", "spark.shuffle.compress", "true"));
        List<String> command = JobLauncher.command(job, request, Path.of("result.properties"));
        int main = command.indexOf(JobMain.class.getName());
        assertEquals(List.of(job.name(), Path.of("events").toAbsolutePath().toString(),
                Path.of("result.properties").toAbsolutePath().toString(), "zstd", "false", "--conf",
                "spark.io.compression.zstd.level=19", "--conf", "spark.shuffle.compress=true"),
                command.subList(main + 1, command.size()));
        assertTrue(request.salted("merchant", 4).conf().containsKey("spark.shuffle.compress"),
                "a salted run keeps the settings");
    }

    @Test
    void onlySparkSettingsAreTaken() {
        assertThrows(IllegalArgumentException.class, () -> JobRequest.plain("healthy", Path.of("events"))
                .withConf(Map.of("memory", "1g")));
    }
}
