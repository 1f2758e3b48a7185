package dev.sparkdoc.cli.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkdoc.cli.Messages;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One application attempt's event log, downloaded from a History Server ({@code /api/v1/applications/ID[/ATTEMPT]/logs},
 * a zip) into a private temporary directory and unpacked there safely, then found as a local log is: the same reading
 * path, the same report. Its sources are named by the download URL, never by the temporary path. Closing it deletes
 * the directory.
 */
public final class HistoryServerLog implements AutoCloseable {

    /** More entries than any event log has: a rolling log of 10 GiB in Spark's smallest parts (10 MiB) has ~1000. */
    static final int MAX_ENTRIES = 10_000;

    private final Path directory;
    private final List<EventLogSource> sources;
    private final Thread cleanup;

    private HistoryServerLog(Path directory, List<EventLogSource> sources, Thread cleanup) {
        this.directory = directory;
        this.sources = List.copyOf(sources);
        this.cleanup = cleanup;
    }

    /** The downloaded log, as sources for the analysis. */
    public List<EventLogSource> sources() {
        return sources;
    }

    /**
     * Downloads the log of {@code appId}: of {@code attempt} when given, else of the application's last attempt
     * (saying so on {@code err} when it has several).
     */
    public static HistoryServerLog fetch(HistoryServerClient client, String appId, Optional<String> attempt,
            long maxBytes, Duration timeout, PrintWriter err) {
        if (appId.isBlank()) {
            throw new HistoryServerException("an empty application id; list them with sparkdoc apps --history-server "
                    + client.url());
        }
        String app = HistoryServerClient.segment(appId);
        String shownApp = Messages.printable(appId);
        JsonNode info = client.json("applications/" + app, shownApp + ": no such application on the History Server "
                + client.url() + "; list them with sparkdoc apps --history-server " + client.url());
        Optional<String> attemptId = chooseAttempt(shownApp, info.path("attempts"), attempt, err);
        String logsPath = "applications/" + app + attemptId.map(id -> "/" + HistoryServerClient.segment(id))
                .orElse("") + "/logs";
        String origin = client.resolve(logsPath).toString();
        Path directory = privateDirectory();
        Thread cleanup = new Thread(() -> deleteTree(directory), "sparkdoc-history-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean done = false;
        try {
            Path zip = directory.resolve("logs.zip");
            client.download(logsPath, zip, maxBytes, timeout, shownApp + attemptId.map(id -> " attempt "
                    + Messages.printable(id)).orElse("") + ": the History Server " + client.url()
                    + " has no event log for it (deleted by its cleaner?); list them with sparkdoc apps"
                    + " --history-server " + client.url());
            Path unpacked = Files.createDirectory(directory.resolve("log"));
            SafeUnzip.extract(zip, unpacked, maxBytes, MAX_ENTRIES, origin);
            Files.delete(zip);
            List<EventLogSource> sources = locate(unpacked, origin);
            done = true;
            return new HistoryServerLog(directory, sources, cleanup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!done) {
                deleteTree(directory);
                removeHook(cleanup);
            }
        }
    }

    /** The attempt to download: the one asked for, else the latest (by start time); empty when it has no id. */
    static Optional<String> chooseAttempt(String app, JsonNode attempts, Optional<String> asked, PrintWriter err) {
        List<JsonNode> all = new ArrayList<>();
        attempts.forEach(all::add);
        List<String> ids = all.stream().filter(a -> a.hasNonNull("attemptId")).map(a -> a.path("attemptId").asText())
                .toList();
        if (asked.isPresent()) {
            if (ids.contains(asked.get())) {
                return asked;
            }
            if (ids.isEmpty()) {
                throw new HistoryServerException(app + ": has a single attempt without an attempt id (client mode);"
                        + " drop --attempt");
            }
            throw new HistoryServerException(app + ": no attempt " + Messages.printable(asked.get())
                    + "; its attempts are " + String.join(", ", ids.stream().map(Messages::printable).toList()));
        }
        if (all.isEmpty()) {
            return Optional.empty();
        }
        JsonNode last = all.stream().max(Comparator.comparingLong(a -> a.path("startTimeEpoch").asLong())).get();
        Optional<String> id = last.hasNonNull("attemptId") ? Optional.of(last.path("attemptId").asText())
                : Optional.empty();
        if (all.size() > 1) {
            err.println("sparkdoc: " + app + " has " + all.size() + " attempts; analyzing the last one"
                    + id.map(value -> " (attempt " + value + ")").orElse("") + "; --attempt picks another ("
                    + String.join(", ", ids) + ")");
            err.flush();
        }
        return id;
    }

    /** The logs unpacked in {@code unpacked}, one per top-level entry, renamed after {@code origin}. */
    private static List<EventLogSource> locate(Path unpacked, String origin) throws IOException {
        List<Path> top;
        try (Stream<Path> entries = Files.list(unpacked)) {
            top = entries.sorted().toList();
        }
        if (top.isEmpty()) {
            throw new HistoryServerException(origin + ": the History Server sent an empty archive; check the"
                    + " application's log in its spark.history.fs.logDirectory");
        }
        List<EventLogSource> sources = new ArrayList<>();
        for (Path entry : top) {
            String name = top.size() == 1 ? origin : origin + "!/" + entry.getFileName();
            try {
                for (EventLogSource source : EventLogLocator.locate(entry.toString())) {
                    sources.add(renamed(source, unpacked, name, origin));
                }
            } catch (EventLogException e) {
                sources.add(EventLogSource.refused(name, EventLogSource.Layout.SINGLE_FILE,
                        new EventLogException(name, e.problem().replace(unpacked.toString(), origin), e.remedy())));
            }
        }
        return sources;
    }

    /** {@code source} named by its URL: {@code name} for the log, {@code origin!/entry} for each part. */
    private static EventLogSource renamed(EventLogSource source, Path unpacked, String name, String origin) {
        List<EventLogSource.Part> parts = new ArrayList<>();
        for (EventLogSource.Part part : source.parts()) {
            String entry = part.path().map(path -> unpacked.relativize(path).toString().replace('\\', '/'))
                    .orElse(part.displayName());
            parts.add(new EventLogSource.Part(origin + "!/" + entry, part.path(), part.codec()));
        }
        Optional<EventLogException> refused = source.refused().map(e -> new EventLogException(name,
                e.problem().replace(unpacked.toString(), origin), e.remedy()));
        return new EventLogSource(name, source.layout(), parts, source.inProgress(), source.compacted(), refused);
    }

    private static Path privateDirectory() {
        try {
            try {
                return Files.createTempDirectory("sparkdoc-history-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                return Files.createTempDirectory("sparkdoc-history-");
            }
        } catch (IOException e) {
            throw new HistoryServerException("cannot create a temporary directory for the download in "
                    + System.getProperty("java.io.tmpdir") + " (" + e.getMessage() + "); point java.io.tmpdir"
                    + " (SPARKDOC_OPTS=-Djava.io.tmpdir=DIR) at a writable disk", e);
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: the directory is private to this user and under the temporary directory
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook deletes the directory
        }
    }

    /** The temporary directory (for tests: it is gone after {@link #close}). */
    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        deleteTree(directory);
        removeHook(cleanup);
    }
}
