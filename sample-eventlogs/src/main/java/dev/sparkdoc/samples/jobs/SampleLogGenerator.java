package dev.sparkdoc.samples.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Regenerates the committed sample event logs: runs every reference job (or the named ones) with the codec and
 * layout chosen for it and moves its log to {@code OUT_DIR/<job>[.codec]} (a rolling log to
 * {@code OUT_DIR/eventlog_v2_<job>/}), then rewrites {@code OUT_DIR/intended-rules.txt}. Run by
 * {@code scripts/regenerate-sample-logs.sh}. Arguments: OUT_DIR [JOB...].
 */
public final class SampleLogGenerator {

    /** How each job's log is written: the codecs and layouts vary so the sample logs cover them all. */
    record Layout(String codec, boolean rolling) {
    }

    static final Map<String, Layout> LAYOUTS = Map.ofEntries(
            Map.entry("skewed-aggregation", new Layout("none", false)),
            Map.entry("skewed-join", new Layout("lz4", false)),
            Map.entry("spill", new Layout("snappy", false)),
            Map.entry("gc-heavy", new Layout("zstd", false)),
            Map.entry("driver-oom-risk", new Layout("zstd", false)),
            Map.entry("fetch-failure", new Layout("snappy", false)),
            Map.entry("tiny-tasks", new Layout("zstd", true)),
            Map.entry("healthy", new Layout("none", false)),
            Map.entry("listing-many-paths", new Layout("zstd", false)),
            Map.entry("warm-up-gc", new Layout("lz4", false)),
            Map.entry("explicit-repartition", new Layout("snappy", false)),
            Map.entry("one-large-file", new Layout("zstd", false)),
            Map.entry("single-executor", new Layout("none", false)));

    private SampleLogGenerator() {
    }

    /** The name a job's log has in the sample directory. */
    public static String logName(String job) {
        Layout layout = layout(job);
        if (layout.rolling()) {
            return "eventlog_v2_" + job;
        }
        return layout.codec().equals("none") ? job : job + "." + layout.codec();
    }

    static Layout layout(String job) {
        Layout layout = LAYOUTS.get(job);
        if (layout == null) {
            throw new IllegalArgumentException("no sample-log layout for job " + job + "; add it to LAYOUTS");
        }
        return layout;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: SampleLogGenerator OUT_DIR [JOB...]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        List<ReferenceJob> jobs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            jobs.add(ReferenceJobs.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown job " + name + "; known jobs: " + ReferenceJobs.names())));
        }
        if (jobs.isEmpty()) {
            jobs.addAll(ReferenceJobs.all());
        }
        Path scratch = Files.createTempDirectory("sparkdoc-sample-logs-");
        for (ReferenceJob job : jobs) {
            Layout layout = layout(job.name());
            System.err.println("running " + job.name() + " (" + (layout.rolling() ? "rolling " : "") + layout.codec()
                    + ")...");
            JobRun run = JobLauncher.run(new JobRequest(job.name(), scratch.resolve(job.name()), Optional.empty(),
                    layout.codec(), layout.rolling()));
            Path target = out.resolve(logName(job.name()));
            delete(target);
            Files.move(run.eventLog(), target, StandardCopyOption.REPLACE_EXISTING);
            deleteChecksums(target);
            System.err.println("  " + target + " (" + size(target) / 1024 + " KiB, job " + run.actionMillis()
                    + " ms)");
        }
        Files.writeString(out.resolve("intended-rules.txt"), intendedRules(), StandardCharsets.UTF_8);
        delete(scratch);
    }

    /** "LOG RULE[,RULE]" per line; "-" for a log meant to trigger nothing at warning or above. */
    static String intendedRules() {
        StringBuilder text = new StringBuilder();
        text.append("# Each sample log and the rule ids it is meant to trigger (- = none at warning or above).\n");
        text.append("# Written by scripts/regenerate-sample-logs.sh from the jobs' planted rules.\n");
        for (ReferenceJob job : ReferenceJobs.all()) {
            List<String> rules = job.intendedRules();
            text.append(logName(job.name())).append(' ').append(rules.isEmpty() ? "-" : String.join(",", rules))
                    .append('\n');
        }
        return text.toString();
    }

    /** Hadoop's local file system leaves .crc files next to what it writes; the samples do not need them. */
    private static void deleteChecksums(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            Files.deleteIfExists(target.resolveSibling("." + target.getFileName() + ".crc"));
            return;
        }
        try (Stream<Path> files = Files.list(target)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".crc")).toList()) {
                Files.delete(file);
            }
        }
    }

    private static long size(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return Files.size(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
