package dev.sparkdoc.bench;

import dev.sparkdoc.fleet.Fleet;
import dev.sparkdoc.fleet.FleetOptions;
import dev.sparkdoc.fleet.FleetSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The fleet benchmark: {@code sparkdoc fleet} (module fleet, in local mode) over copies of the bundled sample logs,
 * timed with 1 core and then with 2, reporting applications per second per core and the scaling from 1 to 2 cores.
 * Each measured run is a whole fleet run (listing, one task per log, the three tables in Parquet and JSON, the
 * digest) with {@code --full}, into a fresh output directory; the first run of each core count warms the JVM up and is
 * not counted.
 *
 * <pre>
 * scripts/bench-fleet.sh [--copies 4] [--runs 3] [--cores 1,2] [--logs sample-eventlogs/logs]
 * </pre>
 */
public final class FleetBenchmark {

    private FleetBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int copies = 4;
        int runs = 3;
        List<Integer> coreCounts = List.of(1, 2);
        Path samples = Path.of("sample-eventlogs", "logs");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--copies" -> copies = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--cores" -> coreCounts = Stream.of(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--logs" -> samples = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --copies N --runs N --cores 1,2 --logs DIR");
            }
        }
        Path work = Files.createTempDirectory("sparkdoc-fleet-bench-");
        try {
            Path logs = work.resolve("logs");
            int count = copyLogs(samples, logs, copies);
            System.out.printf(Locale.ROOT, "== %d logs: %d copies of the %d bundled logs of %s, %s in all%n",
                    count, copies, count / copies, samples, megabytes(logs));
            List<double[]> results = new ArrayList<>();
            for (int cores : coreCounts) {
                SparkSession spark = SparkSession.builder().master("local[" + cores + "]")
                        .appName("sparkdoc fleet benchmark").config("spark.ui.enabled", "false")
                        .config("spark.sql.shuffle.partitions", Integer.toString(cores)).getOrCreate();
                try {
                    run(spark, logs, work.resolve("warm-up-" + cores));
                    double best = Double.MAX_VALUE;
                    double sum = 0;
                    double analysisSum = 0;
                    long applications = 0;
                    for (int r = 0; r < runs; r++) {
                        long start = System.nanoTime();
                        FleetSummary summary = run(spark, logs, work.resolve("out-" + cores + "-" + r));
                        double seconds = (System.nanoTime() - start) / 1e9;
                        applications = summary.analyzed() - summary.errors();
                        best = Math.min(best, seconds);
                        sum += seconds;
                        analysisSum += summary.analysisMillis() / 1000.0;
                        System.out.printf(Locale.ROOT, "   %d core%s, run %d: %d applications in %.2f s (reading the"
                                        + " logs and writing the tables: %.2f s)%n", cores, cores == 1 ? "" : "s",
                                r + 1, applications, seconds, summary.analysisMillis() / 1000.0);
                    }
                    double perCore = applications / (sum / runs) / cores;
                    results.add(new double[] {cores, applications / best, applications / (sum / runs), perCore,
                        applications / (analysisSum / runs) / cores});
                } finally {
                    spark.stop();
                }
            }
            System.out.println();
            System.out.println("cores  apps/s (best)  apps/s (mean)  apps/s/core (mean)  apps/s/core (read+write only)");
            for (double[] row : results) {
                System.out.printf(Locale.ROOT, "%5d  %13.2f  %13.2f  %18.2f  %29.2f%n", (int) row[0], row[1], row[2],
                        row[3], row[4]);
            }
            if (results.size() >= 2) {
                System.out.printf(Locale.ROOT, "scaling %d -> %d cores: %.2fx the throughput of whole runs, %.2fx of"
                                + " reading and writing alone (mean runs; %.2fx would be linear)%n",
                        (int) results.get(0)[0], (int) results.get(1)[0], results.get(1)[2] / results.get(0)[2],
                        results.get(1)[4] * results.get(1)[0] / (results.get(0)[4] * results.get(0)[0]),
                        results.get(1)[0] / results.get(0)[0]);
            }
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores visible, load"
                    + " average " + String.format(Locale.ROOT, "%.1f", java.lang.management.ManagementFactory
                            .getOperatingSystemMXBean().getSystemLoadAverage()));
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static FleetSummary run(SparkSession spark, Path logs, Path out) {
        return Fleet.run(spark, FleetOptions.of(List.of(logs.toString()), out.toString()).withFull(true),
                "benchmark", Clock.systemUTC());
    }

    /** Copies every log of {@code samples} (files and rolling directories; not README/expected) {@code copies} times. */
    private static int copyLogs(Path samples, Path logs, int copies) throws IOException {
        List<Path> originals;
        try (Stream<Path> list = Files.list(samples)) {
            originals = list.filter(p -> {
                String name = p.getFileName().toString();
                return !name.endsWith(".md") && !name.endsWith(".txt") && !name.equals("expected");
            }).sorted().toList();
        }
        int count = 0;
        for (int copy = 0; copy < copies; copy++) {
            Path dir = logs.resolve("copy-" + copy);
            Files.createDirectories(dir);
            for (Path original : originals) {
                Path target = dir.resolve(original.getFileName());
                if (Files.isDirectory(original)) {
                    Files.createDirectories(target);
                    try (Stream<Path> parts = Files.list(original)) {
                        for (Path part : parts.toList()) {
                            Files.copy(part, target.resolve(part.getFileName()));
                        }
                    }
                } else {
                    Files.copy(original, target);
                }
                count++;
            }
        }
        return count;
    }

    private static String megabytes(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            long bytes = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
    }
}
