package dev.sparkdoc.report;

import dev.sparkdoc.rules.Severity;

/**
 * How text output is laid out for its reader: the width to fit (the terminal's columns, or 100 when not a terminal),
 * whether wide columns are shown ({@code -o wide}, kubectl's habit: wide tables may exceed the width), and whether
 * severities and headings are coloured (ANSI; only on a terminal, never in files, JSON, Markdown or HTML). Widths are
 * always computed on the plain text; colour is put around text already laid out, so it never changes a line's fit.
 */
public record TextStyle(int width, boolean wide, boolean color) {

    /** Below this, tables and prose stop shrinking (a terminal that narrow wraps whatever is printed). */
    public static final int MIN_WIDTH = 40;

    /** The layout when the output is not a terminal: 100 columns, no wide columns, no colour. */
    public static final TextStyle PLAIN = new TextStyle(100, false, false);

    public TextStyle {
        width = Math.max(MIN_WIDTH, width);
    }

    public TextStyle withWidth(int columns) {
        return new TextStyle(columns, wide, color);
    }

    /** {@code text} (a severity's word, a heading) in the severity's colour: critical red, warning yellow, info blue. */
    public String severity(Severity severity, String text) {
        return paint(switch (severity) {
            case CRITICAL -> "1;31";
            case WARNING -> "33";
            case INFO -> "34";
        }, text);
    }

    /** A heading, bold. */
    public String heading(String text) {
        return paint("1", text);
    }

    /** A note of secondary importance, dim. */
    public String dim(String text) {
        return paint("2", text);
    }

    private String paint(String code, String text) {
        return color && !text.isEmpty() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
