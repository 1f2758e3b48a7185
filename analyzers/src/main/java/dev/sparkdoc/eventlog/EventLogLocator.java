package dev.sparkdoc.eventlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the event logs behind the paths a user names: a file, {@code -} for standard input, a rolling
 * {@code eventlog_v2_*} directory, a Databricks {@code eventlog} directory, a Spark 1.x log directory, or a
 * directory holding many of these (searched recursively, one log per application attempt).
 */
public final class EventLogLocator {

    private static final Pattern ROLLING_PART = Pattern.compile("events_(\\d+)_.*");
    private static final Pattern DATABRICKS_PART = Pattern.compile("eventlog-(\\d{4}-\\d{2}-\\d{2}--\\d{2}-\\d{2}).*");
    private static final String REMEDY_PATH = "check the path, or pass '-' to read a log from standard input";

    private EventLogLocator() {
    }

    public static List<EventLogSource> locate(List<String> arguments) throws EventLogException {
        List<EventLogSource> sources = new ArrayList<>();
        for (String argument : arguments) {
            sources.addAll(locate(argument));
        }
        return sources;
    }

    public static List<EventLogSource> locate(String argument) throws EventLogException {
        if ("-".equals(argument)) {
            return List.of(new EventLogSource("<stdin>", EventLogSource.Layout.STDIN,
                    List.of(EventLogSource.Part.stdin()), false, false));
        }
        Path path = Path.of(argument);
        if (!Files.exists(path)) {
            throw new EventLogException(argument, "no such file or directory", REMEDY_PATH);
        }
        if (!Files.isReadable(path)) {
            throw new EventLogException(argument, "not readable (permission denied)",
                    "grant read access to this user, or copy the log somewhere readable");
        }
        if (Files.isDirectory(path)) {
            Optional<EventLogSource> single = asSingleLogDirectory(path);
            if (single.isPresent()) {
                return List.of(single.get());
            }
            List<EventLogSource> found = new ArrayList<>();
            Set<Object> visited = new HashSet<>();
            visited.add(identity(path));
            collect(path, found, 0, visited);
            if (found.isEmpty()) {
                throw new EventLogException(argument, "directory holds no event log",
                        "point at a Spark event log file or at spark.eventLog.dir of a run that logged events");
            }
            return found;
        }
        return List.of(singleFile(path));
    }

