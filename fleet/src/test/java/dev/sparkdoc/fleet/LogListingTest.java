package dev.sparkdoc.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listing on Hadoop's local file system: the analyzers' layouts, the names that are no logs, --out skipped. */
class LogListingTest {

    @TempDir
    Path temp;

    private static void file(Path path, String text) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    @Test
    void eachLayoutIsOneLogAndOtherDirectoriesAreSearched() throws IOException {
        file(temp.resolve("logs/app-1.lz4"), "x");
        file(temp.resolve("logs/eventlog_v2_app-2/events_1_app-2.zstd"), "xx");
        file(temp.resolve("logs/eventlog_v2_app-2/appstatus_app-2"), "");
        file(temp.resolve("logs/nested/db/eventlog"), "xyz");
        file(temp.resolve("logs/nested/db/eventlog-2026-12-01--10-00.gz"), "x");
        file(temp.resolve("logs/nested/app-3"), "x");
        file(temp.resolve("logs/.hidden"), "x");
        file(temp.resolve("logs/_SUCCESS"), "x");
        file(temp.resolve("logs/.app-1.lz4.crc"), "x");
        file(temp.resolve("logs/fleet/applications/part-0.parquet"), "x");
        String out = new org.apache.hadoop.fs.Path(temp.resolve("logs/fleet").toUri().toString()).toString();

        List<LogCandidate> found = LogListing.list(List.of(temp.resolve("logs").toString()), new Configuration(),
                out);
        assertEquals(List.of("app-1.lz4 false 1", "eventlog_v2_app-2 true 2", "app-3 false 1", "db true 4"),
                found.stream().map(c -> c.path().substring(c.path().lastIndexOf('/') + 1) + " " + c.directory()
                        + " " + c.sizeBytes()).toList());
    }

    @Test
    void aMissingDirectoryIsOneLineAndSecretsInPathsAreNotShown() {
        FleetException missing = assertThrows(FleetException.class, () -> LogListing.list(
                List.of(temp.resolve("nowhere").toString()), new Configuration()));
        assertEquals(temp.resolve("nowhere") + ": no such file or directory; check the path (a Hadoop path such as"
                + " hdfs://namenode/spark-logs, s3a://bucket/spark-logs or a local directory)", missing.getMessage());
        assertEquals("s3a://***@bucket/logs", LogListing.redact("s3a://AKIAEXAMPLE:s3cr3t@bucket/logs"));
        assertEquals("hdfs://nn:8020/logs", LogListing.redact("hdfs://nn:8020/logs"));
        assertEquals("cannot reach s3a://***@bucket/x", LogListing.reason(new IOException(
                "cannot reach s3a://KEY:SECRET@bucket/x\nsecond line")));
    }

    @Test
    void anErrorsCauseIsTheSameForEveryLogItHappensTo() {
        assertEquals("corrupt or truncated compressed stream", LogTask.cause("corrupt or truncated compressed stream"
                + " in /tmp/x/broken.zstd after line 0 (decoded byte 0): Unknown frame descriptor", "/tmp/x/broken.zstd",
                "file:/tmp/x/broken.zstd"));
        assertEquals("not a Spark event log", LogTask.cause("not a Spark event log (neither JSON lines nor lz4, lzf,"
                + " snappy, zstd or gzip data)", "/a/README.md", "file:/a/README.md"));
    }
}
