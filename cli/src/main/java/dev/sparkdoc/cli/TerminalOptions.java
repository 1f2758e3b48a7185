package dev.sparkdoc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --color} and {@code --no-pager}: options of the root command that every command inherits (picocli scope
 * INHERIT), read through {@link TextOutput}.
 */
final class TerminalOptions {

    /** When severities and headings are coloured. */
    enum Color {
        auto,
        always,
        never
    }

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", scope = CommandLine.ScopeType.INHERIT,
            description = "Colour severities and headings: auto (when standard output is a terminal, unless NO_COLOR"
                    + " is set or TERM is dumb), always, or never (default: ${DEFAULT-VALUE}). Never in JSON, YAML,"
                    + " Markdown, HTML or a file written with --out.")
    Color color = Color.auto;

    @Option(names = "--no-pager", scope = CommandLine.ScopeType.INHERIT,
            description = "Print long output straight to the terminal. Without it, output longer than the terminal"
                    + " goes through $PAGER (default: less, with LESS=FRX when LESS is unset), as git does;"
                    + " PAGER=cat or an empty PAGER turns the pager off.")
    boolean noPager;
}
