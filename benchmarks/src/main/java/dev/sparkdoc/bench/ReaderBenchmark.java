package dev.sparkdoc.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Times sparkdoc's reader and folder next to Spark's own replay ({@code ReplayListenerBus} into a listener that
 * only counts) on the same event log, in the same invocation. Each side runs in its own forked JVM with the same
 * flags, so peak heap is per side; wall time is measured inside the forked process and excludes JVM start-up.
 *
 * <pre>
 * ReaderBenchmark [--log PATH | --tasks N [--zstd | --lz4 | --lzf | --snappy]] [--runs R] [--xmx SIZE] [--keep]
 *     the comparison table (a generated log goes to a temporary directory, deleted unless --keep; lz4, lzf and
 *     snappy copies are written by Spark's own CompressionCodec, as Spark writes event logs)
 * ReaderBenchmark --warm [--log PLAIN_PATH | --tasks N] [--warmup W] [--iterations N] [--codecs lz4,lzf,snappy,zstd]
 *     in this JVM, one thread, warm: byte scan, bare Jackson token scan, sparkdoc parse, sparkdoc parse+fold, and the
 *     fold on every codec; medians, throughput ratios and codec overheads ({@link WarmBenchmark})
 * ReaderBenchmark --pipe --tasks N [--xmx SIZE]
 *     generates N tasks in this process and pipes them, never written to disk, into a forked sparkdoc side
 * ReaderBenchmark --side sparkdoc|spark --log PATH|-
 *     one side in this JVM; prints one RESULT line (what the forked JVMs run)
 * ReaderBenchmark [--log PATH | --tasks N [--zstd]] --threads-vs-one [--runs R] [--xmx SIZE]
 *     sparkdoc with its parser threads next to sparkdoc forced to one thread (-Dsparkdoc.readerThreads=1), no Spark
 * ReaderBenchmark --print-opens
 *     the --add-opens flags Spark needs, for scripts
 * ReaderBenchmark --report-piped TASKS XMX EXIT_STATUS RESULT_LINE
 *     judges a shell-piped run (scripts/bench-reader.sh --million); exits non-zero when it failed
 * </pre>
 */
public final class ReaderBenchmark {

    private static final String OPENS_RESOURCE = "/sparkdoc-bench.properties";

    private ReaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--print-opens")) {
            System.out.println(String.join(" ", sparkOpens()));
            return;
        }
        if (args.length == 5 && args[0].equals("--report-piped")) {
            System.exit(reportPiped(Long.parseLong(args[1]), args[2], Integer.parseInt(args[3]), args[4]));
        }
        String side = null;
        String log = null;
        long tasks = 200_000;
        int runs = 3;
        String xmx = "1g";
        boolean zstd = false;
        String codec = null;
        boolean warm = false;
        int warmup = 2;
        int iterations = 5;
        List<String> codecs = WarmBenchmark.CODECS;
        boolean keep = false;
        boolean pipe = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--side" -> side = args[++i];
                case "--log" -> log = args[++i];
                case "--tasks" -> tasks = Long.parseLong(args[++i].replace("_", ""));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--xmx" -> xmx = args[++i];
                case "--zstd" -> zstd = true;
                case "--lz4", "--lzf", "--snappy" -> codec = args[i].substring(2);
                case "--warm" -> warm = true;
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--codecs" -> codecs = args[++i].isEmpty() ? List.of() : List.of(args[i].split(","));
                case "--keep" -> keep = true;
                case "--pipe" -> pipe = true;
                case "--retained-task-rows" -> retainedTaskRows = Long.parseLong(args[++i].replace("_", ""));
                case "--threads-vs-one" -> threadsVsOne = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (side != null) {
            if (log == null) {
                throw new IllegalArgumentException("--side needs --log");
            }
            SideResult result = "spark".equals(side) ? Sides.spark(Path.of(log)) : Sides.sparkdoc(log);
            System.out.println(result.toLine());
            return;
        }
        if (pipe) {
            int exit = piped(tasks, xmx);
            System.exit(exit);
        }
        if (warm) {
            WarmBenchmark.main(log, tasks, codecs, warmup, iterations, keep);
            return;
        }
        compare(log, tasks, zstd, codec, runs, xmx, keep);
    }

    // ---------------------------------------------------------------- the comparison

    private static void compare(String log, long tasks, boolean zstd, String codec, int runs, String xmx,
            boolean keep) throws IOException, InterruptedException {
        Path directory = null;
        Path file;
        if (log == null) {
            directory = Files.createTempDirectory("sparkdoc-bench");
            file = directory.resolve(zstd ? "application_1766000000000_0042_1.zstd" : "application_1766000000000_0042_1");
            long start = System.nanoTime();
            EventLogGenerator.Stats stats = EventLogGenerator.generate(EventLogGenerator.Config.ofTasks(tasks), file,
                    zstd);
            System.out.printf(Locale.ROOT, "generated %s: %,d tasks (%,d attempts), %,d lines, %.1f MB uncompressed, "
                    + "%.1f MB on disk, %.0f bytes/task, in %.1f s%n", file, stats.successfulTasks(),
                    stats.taskAttempts(), stats.lines(), stats.bytes() / 1e6, Files.size(file) / 1e6,
                    (double) stats.bytes() / stats.taskAttempts(), (System.nanoTime() - start) / 1e9);
            if (codec != null) {
                Path plain = file;
                file = WarmBenchmark.compressedCopies(plain, List.of(codec)).get(codec);
                Files.delete(plain);
                System.out.printf(Locale.ROOT, "compressed with Spark's %s codec: %s, %.1f MB%n", codec, file,
                        Files.size(file) / 1e6);
            }
        } else {
            file = Path.of(log);
        }
        try {
            List<String> flags = jvmFlags(xmx);
            System.out.println("forked JVM flags (both sides): " + String.join(" ", flags));
            System.out.println("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + ", available processors: " + Runtime.getRuntime().availableProcessors());
            System.out.println("peak heap = sum of the heap memory pools' peak usage (MemoryPoolMXBean, reset at the "
                    + "start of the measured work); retained = heap used after System.gc() with the result reachable");
            List<SideResult> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                // Alternate which side goes first so that neither always runs on a warmer page cache.
                List<String> order = run % 2 == 1 ? sides() : List.of(sides().get(1), sides().get(0));
                for (String side : order) {
                    SideResult result = forkSide(flags, side, file.toString());
                    results.add(result);
                    System.out.println("run " + run + ": " + row(result, Files.size(file)));
                }
            }
            System.out.println();
            System.out.println(header());
            for (String side : sides()) {
                List<SideResult> mine = results.stream().filter(r -> r.side().equals(side)).toList();
                System.out.println(row(median(mine), Files.size(file)));
            }
            printThreadsRatio(results);
            System.out.println("(median of " + runs + " runs per side; each value is the median of that column)");
        } finally {
            if (directory != null && !keep) {
                try (Stream<Path> entries = Files.list(directory)) {
                    for (Path entry : entries.toList()) {
                        Files.deleteIfExists(entry);
                    }
                }
                Files.deleteIfExists(directory);
            }
        }
    }

    // ---------------------------------------------------------------- --threads-vs-one (parallel parsing)

    /** The sparkdoc side forced to one reader thread, in {@code --threads-vs-one}. */
    private static final String ONE_THREAD = "sd-1thr";
    private static boolean threadsVsOne;

    private static List<String> sides() {
        return threadsVsOne ? List.of("sparkdoc", ONE_THREAD) : List.of("sparkdoc", "spark");
    }

    private static SideResult forkSide(List<String> flags, String side, String log)
            throws IOException, InterruptedException {
        if (!side.equals(ONE_THREAD)) {
            return fork(flags, side, log, null);
        }
        List<String> one = new ArrayList<>(flags);
        one.add("-Dsparkdoc.readerThreads=1");
        SideResult r = fork(one, "sparkdoc", log, null);
        return new SideResult(ONE_THREAD, r.rawBytes(), r.uncompressedBytes(), r.events(), r.wallNanos(),
                r.peakHeapBytes(), r.retainedHeapBytes(), r.successfulTasks(), r.gcCount(), r.gcMillis());
    }

    private static void printThreadsRatio(List<SideResult> results) {
        if (!threadsVsOne) {
            return;
        }
        long threads = median(results.stream().filter(r -> r.side().equals("sparkdoc")).toList(),
                SideResult::wallNanos);
        long one = median(results.stream().filter(r -> r.side().equals(ONE_THREAD)).toList(), SideResult::wallNanos);
        System.out.printf(Locale.ROOT, "parser threads vs one thread: %.2fx (median wall %.2f s vs %.2f s)%n",
                (double) one / threads, one / 1e9, threads / 1e9);
    }

    static String header() {
        return String.format(Locale.ROOT, "| %-8s | %9s | %8s | %10s | %7s | %14s | %13s | %12s | %11s |", "side",
                "file MB", "MB/s", "events/s", "wall s", "peak heap MiB", "retained MiB", "events", "ok tasks")
                + System.lineSeparator()
                + "|----------|----------:|---------:|-----------:|--------:|---------------:|--------------:|"
                + "-------------:|------------:|";
    }

    static String row(SideResult r, long fileBytes) {
        return String.format(Locale.ROOT, "| %-8s | %9.1f | %8.1f | %,10.0f | %7.2f | %14.0f | %13.1f | %,12d | %,11d |",
                r.side(), fileBytes / 1e6, r.megabytesPerSecond(), r.eventsPerSecond(), r.wallSeconds(),
                r.peakHeapBytes() / 1e6 / 1.048576, r.retainedHeapBytes() / 1e6 / 1.048576, r.events(),
                r.successfulTasks());
    }

    /** Column-wise medians (the counts are the same in every run). */
    static SideResult median(List<SideResult> results) {
        SideResult first = results.get(0);
        return new SideResult(first.side(), first.rawBytes(), first.uncompressedBytes(), first.events(),
                median(results, SideResult::wallNanos), median(results, SideResult::peakHeapBytes),
                median(results, SideResult::retainedHeapBytes), first.successfulTasks(),
                median(results, SideResult::gcCount), median(results, SideResult::gcMillis));
    }

    private static long median(List<SideResult> results, java.util.function.ToLongFunction<SideResult> value) {
        long[] values = results.stream().mapToLong(value).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }

    // ---------------------------------------------------------------- the piped million

    private static int piped(long tasks, String xmx) throws IOException, InterruptedException {
        List<String> flags = jvmFlags(xmx);
        System.out.println("forked JVM flags: " + String.join(" ", flags));
        System.out.printf(Locale.ROOT, "piping a generated log of %,d tasks into the sparkdoc side on standard input "
                + "(nothing written to disk)%n", tasks);
        try {
            SideResult result = fork(flags, "sparkdoc", "-", EventLogGenerator.Config.ofTasks(tasks));
            boolean ok = result.successfulTasks() == tasks;
            System.out.println(header());
            System.out.println(row(result, result.rawBytes()));
            System.out.printf(Locale.ROOT, "%s: %,d successful tasks (expected %,d), %.1f s, peak heap %.0f MiB, "
                    + "retained %.1f MiB, with %s%n", ok ? "SUCCESS" : "WRONG COUNT", result.successfulTasks(), tasks,
                    result.wallSeconds(), result.peakHeapBytes() / 1048576.0, result.retainedHeapBytes() / 1048576.0,
                    "-Xmx" + xmx);
            return ok ? 0 : 1;
        } catch (ForkFailed e) {
            System.out.println("FAILED: " + e.getMessage());
            return 1;
        }
    }

    private static int reportPiped(long tasks, String xmx, int status, String output) {
        String line = output.lines().filter(l -> l.startsWith(SideResult.PREFIX)).findFirst().orElse(null);
        if (status != 0 || line == null) {
            System.out.printf(Locale.ROOT, "FAILED: the sparkdoc side exited %d with %s and printed %s%n", status, xmx,
                    line == null ? "no result" : line);
            return 1;
        }
        SideResult result = SideResult.parse(line);
        boolean ok = result.successfulTasks() == tasks;
        System.out.println(header());
        System.out.println(row(result, result.rawBytes()));
        System.out.printf(Locale.ROOT, "%s: %,d successful tasks (expected %,d), %.1f s, peak heap %.0f MiB, "
                + "retained %.1f MiB, with %s%n", ok ? "SUCCESS" : "WRONG COUNT", result.successfulTasks(), tasks,
                result.wallSeconds(), result.peakHeapBytes() / 1048576.0, result.retainedHeapBytes() / 1048576.0, xmx);
        return ok ? 0 : 1;
    }

    // ---------------------------------------------------------------- forking

    /** Thrown when a forked side exits non-zero or prints no result. */
    static final class ForkFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForkFailed(String message) {
            super(message);
        }
    }

    /** The flags both sides get: the heap limit, G1 (the default here, made explicit) and Spark's module openings. */
    /** The sparkdoc side's bound on finished stages' task rows ({@code --retained-task-rows}); -1: none. */
    private static long retainedTaskRows = -1;

    static List<String> jvmFlags(String xmx) {
        List<String> flags = new ArrayList<>();
        flags.add("-Xmx" + xmx);
        flags.add("-XX:+UseG1GC");
        flags.add("-XX:+HeapDumpOnOutOfMemoryError");
        flags.add("-XX:HeapDumpPath=" + System.getProperty("java.io.tmpdir"));
        flags.addAll(sparkOpens());
        if (retainedTaskRows >= 0) {
            flags.add("-D" + Sides.RETAINED_TASK_ROWS + "=" + retainedTaskRows);
        }
        return flags;
    }

    static List<String> sparkOpens() {
        Properties properties = new Properties();
        try (InputStream in = ReaderBenchmark.class.getResourceAsStream(OPENS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENS_RESOURCE + " is missing; build the benchmarks module with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.stream(properties.getProperty("spark.java.opens", "").trim().split("\\s+"))
                .filter(flag -> !flag.isEmpty()).toList();
    }

    /**
     * Runs one side in a new JVM on this JVM's class path. With {@code generate} set, the log is generated here and
     * streamed into the child's standard input. The child's standard error goes to a temporary file, shown on failure.
     */
    static SideResult fork(List<String> flags, String side, String log, EventLogGenerator.Config generate)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ReaderBenchmark.class.getName());
        command.add("--side");
        command.add(side);
        command.add("--log");
        command.add(log);
        Path stderr = Files.createTempFile("sparkdoc-bench-" + side, ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        if (generate == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process process = builder.start();
        AtomicReference<Throwable> feedError = new AtomicReference<>();
        Thread feeder = null;
        if (generate != null) {
            feeder = new Thread(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    EventLogGenerator.generate(generate, stdin);
                } catch (IOException | RuntimeException e) {
                    feedError.set(e);
                }
            }, "generator");
            feeder.start();
        } else {
            process.getOutputStream().close();
        }
        String resultLine = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(SideResult.PREFIX)) {
                    resultLine = line;
                } else {
                    output.append(line).append(System.lineSeparator());
                }
            }
        }
        int exit = process.waitFor();
        if (feeder != null) {
            feeder.join();
        }
        if (exit != 0 || resultLine == null) {
            String tail = tail(stderr, 40);
            throw new ForkFailed(side + " side exited " + exit + (feedError.get() == null ? ""
                    : " (generator: " + feedError.get() + ")") + System.lineSeparator() + output + tail);
        }
        Files.deleteIfExists(stderr);
        return SideResult.parse(resultLine);
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
        return "stderr (" + file + ", last " + last.size() + " lines):" + System.lineSeparator()
                + String.join(System.lineSeparator(), last);
    }
}
