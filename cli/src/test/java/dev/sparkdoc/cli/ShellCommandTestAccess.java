package dev.sparkdoc.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The shell's answer to "summary" for a log, as a script run gives it. */
final class ShellCommandTestAccess {

    private ShellCommandTestAccess() {
    }

    static String summary(String log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Terminals terminals = Terminals.fixed(new ByteArrayInputStream("summary\n".getBytes(StandardCharsets.UTF_8)),
                false, false, 80);
        SparkDoc.run(new String[] {"shell", log}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), terminals);
        return out.toString(StandardCharsets.UTF_8);
    }
}
