package dev.sparkdoc.listener;

import dev.sparkdoc.samples.jobs.JobLauncher;
import dev.sparkdoc.samples.jobs.ReferenceJob;
import dev.sparkdoc.samples.jobs.ReferenceJobs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One reference job run in a forked JVM with the listener attached ({@link ListenedJob}), and what it left behind. */
record ListenedRun(String applicationId, Path eventLog, Path reportDir, String output) {

    static ListenedRun run(String jobName, Path work, String... settings) throws IOException, InterruptedException {
        Path logDir = work.resolve("eventlogs");
        Path reportDir = work.resolve("reports");
        Path outputFile = work.resolve("output.log");
        Process process = start(jobName, work, settings);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(jobName + " did not finish in 10 minutes; output in " + outputFile);
        }
        String output = Files.readString(outputFile, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(jobName + " failed (exit " + process.exitValue() + "):\n" + tail(output));
        }
        String appId = output.lines().filter(line -> line.startsWith("applicationId="))
                .map(line -> line.substring("applicationId=".length())).findFirst()
                .orElseThrow(() -> new IOException("no applicationId in the output:\n" + tail(output)));
        return new ListenedRun(appId, eventLog(logDir, appId), reportDir, output);
    }

    /**
     * Starts the job in its forked JVM and returns at once; its output goes to WORK/output.log, its event log to
     * WORK/eventlogs and the listener's reports to WORK/reports.
     */
    static Process start(String jobName, Path work, String... settings) throws IOException {
        ReferenceJob job = ReferenceJobs.find(jobName).orElseThrow();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + job.heap());
        command.addAll(JobLauncher.javaOpens());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ListenedJob.class.getName());
        command.add(jobName);
        command.add(work.resolve("eventlogs").toString());
        command.add(ListenerConfig.REPORT_DIR + "=" + work.resolve("reports"));
        command.addAll(List.of(settings));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("output.log").toFile()).start();
    }

    /** The event log file Spark named after the application id. */
    static Path eventLog(Path logDir, String appId) throws IOException {
        String sanitized = appId.replaceAll("[ :/]", "-").replaceAll("[.${}'\"]", "_").toLowerCase(Locale.ROOT);
        try (Stream<Path> entries = Files.list(logDir)) {
            return entries.filter(path -> path.getFileName().toString().equals(sanitized)).findFirst()
                    .orElseThrow(() -> new IOException("no event log for " + appId + " in " + logDir));
        }
    }

    Path jsonReport() {
        return reportDir.resolve(ReportWriter.stem(applicationId, "") + ".sparkdoc.json");
    }

    Path textReport() {
        return reportDir.resolve(ReportWriter.stem(applicationId, "") + ".sparkdoc.txt");
    }

    Path htmlReport() {
        return reportDir.resolve(ReportWriter.stem(applicationId, "") + ".sparkdoc.html");
    }

    /** The lines the listener logged. */
    List<String> listenerLines() {
        return output.lines().filter(line -> line.contains("sparkdoc")).collect(Collectors.toList());
    }

    static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
