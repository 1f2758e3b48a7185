package dev.sparkdoc.cli;

import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogReader;
import dev.sparkdoc.eventlog.EventLogSource;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --since}, {@code --until} and {@code --app-name}: which of the logs found are analyzed. The times select
 * by the directory listing alone (a log's last modification: of its file, or the latest of a rolling log's parts),
 * no log is opened for them; the name is read from each remaining log's first events only
 * ({@link EventLogReader#applicationName}, at most {@value #PEEK_DECODED_BYTES} decoded bytes of its first part).
 */
final class LogSelection {

    /** How much of a log's first part is decoded at most to find its application's name. */
    static final long PEEK_DECODED_BYTES = 32L * 1024 * 1024;

    @Option(names = "--since", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Only logs last modified at or after TIME: 2026-05-01 (UTC midnight), 2026-05-01T08:00"
                    + " (UTC), 2026-05-01T08:00+02:00, or 36h / 7d / 90m ago. From the listing; no log is read.")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Only logs last modified before TIME (same forms as --since).")
    Instant until;

    @Option(names = "--app-name", paramLabel = "GLOB",
            description = "Only applications whose name (spark.app.name) matches GLOB: * any characters, ? one;"
                    + " case-sensitive, whole name. Read from each log's first events only.")
    String appName;

    boolean active() {
        return since != null || until != null || appName != null;
    }

    /** Refuses what cannot be selected: standard input has no listing, and is read once. */
    void check(List<String> logs, CommandLine commandLine) {
        if (active() && logs.contains("-")) {
            throw new CommandLine.ParameterException(commandLine,
                    "--since, --until and --app-name select among listed logs; '-' (standard input) has no listing");
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new CommandLine.ParameterException(commandLine,
                    "--since " + since + " is not before --until " + until + "; no log can match");
        }
    }

    /**
     * The sources that match, in their order. A log refused while locating (a rolling log with a gap, ...) is kept, so
     * that reading it reports why; so is one whose first part cannot be opened for its name.
     */
    List<EventLogSource> select(List<EventLogSource> sources, PrintWriter err) {
        if (!active()) {
            return sources;
        }
        Pattern name = appName == null ? null : glob(appName);
        List<EventLogSource> selected = new ArrayList<>();
        for (EventLogSource source : sources) {
            if (source.refused().isPresent()) {
                selected.add(source);
                continue;
            }
            long modified = source.lastModifiedMillis();
            if (since != null && (modified < 0 || modified < since.toEpochMilli())) {
                continue;
            }
            if (until != null && (modified < 0 || modified >= until.toEpochMilli())) {
                continue;
            }
            if (name != null) {
                Optional<String> application;
                try {
                    application = EventLogReader.applicationName(source, PEEK_DECODED_BYTES);
                } catch (EventLogException e) {
                    selected.add(source);
                    continue;
                }
                if (application.isEmpty() || !name.matcher(application.get()).matches()) {
                    continue;
                }
            }
            selected.add(source);
        }
        if (selected.isEmpty()) {
            throw new BadInputException("no event log matches " + describe() + " (" + sources.size()
                    + (sources.size() == 1 ? " log" : " logs") + " found); widen the selection or check the names"
                    + " with 'sparkdoc analyze' on the directory");
        }
        err.println("sparkdoc: " + selected.size() + " of " + sources.size() + " logs match " + describe());
        err.flush();
        return selected;
    }

    private String describe() {
        List<String> parts = new ArrayList<>();
        if (since != null) {
            parts.add("--since " + since);
        }
        if (until != null) {
            parts.add("--until " + until);
        }
        if (appName != null) {
            parts.add("--app-name " + Messages.printable(appName));
        }
        return String.join(" ", parts);
    }

    /** {@code *} any run of characters, {@code ?} one character, everything else literally. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The forms --since and --until take; a relative one counts back from when the command line is read. */
    static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
        private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([mhd])");

        @Override
        public Instant convert(String value) {
            String text = value.trim();
            Matcher relative = RELATIVE.matcher(text.toLowerCase(Locale.ROOT));
            if (relative.matches()) {
                long amount = Long.parseLong(relative.group(1));
                Duration back = switch (relative.group(2)) {
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                return Instant.now().minus(back);
            }
            try {
                if (text.length() == 10) {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e) {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                }
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + Messages.printable(value) + "' is not a time:"
                        + " write 2026-05-01, 2026-05-01T08:00 (UTC), 2026-05-01T08:00+02:00, or 36h, 7d, 90m (ago)");
            }
        }
    }
}