    /**
     * Searches a tree of logs. Symbolic links are followed (a log directory is often a link), but every directory
     * and file is visited once, by its file key (device and inode) or real path: a link back up the tree or two
     * links to one log give one visit, never a loop or a log reported twice.
     */
    private static void collect(Path directory, List<EventLogSource> found, int depth, Set<Object> visited)
            throws EventLogException {
        if (depth > 8) {
            return;
        }
        for (Path entry : list(directory)) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".") || name.startsWith("_") || name.endsWith(".crc")) {
                continue;
            }
            if (!visited.add(identity(entry))) {
                continue;
            }
            // One broken log in a tree is reported when it is read; it does not hide the others.
            if (Files.isDirectory(entry)) {
                Optional<EventLogSource> single;
                try {
                    single = asSingleLogDirectory(entry);
                } catch (EventLogException e) {
                    found.add(EventLogSource.refused(entry.toString(), EventLogSource.Layout.ROLLING, e));
                    continue;
                }
                if (single.isPresent()) {
                    found.add(single.get());
                } else {
                    collect(entry, found, depth + 1, visited);
                }
            } else if (Files.isRegularFile(entry)) {
                try {
                    found.add(singleFile(entry));
                } catch (EventLogException e) {
                    found.add(EventLogSource.refused(entry.toString(), EventLogSource.Layout.SINGLE_FILE, e));
                }
            }
        }
    }

    /** What makes two paths the same file or directory: its file key, else its real path, else the path itself. */
    private static Object identity(Path path) {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return key != null ? key : path.toRealPath();
        } catch (IOException | RuntimeException e) {
            // A dangling link or an unreadable entry: visit it once by name, where it will be refused or skipped.
            return path.toAbsolutePath().normalize();
        }
    }

    /** A directory that is itself one log (rolling, Databricks, Spark 1.x), or empty. */
    private static Optional<EventLogSource> asSingleLogDirectory(Path directory) throws EventLogException {
        String name = directory.getFileName() == null ? directory.toString() : directory.getFileName().toString();
        List<Path> entries = list(directory);
        boolean rollingParts = entries.stream().anyMatch(EventLogLocator::isRollingPart);
        boolean statusFile = entries.stream().anyMatch(p -> p.getFileName().toString().startsWith("appstatus_"));
        if (name.startsWith("eventlog_v2_") || (rollingParts && statusFile)) {
            return Optional.of(rolling(directory, entries));
        }
        if (entries.stream().anyMatch(p -> p.getFileName().toString().equals("eventlog") && Files.isRegularFile(p))) {
            return Optional.of(databricks(directory, entries));
        }
        if (entries.stream().anyMatch(p -> p.getFileName().toString().equals("EVENT_LOG_1"))) {
            return Optional.of(legacy(directory, entries));
        }
        return Optional.empty();
    }

    private static boolean isRollingPart(Path path) {
        return ROLLING_PART.matcher(path.getFileName().toString()).matches() && Files.isRegularFile(path);
    }

    private static EventLogSource rolling(Path directory, List<Path> entries) throws EventLogException {
        record Indexed(long index, boolean compact, Path path) {
        }
        List<Indexed> parts = new ArrayList<>();
        boolean inProgress = true;
        boolean sawStatus = false;
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith("appstatus_")) {
                sawStatus = true;
                inProgress = name.endsWith(".inprogress");
                continue;
            }
            Matcher matcher = ROLLING_PART.matcher(name);
            if (matcher.matches() && Files.isRegularFile(entry)) {
                long index = partIndex(directory, name, matcher.group(1));
                parts.add(new Indexed(index, name.endsWith(".compact"), entry));
            }
        }
        if (parts.isEmpty()) {
            throw new EventLogException(directory.toString(), "rolling event-log directory holds no events_N_* file",
                    "the application may not have started logging yet; check spark.eventLog.dir");
        }
        // Spark's order: by index, a .compact file after the plain file of its index.
        parts.sort(Comparator.comparingLong(Indexed::index).thenComparing(Indexed::compact));
        int start = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).path().getFileName().toString().endsWith(".compact")) {
                start = i;
            }
        }
        boolean compacted = parts.get(start).path().getFileName().toString().endsWith(".compact");
        requireContiguous(directory, parts.subList(start, parts.size()).stream().map(Indexed::index).toList());
        List<EventLogSource.Part> reading = new ArrayList<>();
        for (Indexed part : parts.subList(start, parts.size())) {
            reading.add(EventLogSource.Part.file(part.path(), codecOf(part.path())));
        }
        return new EventLogSource(directory.toString(), EventLogSource.Layout.ROLLING, reading,
                !sawStatus || inProgress, compacted);
    }

    private static long partIndex(Path directory, String name, String digits) throws EventLogException {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new EventLogException(directory.resolve(name).toString(),
                    "rolling event-log part index " + (digits.length() > 40 ? digits.substring(0, 40) + "..." : digits)
                            + " is larger than any index Spark writes",
                    "remove or rename the file; Spark names parts events_1_*, events_2_*, ...");
        }
    }

    /**
     * Spark's {@code RollingEventLogFilesFileReader} requires the parts it reads (from the last compacted one on) to
     * have contiguous indices, and the History Server refuses a log with a gap: so does sparkdoc, naming the gap,
     * rather than report an application whose events in between are silently missing.
     */
    private static void requireContiguous(Path directory, List<Long> indices) throws EventLogException {
        for (int i = 1; i < indices.size(); i++) {
            long expected = indices.get(i - 1) + 1;
            if (indices.get(i) == indices.get(i - 1)) {
                throw new EventLogException(directory.toString(), "rolling event log has two parts with index "
                        + indices.get(i), "keep one events_" + indices.get(i) + "_* file, as Spark writes one");
            }
            if (indices.get(i) != expected) {
                String missing = indices.get(i) - expected == 1 ? "part " + expected
                        : "parts " + expected + " to " + (indices.get(i) - 1);
                throw new EventLogException(directory.toString(), "rolling event log is missing " + missing
                        + " (found " + indices.get(0) + " to " + indices.get(indices.size() - 1) + " with a gap);"
                        + " Spark's History Server refuses such a log",
                        "copy the missing events_" + expected + "_* file from spark.eventLog.dir, or read the parts"
                                + " before the gap alone");
            }
        }
    }

    private static EventLogSource databricks(Path directory, List<Path> entries) throws EventLogException {
        List<Path> rolled = new ArrayList<>();
        Path current = null;
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.equals("eventlog")) {
                current = entry;
            } else if (DATABRICKS_PART.matcher(name).matches() && Files.isRegularFile(entry)) {
                rolled.add(entry);
            }
        }
        rolled.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<EventLogSource.Part> parts = new ArrayList<>();
        for (Path part : rolled) {
            parts.add(EventLogSource.Part.file(part, codecOf(part)));
        }
        parts.add(EventLogSource.Part.file(current, codecOf(current)));
        return new EventLogSource(directory.toString(), EventLogSource.Layout.DATABRICKS, parts, false, false);
    }

    private static EventLogSource legacy(Path directory, List<Path> entries) throws EventLogException {
        Optional<CompressionCodec> codec = Optional.of(CompressionCodec.NONE);
        boolean complete = false;
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith("COMPRESSION_CODEC_")) {
                String codecName = name.substring("COMPRESSION_CODEC_".length());
                codec = Optional.of(legacyCodec(directory, codecName));
            }
            if (name.equals("APPLICATION_COMPLETE")) {
                complete = true;
            }
        }
        return new EventLogSource(directory.toString(), EventLogSource.Layout.LEGACY_DIRECTORY,
                List.of(EventLogSource.Part.file(directory.resolve("EVENT_LOG_1"), codec)), !complete, false);
    }

    private static CompressionCodec legacyCodec(Path directory, String codecName) throws EventLogException {
        String lower = codecName.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("lz4")) {
            return CompressionCodec.LZ4;
        }
        if (lower.contains("lzf")) {
            return CompressionCodec.LZF;
        }
        if (lower.contains("snappy")) {
            return CompressionCodec.SNAPPY;
        }
        if (lower.contains("zstd")) {
            return CompressionCodec.ZSTD;
        }
        throw new EventLogException(directory.toString(), "unknown compression codec '" + codecName + "'",
                "sparkdoc reads lz4, lzf, snappy and zstd; decompress the log first");
    }

    private static EventLogSource singleFile(Path path) throws EventLogException {
        String name = path.getFileName().toString();
        return new EventLogSource(path.toString(), EventLogSource.Layout.SINGLE_FILE,
                List.of(EventLogSource.Part.file(path, codecOf(path))), name.endsWith(".inprogress"), false);
    }

    private static Optional<CompressionCodec> codecOf(Path path) throws EventLogException {
        CompressionCodec.NameVerdict verdict = CompressionCodec.fromFileName(path.getFileName().toString());
        if (verdict instanceof CompressionCodec.NameVerdict.Known known) {
            return Optional.of(known.codec());
        }
        if (verdict instanceof CompressionCodec.NameVerdict.Unsupported unsupported) {
            throw new EventLogException(path.toString(), "unknown codec '." + unsupported.suffix() + "'",
                    "Spark writes event logs plain or as .lz4, .lzf, .snappy or .zstd; decompress it first");
        }
        return Optional.empty();
    }

    private static List<Path> list(Path directory) throws EventLogException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new EventLogException(directory.toString(), "cannot list directory (" + e.getMessage() + ")",
                    "check that the directory is readable");
        }
    }
}
