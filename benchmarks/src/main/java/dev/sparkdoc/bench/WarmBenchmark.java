package dev.sparkdoc.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.eventlog.EventLineParser;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogReader;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.ReadSummary;
import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.event.TaskEndReason;
import dev.sparkdoc.fold.ApplicationFolder;
import dev.sparkdoc.report.FindingsJson;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.StageAttempt;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.io.CompressionCodec;

/**
 * The warm, in-process, single-thread comparison ({@code ReaderBenchmark --warm}): on the same bytes, after warm-up,
 * the median of N runs of
 *
 * <ol>
 *   <li>{@code scan}: a plain byte scan (count newlines, sum bytes), the memory-bandwidth ceiling;</li>
 *   <li>{@code jackson}: a bare Jackson {@code nextToken()} scan of every line (a new parser per line, as any reader
 *       that tokenizes everything);</li>
 *   <li>{@code parse}: sparkdoc's {@link EventLineParser} on every line;</li>
 *   <li>{@code fold}: sparkdoc's whole read ({@link EventLogReader} from the file, page cache warm, one thread) into
 *       the folder, and the snapshot;</li>
 *   <li>{@code fold2}: the same with the reader's parser threads, as {@code analyze} runs it (past 4 MiB, one
 *       thread per core, at most 4; the fold stays in order on the calling thread);</li>
 *   <li>{@code fold+CODEC}: the same on a copy written by Spark's own {@code CompressionCodec} (lz4, lzf, snappy,
 *       zstd), as Spark writes compressed event logs; {@code fold2+CODEC} with parser threads.</li>
 * </ol>
 *
 * Measures run round-robin, one iteration of each in turn, so that load from other processes falls on all alike.
 * Every run's result (events, successful tasks, findings) must equal every other's of the same kind; a difference
 * is an error, never a timing.
 */
final class WarmBenchmark {

    static final List<String> CODECS = List.of("lz4", "lzf", "snappy", "zstd");

    private WarmBenchmark() {
    }

    /** What one measured run produced; equal across runs and across the fold on every codec. */
    record Outcome(long lines, long events, long successfulTasks, String findings) {
    }

    /** Each measure's times, sorted, and the checked outcomes. */
    record Report(long plainBytes, Map<String, long[]> sortedNanos, Map<String, Outcome> outcomes) {
        /** Each measure's median time, in the measures' order. */
        Map<String, Long> medianNanos() {
            Map<String, Long> medians = new LinkedHashMap<>();
            sortedNanos.forEach((name, sorted) -> medians.put(name, sorted[sorted.length / 2]));
            return medians;
        }

        double megabytesPerSecond(String measure) {
            return plainBytes / 1e6 / (medianNanos().get(measure) / 1e9);
        }

        double ratio(String numerator, String denominator) {
            return (double) medianNanos().get(denominator) / medianNanos().get(numerator);
        }

        double overhead(String codec) {
            return overhead("fold", codec);
        }

        /** Codec overhead of {@code fold} ("fold" or "fold2"): (codec wall - plain wall) / plain wall. */
        double overhead(String fold, String codec) {
            long plain = medianNanos().get(fold);
            return (double) (medianNanos().get(fold + "+" + codec) - plain) / plain;
        }
    }

    /**
     * Writes a copy of {@code plain} compressed by each codec, next to it, named as Spark names them; returns them by
     * codec.
     */
    static Map<String, Path> compressedCopies(Path plain, List<String> codecs) throws IOException {
        Map<String, Path> copies = new LinkedHashMap<>();
        SparkConf conf = new SparkConf(false);
        for (String codec : codecs) {
            Path copy = plain.resolveSibling(plain.getFileName() + "." + codec);
            try (OutputStream out = CompressionCodec.createCodec(conf, codec)
                    .compressedOutputStream(Files.newOutputStream(copy))) {
                Files.copy(plain, out);
            }
            copies.put(codec, copy);
        }
        return copies;
    }

