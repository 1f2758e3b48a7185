package dev.sparkdoc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole-process benchmark (scripts/bench-process.sh): what a user waits for, JVM start-up included. Times, as
 * separate processes started with {@link ProcessBuilder} and their output discarded, the installed
 * {@code bin/sparkdoc analyze LOG -o json} and {@code analyze LOG} (text), Spark's own replay as a whole process
 * ({@link SparkReplay}), {@code sparkdoc --version} and {@code analyze} on a small bundled sample log. Runs are
 * interleaved (round after round, each round in a rotated order) so that neither side always follows the other;
 * the table shows medians and Spark's time over sparkdoc's.
 *
 * <pre>
 * ProcessBenchmark --sparkdoc BIN --spark-java-opts "OPTS" --bench-classpath CP --work DIR
 *                  [--baseline BIN] [--tasks 212,2123,21231,100000] [--runs 3] [--sample LOG] [--layouts]
 * </pre>
 *
 * <p>{@code --layouts} adds the other shapes a log comes in, each read with the reader's threads and with
 * {@code SPARKDOC_OPTS=-Dsparkdoc.readerThreads=1}, in the same rounds: the largest log as Spark's rolling event log
 * (an {@code eventlog_v2_} directory of 128 MiB parts, Spark's default {@code spark.eventLog.rolling.maxFileSize}),
 * and a directory of 20 logs of a twentieth of its tasks each ({@code analyze DIR} reads several at once).
 *
 * <p>{@code --baseline} adds another installation's bin/sparkdoc (say, the last release) to the same rounds, so that
 * a before/after comparison is measured under the same machine load.
 */
public final class ProcessBenchmark {

    private ProcessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String sparkdoc = null;
        String baseline = null;
        String benchClasspath = null;
        String sparkOpts = "";
        Path work = null;
        String sample = null;
        long[] tasks = {212, 2_123, 21_231, 100_000};
        int runs = 3;
        boolean layouts = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sparkdoc" -> sparkdoc = args[++i];
                case "--baseline" -> baseline = args[++i];
                case "--bench-classpath" -> benchClasspath = args[++i];
                case "--spark-java-opts" -> sparkOpts = args[++i];
                case "--work" -> work = Path.of(args[++i]);
                case "--sample" -> sample = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--layouts" -> layouts = true;
                case "--tasks" -> tasks = Arrays.stream(args[++i].split(",")).map(t -> t.replace("_", ""))
                        .mapToLong(Long::parseLong).toArray();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (sparkdoc == null || benchClasspath == null || work == null) {
            throw new IllegalArgumentException("need --sparkdoc, --bench-classpath and --work");
        }
        Files.createDirectories(work);

        List<Path> logs = new ArrayList<>();
        for (long count : tasks) {
            // Spark 4.2-shaped (EventLogGenerator's defaults: 50 executors of 4 cores, 20 stages); kept between
            // runs of the script, since the generator is deterministic for a task count
            Path log = work.resolve("process-" + count + "-tasks.json");
            if (!Files.exists(log)) {
                Path partial = work.resolve(log.getFileName() + ".partial");
                EventLogGenerator.generate(EventLogGenerator.Config.ofTasks(count), partial, false);
                Files.move(partial, log);
            }
            logs.add(log);
        }

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> sides = new LinkedHashMap<>();
        if (baseline != null) {
            sides.put("before", baseline);
        }
        sides.put(baseline != null ? "after" : "sparkdoc", sparkdoc);
        Map<String, List<String>> commands = new LinkedHashMap<>();
        for (Map.Entry<String, String> side : sides.entrySet()) {
            String bin = side.getValue();
            commands.put(side.getKey() + " version", List.of(bin, "--version"));
            if (sample != null) {
                commands.put(side.getKey() + " sample", List.of(bin, "analyze", sample));
            }
            for (Path log : logs) {
                commands.put(side.getKey() + " json " + log, List.of(bin, "analyze", log.toString(), "-o", "json"));
                commands.put(side.getKey() + " text " + log, List.of(bin, "analyze", log.toString()));
            }
        }
        for (Path log : logs) {
            List<String> spark = new ArrayList<>();
            spark.add(java);
            spark.addAll(Arrays.stream(sparkOpts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
            spark.addAll(List.of("-cp", benchClasspath, SparkReplay.class.getName(), log.toString()));
            commands.put("spark " + log, spark);
        }

        // the other layouts of the largest log, with parser threads and on one thread ("threads" vs "one")
        Map<String, Path> shapes = new LinkedHashMap<>();
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        if (layouts) {
            long largest = tasks[tasks.length - 1];
            shapes.put("rolling, 128 MiB parts", rolling(logs.get(logs.size() - 1), work));
            shapes.put("20 logs in a directory", manyLogs(largest, 20, work));
            for (Map.Entry<String, Path> shape : shapes.entrySet()) {
                List<String> command = List.of(sparkdoc, "analyze", shape.getValue().toString(), "-o", "json");
                commands.put("threads " + shape.getKey(), command);
                commands.put("one " + shape.getKey(), command);
                environments.put("one " + shape.getKey(), Map.of("SPARKDOC_OPTS", "-Dsparkdoc.readerThreads=1"));
            }
        }

        // warm the page cache and check every command once (not timed): a failing command fails the benchmark
        for (Map.Entry<String, List<String>> command : commands.entrySet()) {
            time(command.getValue(), environments.getOrDefault(command.getKey(), Map.of()));
        }
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(commands.keySet());
        for (int run = 0; run < runs; run++) {
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get((i + run) % keys.size());
                seconds.computeIfAbsent(key, k -> new ArrayList<>()).add(time(commands.get(key),
                        environments.getOrDefault(key, Map.of())));
            }
            System.err.printf(Locale.ROOT, "round %d of %d done%n", run + 1, runs);
        }

        System.out.printf(Locale.ROOT, "whole process, median of %d interleaved runs, %d cores; java %s%n", runs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        for (Map.Entry<String, String> side : sides.entrySet()) {
            String name = side.getKey();
            System.out.printf(Locale.ROOT, "%n%s: %s%n", name, side.getValue());
            System.out.printf(Locale.ROOT, "  sparkdoc --version: %.3f s%n", median(seconds.get(name + " version")));
            if (sample != null) {
                System.out.printf(Locale.ROOT, "  sparkdoc analyze %s (text): %.3f s%n", sample,
                        median(seconds.get(name + " sample")));
            }
            System.out.println();
            System.out.println("|   tasks |    MB | analyze -o json | analyze (text) | Spark replay | Spark/json | Spark/text |");
            System.out.println("|--------:|------:|----------------:|---------------:|-------------:|-----------:|-----------:|");
            for (int i = 0; i < logs.size(); i++) {
                Path log = logs.get(i);
                double json = median(seconds.get(name + " json " + log));
                double text = median(seconds.get(name + " text " + log));
                double spark = median(seconds.get("spark " + log));
                System.out.printf(Locale.ROOT, "| %7d | %5.1f | %13.3f s | %12.3f s | %10.3f s | %9.2fx | %9.2fx |%n",
                        tasks[i], Files.size(log) / 1e6, json, text, spark, spark / json, spark / text);
            }
        }
        if (!shapes.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nother layouts, %s analyze -o json: the reader's threads against"
                    + " SPARKDOC_OPTS=-Dsparkdoc.readerThreads=1%n%n", sparkdoc);
            System.out.println("| layout                   |    MB | threads   | one thread | one / threads |");
            System.out.println("|--------------------------|------:|----------:|-----------:|--------------:|");
            for (Map.Entry<String, Path> shape : shapes.entrySet()) {
                double threads = median(seconds.get("threads " + shape.getKey()));
                double one = median(seconds.get("one " + shape.getKey()));
                System.out.printf(Locale.ROOT, "| %-24s | %5.1f | %7.3f s | %8.3f s | %12.2fx |%n", shape.getKey(),
                        size(shape.getValue()) / 1e6, threads, one, one / threads);
            }
        }
    }

    private static long size(Path directory) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    /**
     * {@code log} as Spark's rolling writer leaves a finished application: {@code eventlog_v2_APP/} with
     * {@code events_N_APP} parts cut at line ends once a part passes 128 MiB, and {@code appstatus_APP}. Made once.
     */
    private static Path rolling(Path log, Path work) throws IOException {
        String app = EventLogGenerator.APP_ID;
        Path directory = work.resolve("rolling-" + log.getFileName()).resolve("eventlog_v2_" + app);
        if (Files.isRegularFile(directory.resolve("appstatus_" + app))) {
            return directory;
        }
        Files.createDirectories(directory);
        long partBytes = 128L << 20;
        try (java.io.BufferedReader in = Files.newBufferedReader(log)) {
            int part = 1;
            java.io.Writer out = Files.newBufferedWriter(directory.resolve("events_" + part + "_" + app));
            long written = 0;
            String line;
            while ((line = in.readLine()) != null) {
                if (written >= partBytes) {
                    out.close();
                    part++;
                    out = Files.newBufferedWriter(directory.resolve("events_" + part + "_" + app));
                    written = 0;
                }
                out.write(line);
                out.write('\n');
                written += line.length() + 1;
            }
            out.close();
        }
        Files.writeString(directory.resolve("appstatus_" + app), "");
        return directory;
    }

    /** A directory of {@code count} generated logs of {@code tasks / count} tasks each (other seeds). Made once. */
    private static Path manyLogs(long tasks, int count, Path work) throws IOException {
        Path directory = work.resolve("many-" + count + "-logs-of-" + tasks / count + "-tasks");
        Path done = directory.resolve(".complete");
        if (Files.exists(done)) {
            return directory;
        }
        Files.createDirectories(directory);
        for (int i = 1; i <= count; i++) {
            EventLogGenerator.Config base = EventLogGenerator.Config.ofTasks(tasks / count);
            EventLogGenerator.generate(new EventLogGenerator.Config(base.tasks(), base.executors(),
                    base.coresPerExecutor(), base.stages(), base.seed() + i), directory.resolve(
                    String.format(Locale.ROOT, "application_1766000000000_%04d_1", i)), false);
        }
        Files.writeString(done, "");
        return directory;
    }

    /** Seconds from start to exit of {@code command}, its output discarded; fails unless it exits 0 (or 4). */
    private static double time(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        int code = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0 && code != 4) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + code);
        }
        return seconds;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
