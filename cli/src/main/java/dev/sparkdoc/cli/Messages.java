package dev.sparkdoc.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * What sparkdoc writes to standard error: one line per message, with the control characters of anything it echoes
 * (file names, arguments, server messages) shown as escapes, so a file named with ESC or a newline can neither
 * drive the terminal nor split a message in two.
 */
public final class Messages {

    private Messages() {
    }

    /** {@code text} with C0 and C1 control characters and DEL as {@code \n}, {@code \r}, {@code \t}, {@code \e}, {@code \xNN}. */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (!control) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x1b -> out.append("\\e");
                default -> out.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Standard error's writer: every {@code println(String)} is one message, printed with {@link #printable}.
     * {@code print} is left as it is, for the progress bar's carriage returns; stack traces ({@code --debug}) go
     * through {@code println(Object)} and keep their lines.
     */
    static final class ErrorWriter extends PrintWriter {
        ErrorWriter(Writer out) {
            super(out, true);
        }

        @Override
        public void println(String message) {
            super.println(message == null ? null : printable(message));
        }
    }
}
