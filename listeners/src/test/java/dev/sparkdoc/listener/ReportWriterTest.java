package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.rules.RuleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener's report files: permissions as the process's umask gives, and a wrong directory said at start. */
class ReportWriterTest {

    private static final Path HEALTHY = Path.of("..", "sample-eventlogs", "logs", "healthy");

    @TempDir
    Path work;

    @Test
    void reportsTakeTheUmaskLikeAnyOtherNewFile() throws Exception {
        AnalyzedLog log = EventLogAnalysis.analyze(EventLogLocator.locate(HEALTHY.toString()).get(0));
        DiagnosedLog diagnosed = new DiagnosedLog(log, Diagnoser.diagnose(log.application(), RuleSettings.defaults()));
        Path reports = work.resolve("reports");
        List<String> written = new ReportWriter(reports.toString(), Configuration::new).write(diagnosed, "app", "t");

        Path reference = Files.writeString(work.resolve("reference.txt"), "made with the umask");
        String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(reference));
        assertEquals(3, written.size());
        for (String file : written) {
            assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(file))), file);
        }
        try (var left = Files.list(reports)) {
            assertEquals(3, left.count(), "temporary files left behind");
        }
    }

    @Test
    void anUnwritableDirectoryIsSaidAtStartAndAWritableOneIsNot() throws Exception {
        Path file = Files.writeString(work.resolve("a-file"), "not a directory");
        assertTrue(new ReportWriter(file.resolve("reports").toString(), Configuration::new).checkWritable()
                .orElseThrow().startsWith("cannot write reports to " + file.resolve("reports")));
        Path fine = work.resolve("new").resolve("reports");
        assertEquals(java.util.Optional.empty(), new ReportWriter(fine.toString(), Configuration::new).checkWritable());
        try (var left = Files.list(fine)) {
            assertEquals(0, left.count(), "the write check left a file");
        }
        assertEquals(java.util.Optional.empty(),
                new ReportWriter("hdfs://namenode:8020/reports", Configuration::new).checkWritable(),
                "other file systems are checked when the report is written");
    }
}
