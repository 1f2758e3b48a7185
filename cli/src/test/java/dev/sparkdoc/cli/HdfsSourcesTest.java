package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sparkdoc analyze hdfs://...} against a real HDFS: Hadoop's MiniDFSCluster (a namenode and a datanode in
 * this JVM, on loopback). The same log gives the report of the local file, but for the source's path.
 */
@Tag("slow")
class HdfsSourcesTest {

    @TempDir
    static Path base;
    private static MiniDFSCluster cluster;
    private static String root;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void start() throws IOException {
        Configuration configuration = new Configuration();
        configuration.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        cluster = new MiniDFSCluster.Builder(configuration).numDataNodes(1).build();
        cluster.waitActive();
        FileSystem fileSystem = cluster.getFileSystem();
        for (String log : S3aSourcesTest.LOGS) {
            fileSystem.copyFromLocalFile(new org.apache.hadoop.fs.Path(S3aSourcesTest.SAMPLES.resolve(log).toUri()),
                    new org.apache.hadoop.fs.Path("/spark-logs/" + log));
        }
        root = "hdfs://localhost:" + cluster.getNameNodePort() + "/spark-logs";
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"healthy", "skewed-join.lz4", "eventlog_v2_tiny-tasks"})
    void aLogOnHdfsGivesTheReportOfTheLocalFile(String log) throws IOException {
        CliRun local = CliRun.of("analyze", "-o", "json", S3aSourcesTest.SAMPLES.resolve(log).toString());
        CliRun remote = CliRun.of("analyze", "-o", "json", root + "/" + log);
        assertEquals(local.exitCode(), remote.exitCode(), remote.err());
        S3aSourcesTest.assertSameReport(local.out(), S3aSourcesTest.SAMPLES.toString(), remote.out(), root);
        assertEquals(root + "/" + log, mapper.readTree(remote.out()).path("applications").get(0).path("source")
                .path("path").asText());
    }

    @Test
    void aDirectoryOnHdfsGivesEveryLog() throws IOException {
        CliRun run = CliRun.of("analyze", "-o", "json", root);
        JsonNode applications = mapper.readTree(run.out()).path("applications");
        assertEquals(S3aSourcesTest.LOGS.size(), applications.size(), run.err());
        assertTrue(run.exitCode() == 0 || run.exitCode() == ExitCode.FINDINGS, run.err());
    }

    @Test
    void aMissingPathIsOneLine() {
        CliRun run = CliRun.of("analyze", root + "/no-such-log");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        S3aSourcesTest.assertOneLine(run, root + "/no-such-log: no such file or directory");
    }

    @Test
    void aNamenodeThatIsNotThereFailsInOneLine() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CliRun run = CliRun.of("analyze", "hdfs://127.0.0.1:" + closed + "/spark-logs");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        S3aSourcesTest.assertOneLine(run, "hdfs://127.0.0.1:" + closed + "/spark-logs: cannot connect to");
        assertTrue(run.err().contains("check the namenode address"), run.err());
    }

    @Test
    void anUnknownHostIsOneLine() {
        CliRun run = CliRun.of("analyze", "hdfs://no-such-namenode.invalid:8020/spark-logs");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        S3aSourcesTest.assertOneLine(run, "hdfs://no-such-namenode.invalid:8020/spark-logs: ");
        assertTrue(List.of("unknown host", "cannot connect").stream().anyMatch(run.err()::contains), run.err());
    }
}
