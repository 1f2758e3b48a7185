package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.samples.jobs.ReferenceJob;
import dev.sparkdoc.samples.jobs.ReferenceJobs;
import org.junit.jupiter.api.Test;

class JobsCommandTest {

    @Test
    void listShowsEveryJobWithTheRuleItPlants() {
        CliRun run = CliRun.of("jobs", "list");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("NAME "), run.out());
        for (String name : new String[] {"skewed-aggregation", "skewed-join", "spill", "gc-heavy", "driver-oom-risk",
            "fetch-failure", "tiny-tasks", "healthy"}) {
            assertTrue(run.out().contains(name), name + " in\n" + run.out());
        }
        for (ReferenceJob job : ReferenceJobs.all()) {
            String line = run.out().lines().filter(l -> l.startsWith(job.name() + " ")).findFirst().orElseThrow();
            assertTrue(line.contains(job.plantedRule().orElse("none")), line);
        }
    }

    @Test
    void runOfAnUnknownJobIsAUsageErrorNamingTheKnownJobs() {
        CliRun run = CliRun.of("jobs", "run", "no-such-job");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("unknown job 'no-such-job'"), run.err());
        assertTrue(run.err().contains(ReferenceJobs.names()), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void saltOfAJobWithoutSkewIsAUsageError() {
        CliRun run = CliRun.of("jobs", "run", "healthy", "--salt", "4");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("skewed-aggregation, skewed-join"), run.err());
        CliRun salt = CliRun.of("salt", "spill");
        assertEquals(ExitCode.USAGE, salt.exitCode());
        assertTrue(salt.err().contains("plants no skew"), salt.err());
    }

    @Test
    void unknownCodecIsAUsageError() {
        CliRun run = CliRun.of("jobs", "run", "healthy", "--codec", "gzip");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("none, lz4, lzf, snappy, zstd"), run.err());
    }

    @Test
    void confOtherThanASparkSettingIsAUsageError() {
        CliRun run = CliRun.of("jobs", "run", "healthy", "--conf", "memory=1g");
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--conf memory: not a Spark setting; give spark.KEY=VALUE"), run.err());
    }
}
