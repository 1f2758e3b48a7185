package dev.sparkdoc.fleet;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one fleet run does.
 *
 * @param inputs the log directories (or single logs), Hadoop paths
 * @param since only logs modified at or after this instant
 * @param until only logs modified before this instant
 * @param out the output directory, a Hadoop path
 * @param rulesYaml the text of the {@code --rules} file, already checked; empty for the built-in rules
 * @param rulesSource the name of the rules file, for messages
 * @param full analyze every log again, even one already analyzed in the same version
 * @param maxFinishedTaskRows per-task rows the finished stages of one log keep in full, together
 * @param maxStageTaskRows per-task rows one stage keeps while it is read
 */
public record FleetOptions(List<String> inputs, Optional<Instant> since, Optional<Instant> until, String out,
        Optional<String> rulesYaml, String rulesSource, boolean full, long maxFinishedTaskRows, int maxStageTaskRows) {

    /** The default bounds: a log of any size reads in a task's share of memory (docs/fleet.md, Memory). */
    public static final long DEFAULT_FINISHED_TASK_ROWS = 2_000_000;
    public static final int DEFAULT_STAGE_TASK_ROWS = 1_000_000;

    public FleetOptions {
        inputs = List.copyOf(inputs);
        requireNonNull(since, "since is null");
        requireNonNull(until, "until is null");
        requireNonNull(out, "out is null");
        requireNonNull(rulesYaml, "rulesYaml is null");
        requireNonNull(rulesSource, "rulesSource is null");
    }

    /** Defaults for everything but the inputs and the output directory. */
    public static FleetOptions of(List<String> inputs, String out) {
        return new FleetOptions(inputs, Optional.empty(), Optional.empty(), out, Optional.empty(), "built-in", false,
                DEFAULT_FINISHED_TASK_ROWS, DEFAULT_STAGE_TASK_ROWS);
    }

    public FleetOptions withFull(boolean full) {
        return new FleetOptions(inputs, since, until, out, rulesYaml, rulesSource, full, maxFinishedTaskRows,
                maxStageTaskRows);
    }

    public FleetOptions withRules(String source, String yaml) {
        return new FleetOptions(inputs, since, until, out, Optional.of(yaml), source, full, maxFinishedTaskRows,
                maxStageTaskRows);
    }
}
