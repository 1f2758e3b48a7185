package dev.sparkdoc.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One run of {@link SparkDoc#run} with captured streams. */
record CliRun(int exitCode, String out, String err) {

    /** Real event logs kept in the analyzers module's test resources. */
    static final Path EVENT_LOGS = Path.of("..", "analyzers", "src", "test", "resources", "eventlogs")
            .toAbsolutePath().normalize();

    static Path log(String relative) {
        return EVENT_LOGS.resolve(relative);
    }

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkDoc.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