    static Report run(Path plain, Map<String, Path> codecFiles, int warmup, int iterations, PrintStream out)
            throws IOException, EventLogException {
        byte[] bytes = Files.readAllBytes(plain);
        Map<String, Measure> measures = new LinkedHashMap<>();
        measures.put("scan", () -> scan(bytes));
        measures.put("jackson", () -> jackson(bytes));
        measures.put("parse", () -> parse(bytes));
        // "fold" is one thread (the single-thread goal); "fold2" the reader as analyze runs it, with its parser
        // threads on every core (EventLogReader.Parallelism.fromProperties()).
        EventLogReader.Parallelism one = EventLogReader.Parallelism.SEQUENTIAL;
        EventLogReader.Parallelism all = EventLogReader.Parallelism.fromProperties();
        measures.put("fold", () -> fold(plain, one));
        for (Map.Entry<String, Path> codec : codecFiles.entrySet()) {
            measures.put("fold+" + codec.getKey(), () -> fold(codec.getValue(), one));
        }
        measures.put("fold2", () -> fold(plain, all));
        for (Map.Entry<String, Path> codec : codecFiles.entrySet()) {
            measures.put("fold2+" + codec.getKey(), () -> fold(codec.getValue(), all));
        }
        Map<String, long[]> times = new LinkedHashMap<>();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String name : measures.keySet()) {
            times.put(name, new long[iterations]);
        }
        for (int round = -warmup; round < iterations; round++) {
            for (Map.Entry<String, Measure> measure : measures.entrySet()) {
                long start = System.nanoTime();
                Outcome outcome = measure.getValue().run();
                long elapsed = System.nanoTime() - start;
                Outcome before = outcomes.putIfAbsent(measure.getKey(), outcome);
                if (before != null && !before.equals(outcome)) {
                    throw new IllegalStateException(measure.getKey() + " gave " + outcome + " after " + before);
                }
                if (round >= 0) {
                    times.get(measure.getKey())[round] = elapsed;
                }
            }
        }
        Map<String, long[]> sorted = new LinkedHashMap<>();
        times.forEach((name, values) -> {
            long[] copy = values.clone();
            Arrays.sort(copy);
            sorted.put(name, copy);
        });
        Report report = new Report(bytes.length, sorted, outcomes);
        check(report, codecFiles.keySet());
        print(report, warmup, iterations, out);
        return report;
    }

    /** The results that must agree: lines with the Jackson scan, events and findings across every fold. */
    private static void check(Report report, java.util.Set<String> codecs) {
        Map<String, Outcome> o = report.outcomes();
        if (o.get("scan").lines() != o.get("jackson").lines() || o.get("jackson").lines() != o.get("parse").lines()) {
            throw new IllegalStateException("line counts differ: " + o);
        }
        // The reference for successful tasks: Jackson's own reading of every TaskEnd's reason (see jackson()).
        if (o.get("jackson").successfulTasks() != o.get("parse").successfulTasks()
                || o.get("parse").successfulTasks() != o.get("fold").successfulTasks()) {
            throw new IllegalStateException("successful tasks differ: " + o);
        }
        if (!o.get("fold").equals(o.get("fold2"))) {
            throw new IllegalStateException("the parallel fold differs from one thread's: " + o.get("fold2") + " vs "
                    + o.get("fold"));
        }
        for (String codec : codecs) {
            if (!o.get("fold").equals(o.get("fold+" + codec)) || !o.get("fold").equals(o.get("fold2+" + codec))) {
                throw new IllegalStateException(codec + " differs from plain: " + o.get("fold+" + codec) + " vs "
                        + o.get("fold"));
            }
        }
    }

    private static void print(Report r, int warmup, int iterations, PrintStream out) {
        out.printf(Locale.ROOT, "warm, one thread, %.1f MB of plain JSON lines (%,d lines); %d warm-up rounds, "
                + "median of %d%n", r.plainBytes() / 1e6, r.outcomes().get("scan").lines(), warmup, iterations);
        out.println("| measure        |   median s |     MB/s |   min s |   max s |");
        out.println("|----------------|-----------:|---------:|--------:|--------:|");
        r.medianNanos().forEach((name, nanos) -> out.printf(Locale.ROOT, "| %-14s | %10.3f | %8.1f | %7.3f | %7.3f |%n",
                name, nanos / 1e9, r.megabytesPerSecond(name), r.sortedNanos().get(name)[0] / 1e9,
                r.sortedNanos().get(name)[r.sortedNanos().get(name).length - 1] / 1e9));
        out.printf(Locale.ROOT, "parse / jackson = %.0f%%, fold / jackson = %.0f%%, fold / scan = %.1f%% "
                + "(throughput ratios; > 100%% = faster than the bare Jackson token scan)%n",
                100 * r.ratio("parse", "jackson"), 100 * r.ratio("fold", "jackson"), 100 * r.ratio("fold", "scan"));
        out.printf(Locale.ROOT, "fold2 / fold = %.2fx (the reader's parser threads on %d cores against one thread)%n",
                r.ratio("fold2", "fold"), Runtime.getRuntime().availableProcessors());
        for (String name : r.medianNanos().keySet()) {
            if (name.startsWith("fold+")) {
                String codec = name.substring("fold+".length());
                out.printf(Locale.ROOT, "codec overhead %-6s = %+.1f%% of the plain fold's wall time (one thread),"
                        + " %+.1f%% (fold2)%n", codec, 100 * r.overhead("fold", codec),
                        100 * r.overhead("fold2", codec));
            }
        }
        Outcome fold = r.outcomes().get("fold");
        out.printf(Locale.ROOT, "every run agreed: %,d events, %,d successful tasks, %d findings%n", fold.events(),
                fold.successfulTasks(), fold.findings().isEmpty() ? 0 : fold.findings().split("\n").length);
    }

    private interface Measure {
        Outcome run() throws IOException, EventLogException;
    }

    // ---------------------------------------------------------------- the measures

    static Outcome scan(byte[] bytes) {
        long lines = 0;
        long sum = 0;
        for (byte b : bytes) {
            sum += b;
            if (b == '\n') {
                lines++;
            }
        }
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            lines++;
        }
        // the sum is folded into a field every outcome has, so that the loop cannot be dropped
        return new Outcome(lines, 0, 0, sum == Long.MIN_VALUE ? "?" : "");
    }

    private static final JsonFactory JACKSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(10_000).build())
            .build();

    /**
     * Every token of every line, a new parser per line. It also counts successful tasks as the reference for the
     * other measures: a TaskEnd line whose {@code "Reason"} string value is {@code "Success"}.
     */
    static Outcome jackson(byte[] bytes) throws IOException {
        long lines = 0;
        long tokens = 0;
        long successful = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = newline(bytes, start);
            lines++;
            boolean taskEnd = false;
            boolean success = false;
            try (JsonParser parser = JACKSON.createParser(bytes, start, end - start)) {
                com.fasterxml.jackson.core.JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    tokens++;
                    if (token == com.fasterxml.jackson.core.JsonToken.VALUE_STRING && parser.getParsingContext()
                            .getNestingDepth() <= 2) {
                        String field = parser.currentName();
                        if ("Event".equals(field) && "SparkListenerTaskEnd".equals(parser.getText())) {
                            taskEnd = true;
                        } else if ("Reason".equals(field) && "Success".equals(parser.getText())) {
                            success = true;
                        }
                    }
                }
            }
            if (taskEnd && success) {
                successful++;
            }
            start = end + 1;
        }
        return new Outcome(lines, tokens == -1 ? -1 : 0, successful, "");
    }

    static Outcome parse(byte[] bytes) throws IOException {
        EventLineParser parser = new EventLineParser();
        long lines = 0;
        long events = 0;
        long successful = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = newline(bytes, start);
            lines++;
            if (parser.parse(bytes, start, end - start) instanceof EventLineParser.Result.Parsed parsed) {
                events++;
                SparkEvent event = parsed.event();
                if (event instanceof SparkEvent.TaskEnd taskEnd && taskEnd.reason() == TaskEndReason.SUCCESS) {
                    successful++;
                }
            }
            start = end + 1;
        }
        return new Outcome(lines, events == -1 ? -1 : 0, successful, "");
    }

    static Outcome fold(Path log, EventLogReader.Parallelism parallelism) throws EventLogException {
        List<EventLogSource> sources = EventLogLocator.locate(log.toString());
        if (sources.size() != 1) {
            throw new IllegalArgumentException(log + " holds " + sources.size() + " logs");
        }
        ApplicationFolder folder = new ApplicationFolder();
        ReadSummary summary = new EventLogReader(bytes -> {
        }, EventLogReader.maxLineBytesFromProperty(), parallelism).read(sources.get(0), folder);
        ApplicationSnapshot snapshot = folder.snapshot();
        long successful = 0;
        for (StageAttempt stage : snapshot.stages()) {
            successful += stage.numCompleteTasks();
        }
        List<Finding> findings = Diagnoser.diagnose(snapshot, RuleSettings.defaults()).findings();
        String json = findings.stream().map(FindingsJson::toJson).collect(Collectors.joining("\n"));
        return new Outcome(0, summary.lines(), successful, json);
    }

    private static int newline(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    /** {@code ReaderBenchmark --warm ...}: generates (or takes) a plain log, writes the codec copies, runs. */
    static void main(String log, long tasks, List<String> codecs, int warmup, int iterations, boolean keep)
            throws IOException, EventLogException {
        Path directory = Files.createTempDirectory("sparkdoc-warm");
        try {
            Path plain;
            if (log == null) {
                plain = directory.resolve("application_1766000000000_0042_1");
                EventLogGenerator.generate(EventLogGenerator.Config.ofTasks(tasks), plain, false);
            } else {
                plain = directory.resolve(Path.of(log).getFileName());
                Files.copy(Path.of(log), plain);
            }
            Map<String, Path> copies = compressedCopies(plain, codecs);
            List<String> sizes = new ArrayList<>();
            sizes.add(String.format(Locale.ROOT, "plain %.1f MB", Files.size(plain) / 1e6));
            for (Map.Entry<String, Path> copy : copies.entrySet()) {
                sizes.add(String.format(Locale.ROOT, "%s %.1f MB", copy.getKey(), Files.size(copy.getValue()) / 1e6));
            }
            System.out.println("files (" + String.join(", ", sizes) + ") in " + directory);
            System.out.println("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + ", available processors: " + Runtime.getRuntime().availableProcessors() + ", max heap "
                    + Runtime.getRuntime().maxMemory() / 1048576 + " MiB");
            run(plain, copies, warmup, iterations, System.out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (!keep) {
                try (var entries = Files.list(directory)) {
                    for (Path entry : entries.toList()) {
                        Files.deleteIfExists(entry);
                    }
                }
                Files.deleteIfExists(directory);
            }
        }
    }
}
