package dev.sparkdoc.fleet;

import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.RuleSettingsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of a fleet run, one declaration for both entries: {@code sparkdoc fleet} (a picocli mixin there) and
 * {@code spark-submit --class dev.sparkdoc.fleet.FleetMain sparkdoc-fleet.jar}.
 */
public final class FleetArguments {

    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})([mhdw])");

    @Parameters(arity = "1..*", paramLabel = "LOG_DIR",
            description = "Directories of event logs (searched recursively) or single logs, on any Hadoop file"
                    + " system: /var/log/spark-events, hdfs://nn/spark-logs, s3a://bucket/spark-events.")
    List<String> inputs;

    @Option(names = "--since", paramLabel = "DATE",
            description = "Only logs modified at or after DATE: 2026-12-01 (midnight UTC), 2026-12-01T08:00"
                    + " (UTC), 2026-12-01T08:00+01:00, or a time ago: 30m, 12h, 7d, 2w.")
    String since;

    @Option(names = "--until", paramLabel = "DATE",
            description = "Only logs modified before DATE (same forms; a bare date includes that whole day).")
    String until;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sparkdoc-fleet",
            description = "Output directory, any Hadoop path (default: ${DEFAULT-VALUE}): Parquet tables"
                    + " applications/, findings/, recommendations/, the same as JSON lines under json/, and"
                    + " digest.md, digest.html.")
    String out;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "YAML file that overrides rule thresholds or disables rules (see docs/rules/README.md).")
    Path rules;

    @Option(names = "--full",
            description = "Analyze every log again, also those already analyzed (same path, size and modification"
                    + " time); the new rows replace the old ones in the digest.")
    boolean full;

    @Option(names = "--retained-task-rows", paramLabel = "N",
            description = "Per-task rows the finished stages of one log keep in full, all together (default: "
                    + FleetOptions.DEFAULT_FINISHED_TASK_ROWS + "); beyond, summaries with the same findings.")
    long retainedTaskRows = FleetOptions.DEFAULT_FINISHED_TASK_ROWS;

    @Option(names = "--stage-task-rows", paramLabel = "N",
            description = "Per-task rows one stage keeps while it is read (default: "
                    + FleetOptions.DEFAULT_STAGE_TASK_ROWS + "; at least 256); beyond, quantiles within 1%%.")
    int stageTaskRows = FleetOptions.DEFAULT_STAGE_TASK_ROWS;

    /** The run these arguments ask for; a bad date, bound or rules file is a {@link FleetException}. */
    public FleetOptions options(Clock clock) {
        if (retainedTaskRows < 0) {
            throw new FleetException("--retained-task-rows must be 0 or more, not " + retainedTaskRows);
        }
        if (stageTaskRows < 256) {
            throw new FleetException("--stage-task-rows must be at least 256, not " + stageTaskRows);
        }
        Optional<Instant> from = Optional.ofNullable(since).map(text -> instant("--since", text, clock, false));
        Optional<Instant> to = Optional.ofNullable(until).map(text -> instant("--until", text, clock, true));
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new FleetException("--since " + since + " is not before --until " + until
                    + "; no log could be selected, swap them or widen the range");
        }
        Optional<String> yaml = Optional.empty();
        String source = "built-in";
        if (rules != null) {
            try {
                RuleSettings.load(rules);
                yaml = Optional.of(Files.readString(rules, StandardCharsets.UTF_8));
                source = rules.toString();
            } catch (RuleSettingsException e) {
                throw new FleetException(e.getMessage(), e);
            } catch (IOException e) {
                throw new FleetException(rules + ": cannot read the rules file (" + LogListing.reason(e)
                        + "); check the path given to --rules", e);
            }
        }
        return new FleetOptions(inputs, from, to, out, yaml, source, full, retainedTaskRows, stageTaskRows);
    }

    /**
     * A date, a date and time (UTC unless it names an offset), or a time ago. As an upper bound, a bare date means
     * the end of that day.
     */
    static Instant instant(String option, String text, Clock clock, boolean upper) {
        String value = text.trim();
        Matcher relative = RELATIVE.matcher(value.toLowerCase(Locale.ROOT));
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration ago = switch (relative.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(7 * amount);
            };
            return clock.instant().minus(ago);
        }
        try {
            LocalDate date = LocalDate.parse(value);
            return (upper ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            // not a bare date
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // no offset
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new FleetException(option + " " + text + ": not a date; give 2026-12-01, 2026-12-01T08:00,"
                    + " 2026-12-01T08:00+01:00 or a time ago such as 12h or 7d");
        }
    }
}
