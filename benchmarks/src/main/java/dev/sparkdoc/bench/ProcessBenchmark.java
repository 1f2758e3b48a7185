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
 *                  [--baseline BIN] [--tasks 212,2123,21231,100000] [--runs 3] [--sample LOG]
 * </pre>
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
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sparkdoc" -> sparkdoc = args[++i];
                case "--baseline" -> baseline = args[++i];
                case "--bench-classpath" -> benchClasspath = args[++i];
                case "--spark-java-opts" -> sparkOpts = args[++i];
                case "--work" -> work = Path.of(args[++i]);
                case "--sample" -> sample = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
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

        // warm the page cache and check every command once (not timed): a failing command fails the benchmark
        for (Map.Entry<String, List<String>> command : commands.entrySet()) {
            time(command.getValue());
        }
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(commands.keySet());
        for (int run = 0; run < runs; run++) {
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get((i + run) % keys.size());
                seconds.computeIfAbsent(key, k -> new ArrayList<>()).add(time(commands.get(key)));
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
    }

    /** Seconds from start to exit of {@code command}, its output discarded; fails unless it exits 0 (or 4). */
    private static double time(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
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
