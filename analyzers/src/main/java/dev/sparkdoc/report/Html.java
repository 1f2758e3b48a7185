package dev.sparkdoc.report;

import dev.sparkdoc.quantity.Formats;

/**
 * Escaping for the HTML report. Every piece of text that reaches the page goes through {@link #text}: it may come
 * from the log (application name, job descriptions, stage names, SQL, plans, property values), and a log is input
 * anyone can write.
 */
final class Html {

    private Html() {
    }

    /**
     * Text for an element's content or a quoted attribute value: {@code & < > " '} become entities, and control
     * characters other than tab and newline (which no page needs and a terminal-minded log may carry) become
     * U+FFFD.
     */
    static String text(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
                        escaped.append('\uFFFD');
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** Text on one line of at most {@code max} characters, escaped: for table cells and chart labels. */
    static String line(String value, int max) {
        return text(Formats.oneLine(value, max));
    }

    /**
     * Escaped text in which a number stays on one line with its unit ("512&nbsp;KiB", "1m&nbsp;13s"): for cells that
     * wrap, so that a line never ends between a quantity and what it counts.
     */
    static String quantities(String value) {
        return text(value).replaceAll("(\\d[A-Za-z]*) (?=[A-Za-z]+\\b|\\d+[a-z]+\\b)", "$1&nbsp;");
    }

    /** An id usable in {@code id="..."} and {@code href="#..."}: letters, digits and dashes only. */
    static String id(String value) {
        StringBuilder id = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            id.append(Character.isLetterOrDigit(c) && c < 128 ? c : '-');
        }
        return id.toString();
    }

    /** A number for an SVG attribute: one decimal, no locale. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "0";
        }
        long rounded = Math.round(value * 10);
        return rounded % 10 == 0 ? Long.toString(rounded / 10) : Double.toString(rounded / 10.0);
    }
}
