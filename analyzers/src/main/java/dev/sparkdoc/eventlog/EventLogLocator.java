package dev.sparkdoc.eventlog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        return locate(LocalLogFileSystem.INSTANCE, LocalLogFileSystem.INSTANCE.entry(path), argument);
    }

    /**
     * The logs at {@code location} on {@code fileSystem}: the same layouts as on the local disk, found from listings
     * alone (one per directory looked into); no file is read.
     */
    public static List<EventLogSource> locate(LogFileSystem fileSystem, String location) throws EventLogException {
        return locate(fileSystem, fileSystem.stat(location), location);
    }

    /** The logs at {@code entry}, named {@code argument} by the user (for the messages). */
    public static List<EventLogSource> locate(LogFileSystem fileSystem, LogFileSystem.Entry entry, String argument)
            throws EventLogException {
        if (entry.isDirectory()) {
            List<LogFileSystem.Entry> entries = fileSystem.list(entry);
            Optional<EventLogSource> single = asSingleLogDirectory(fileSystem, entry, entries);
            if (single.isPresent()) {
                return List.of(single.get());
            }
            List<EventLogSource> found = new ArrayList<>();
            Set<Object> visited = new HashSet<>();
            visited.add(fileSystem.identity(entry));
            collect(fileSystem, entries, found, 0, visited);
            if (found.isEmpty()) {
                throw new EventLogException(argument, "directory holds no event log",
                        "point at a Spark event log file or at spark.eventLog.dir of a run that logged events");
            }
            return found;
        }
        return List.of(singleFile(fileSystem, entry));
    }

    /**
     * Searches a tree of logs. Symbolic links are followed (a log directory is often a link), but every directory
     * and file is visited once, by its file key (device and inode) or real path: a link back up the tree or two
     * links to one log give one visit, never a loop or a log reported twice. Each directory is listed once.
     */
    private static void collect(LogFileSystem fileSystem, List<LogFileSystem.Entry> listing,
            List<EventLogSource> found, int depth, Set<Object> visited) throws EventLogException {
        if (depth > 8) {
            return;
        }
        for (LogFileSystem.Entry entry : listing) {
            String name = entry.name();
            if (name.startsWith(".") || name.startsWith("_") || name.endsWith(".crc")) {
                continue;
            }
            if (!visited.add(fileSystem.identity(entry))) {
                continue;
            }
            // One broken log in a tree is reported when it is read; it does not hide the others.
            if (entry.isDirectory()) {
                Optional<EventLogSource> single;
                List<LogFileSystem.Entry> entries;
                try {
                    entries = fileSystem.list(entry);
                    single = asSingleLogDirectory(fileSystem, entry, entries);
                } catch (EventLogException e) {
                    found.add(EventLogSource.refused(entry.location(), EventLogSource.Layout.ROLLING, e));
                    continue;
                }
                if (single.isPresent()) {
                    found.add(single.get());
                } else {
                    collect(fileSystem, entries, found, depth + 1, visited);
                }
            } else if (entry.isRegularFile()) {
                try {
                    found.add(singleFile(fileSystem, entry));
                } catch (EventLogException e) {
                    found.add(EventLogSource.refused(entry.location(), EventLogSource.Layout.SINGLE_FILE, e));
                }
            }
        }
    }

    /** A directory that is itself one log (rolling, Databricks, Spark 1.x), or empty. */
    private static Optional<EventLogSource> asSingleLogDirectory(LogFileSystem fileSystem,
            LogFileSystem.Entry directory, List<LogFileSystem.Entry> entries) throws EventLogException {
        String name = directory.name();
        boolean rollingParts = entries.stream().anyMatch(EventLogLocator::isRollingPart);
        boolean statusFile = entries.stream().anyMatch(p -> p.name().startsWith("appstatus_"));
        if (name.startsWith("eventlog_v2_") || (rollingParts && statusFile)) {
            return Optional.of(rolling(fileSystem, directory, entries));
        }
        if (entries.stream().anyMatch(p -> p.name().equals("eventlog") && p.isRegularFile())) {
            return Optional.of(databricks(fileSystem, directory, entries));
        }
        Optional<LogFileSystem.Entry> legacyLog = entries.stream().filter(p -> p.name().equals("EVENT_LOG_1"))
                .findFirst();
        if (legacyLog.isPresent()) {
            return Optional.of(legacy(fileSystem, directory, entries, legacyLog.get()));
        }
        return Optional.empty();
    }

    private static boolean isRollingPart(LogFileSystem.Entry entry) {
        return ROLLING_PART.matcher(entry.name()).matches() && entry.isRegularFile();
    }

    private static EventLogSource rolling(LogFileSystem fileSystem, LogFileSystem.Entry directory,
            List<LogFileSystem.Entry> entries) throws EventLogException {
        record Indexed(long index, boolean compact, LogFileSystem.Entry entry) {
        }
        List<Indexed> parts = new ArrayList<>();
        boolean inProgress = true;
        boolean sawStatus = false;
        for (LogFileSystem.Entry entry : entries) {
            String name = entry.name();
            if (name.startsWith("appstatus_")) {
                sawStatus = true;
                inProgress = name.endsWith(".inprogress");
                continue;
            }
            Matcher matcher = ROLLING_PART.matcher(name);
            if (matcher.matches() && entry.isRegularFile()) {
                long index = partIndex(entry, matcher.group(1));
                parts.add(new Indexed(index, name.endsWith(".compact"), entry));
            }
        }
        if (parts.isEmpty()) {
            throw new EventLogException(directory.location(), "rolling event-log directory holds no events_N_* file",
                    "the application may not have started logging yet; check spark.eventLog.dir");
        }
        // Spark's order: by index, a .compact file after the plain file of its index.
        parts.sort(Comparator.comparingLong(Indexed::index).thenComparing(Indexed::compact));
        int start = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).entry().name().endsWith(".compact")) {
                start = i;
            }
        }
        boolean compacted = parts.get(start).entry().name().endsWith(".compact");
        requireContiguous(directory, parts.subList(start, parts.size()).stream().map(Indexed::index).toList());
        List<EventLogSource.Part> reading = new ArrayList<>();
        for (Indexed part : parts.subList(start, parts.size())) {
            reading.add(fileSystem.part(part.entry(), codecOf(part.entry())));
        }
        return new EventLogSource(directory.location(), EventLogSource.Layout.ROLLING, reading,
                !sawStatus || inProgress, compacted);
    }

    private static long partIndex(LogFileSystem.Entry part, String digits) throws EventLogException {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new EventLogException(part.location(),
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
    private static void requireContiguous(LogFileSystem.Entry directory, List<Long> indices)
            throws EventLogException {
        for (int i = 1; i < indices.size(); i++) {
            long expected = indices.get(i - 1) + 1;
            if (indices.get(i) == indices.get(i - 1)) {
                throw new EventLogException(directory.location(), "rolling event log has two parts with index "
                        + indices.get(i), "keep one events_" + indices.get(i) + "_* file, as Spark writes one");
            }
            if (indices.get(i) != expected) {
                String missing = indices.get(i) - expected == 1 ? "part " + expected
                        : "parts " + expected + " to " + (indices.get(i) - 1);
                throw new EventLogException(directory.location(), "rolling event log is missing " + missing
                        + " (found " + indices.get(0) + " to " + indices.get(indices.size() - 1) + " with a gap);"
                        + " Spark's History Server refuses such a log",
                        "copy the missing events_" + expected + "_* file from spark.eventLog.dir, or read the parts"
                                + " before the gap alone");
            }
        }
    }

    private static EventLogSource databricks(LogFileSystem fileSystem, LogFileSystem.Entry directory,
            List<LogFileSystem.Entry> entries) throws EventLogException {
        List<LogFileSystem.Entry> rolled = new ArrayList<>();
        LogFileSystem.Entry current = null;
        for (LogFileSystem.Entry entry : entries) {
            String name = entry.name();
            if (name.equals("eventlog")) {
                current = entry;
            } else if (DATABRICKS_PART.matcher(name).matches() && entry.isRegularFile()) {
                rolled.add(entry);
            }
        }
        rolled.sort(Comparator.comparing(LogFileSystem.Entry::name));
        List<EventLogSource.Part> parts = new ArrayList<>();
        for (LogFileSystem.Entry part : rolled) {
            parts.add(fileSystem.part(part, codecOf(part)));
        }
        parts.add(fileSystem.part(current, codecOf(current)));
        return new EventLogSource(directory.location(), EventLogSource.Layout.DATABRICKS, parts, false, false);
    }

    private static EventLogSource legacy(LogFileSystem fileSystem, LogFileSystem.Entry directory,
            List<LogFileSystem.Entry> entries, LogFileSystem.Entry log) throws EventLogException {
        Optional<CompressionCodec> codec = Optional.of(CompressionCodec.NONE);
        boolean complete = false;
        for (LogFileSystem.Entry entry : entries) {
            String name = entry.name();
            if (name.startsWith("COMPRESSION_CODEC_")) {
                String codecName = name.substring("COMPRESSION_CODEC_".length());
                codec = Optional.of(legacyCodec(directory.location(), codecName));
            }
            if (name.equals("APPLICATION_COMPLETE")) {
                complete = true;
            }
        }
        return new EventLogSource(directory.location(), EventLogSource.Layout.LEGACY_DIRECTORY,
                List.of(fileSystem.part(log, codec)), !complete, false);
    }

    private static CompressionCodec legacyCodec(String directory, String codecName) throws EventLogException {
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
        throw new EventLogException(directory, "unknown compression codec '" + codecName + "'",
                "sparkdoc reads lz4, lzf, snappy and zstd; decompress the log first");
    }

    private static EventLogSource singleFile(LogFileSystem fileSystem, LogFileSystem.Entry file)
            throws EventLogException {
        return new EventLogSource(file.location(), EventLogSource.Layout.SINGLE_FILE,
                List.of(fileSystem.part(file, codecOf(file))), file.name().endsWith(".inprogress"), false);
    }

    private static Optional<CompressionCodec> codecOf(LogFileSystem.Entry file) throws EventLogException {
        CompressionCodec.NameVerdict verdict = CompressionCodec.fromFileName(file.name());
        if (verdict instanceof CompressionCodec.NameVerdict.Known known) {
            return Optional.of(known.codec());
        }
        if (verdict instanceof CompressionCodec.NameVerdict.Unsupported unsupported) {
            throw new EventLogException(file.location(), "unknown codec '." + unsupported.suffix() + "'",
                    "Spark writes event logs plain or as .lz4, .lzf, .snappy or .zstd; decompress it first");
        }
        return Optional.empty();
    }
}
