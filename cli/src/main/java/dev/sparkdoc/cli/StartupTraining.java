package dev.sparkdoc.cli;

import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogReader;
import dev.sparkdoc.eventlog.EventLogSource;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The run the launchers make a class-data archive of (Java's AppCDS): the commands people start most, in one JVM,
 * so that the archive holds the classes each of them loads. Output is discarded; the exit code is 0 only when every
 * command ended as expected, so that a broken run leaves no archive.
 *
 * <pre>java -XX:DumpLoadedClassList=LIST -cp CLASSPATH dev.sparkdoc.cli.StartupTraining SAMPLE_LOG
 * java -Xshare:dump -XX:SharedClassListFile=LIST -XX:SharedArchiveFile=FILE -cp CLASSPATH</pre>
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining SAMPLE_LOG");
            System.exit(ExitCode.USAGE);
        }
        String log = args[0];
        List<List<String>> commands = List.of(
                List.of("--version"),
                List.of("analyze", log),
                List.of("analyze", log, "-o", "json"),
                List.of("rules", "list"));
        for (List<String> command : commands) {
            // one per command: a command may close its output (-o json does), after which the next one's would fail
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            int code = SparkDoc.run(command.toArray(new String[0]), discard, discard);
            if (code != ExitCode.OK && code != ExitCode.FINDINGS) {
                System.err.println("sparkdoc: 'sparkdoc " + String.join(" ", command) + "' exited " + code
                        + " while recording the start-up archive");
                System.exit(code);
            }
        }
        // What a large log adds: the parser threads, and the compiler watch they wait for (java.management); the
        // sample is read twice more as if it were large, so that those classes are in the archive too.
        try {
            for (EventLogReader.Parallelism parallelism : List.of(new EventLogReader.Parallelism(2, 0, 64 * 1024),
                    new EventLogReader.Parallelism(2, 0, 64 * 1024, true))) {
                for (EventLogSource source : EventLogLocator.locate(log)) {
                    new EventLogReader(bytes -> {
                    }, EventLogReader.DEFAULT_MAX_LINE_BYTES, parallelism).read(source, event -> {
                    });
                }
            }
        } catch (EventLogException e) {
            System.err.println("sparkdoc: reading " + log + " in parallel failed while recording the start-up archive: "
                    + e.getMessage());
            System.exit(ExitCode.BAD_INPUT);
        }
        System.exit(ExitCode.OK);
    }
}
