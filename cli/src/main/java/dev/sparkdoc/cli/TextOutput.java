package dev.sparkdoc.cli;

import dev.sparkdoc.report.TextStyle;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a command's output to standard output should look like, decided in one place: the width text fits (the
 * terminal's, else 100; {@link Terminals#outWidth}), colour ({@code --color}, NO_COLOR, TERM=dumb; never in files),
 * and whether long output goes through a pager ($PAGER, {@code --no-pager}; only on a terminal).
 */
public final class TextOutput {

    /** The pager when PAGER is unset, with LESS=FRX: quits at once for one screen, keeps colours and the screen. */
    static final String DEFAULT_PAGER = "less";

    private final Terminals terminals;
    private final TerminalOptions.Color color;
    private final boolean noPager;

    TextOutput(Terminals terminals, TerminalOptions.Color color, boolean noPager) {
        this.terminals = terminals;
        this.color = color;
        this.noPager = noPager;
    }

    /** The output settings of the command {@code spec} runs: the root's terminals, the inherited options' values. */
    public static TextOutput of(CommandSpec spec) {
        Terminals terminals = spec.root().userObject() instanceof SparkDoc root ? root.terminals()
                : Terminals.fixed(System.in, false, false, 80);
        CommandLine.Model.OptionSpec colorOption = spec.findOption("--color");
        CommandLine.Model.OptionSpec pagerOption = spec.findOption("--no-pager");
        TerminalOptions.Color color = colorOption != null && colorOption.getValue() instanceof TerminalOptions.Color c
                ? c : TerminalOptions.Color.auto;
        boolean noPager = pagerOption != null && Boolean.TRUE.equals(pagerOption.getValue());
        return new TextOutput(terminals, color, noPager);
    }

    /** The layout of text written to standard output, or (with {@code toFile}) to a file: no colour there. */
    public TextStyle style(boolean wide, boolean toFile) {
        int width = toFile ? Terminals.DEFAULT_WIDTH : terminals.outWidth();
        return new TextStyle(width, wide, !toFile && colored());
    }

    /** Whether standard output gets ANSI colours. */
    boolean colored() {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> terminals.outIsTerminal() && !set(terminals.env().get("NO_COLOR"))
                    && !"dumb".equals(terminals.env().get("TERM"));
        };
    }

    /** The width text fits: the terminal's (or COLUMNS), else 100. */
    int width() {
        return terminals.outWidth();
    }

    /** The terminal's width when standard output is one; 0 (no limit) through a pipe or into a file. */
    int terminalWidth() {
        return terminals.outIsTerminal() ? terminals.outWidth() : 0;
    }

    private static boolean set(String value) {
        return value != null && !value.isEmpty();
    }

    /**
     * Writes what {@code render} prints to {@code out}: on a terminal, when longer than the terminal is high and a
     * pager is wanted, through the pager (waited for); otherwise straight, as it is rendered.
     */
    public void show(PrintWriter out, Render render) throws IOException {
        List<String> pager = pagerCommand();
        if (pager.isEmpty()) {
            render.render(out);
            out.flush();
            return;
        }
        StringWriter buffer = new StringWriter();
        PrintWriter writer = new PrintWriter(buffer);
        render.render(writer);
        writer.flush();
        String text = buffer.toString();
        out.flush();
        if (text.lines().count() < terminals.outHeight() || !page(pager, text)) {
            out.print(text);
            out.flush();
        }
    }

    /** Prints output to a writer. */
    public interface Render {
        void render(PrintWriter out) throws IOException;
    }

    /** The pager to run, as a command line; empty when output is not paged. */
    List<String> pagerCommand() {
        if (noPager || !terminals.outIsTerminal()) {
            return List.of();
        }
        Map<String, String> env = terminals.env();
        String pager = env.containsKey("PAGER") ? env.get("PAGER").strip() : DEFAULT_PAGER;
        if (pager.isEmpty() || pager.equals("cat")) {
            return List.of();
        }
        // a plain command line runs directly, so one that is not installed falls back to plain output; anything
        // with shell syntax (quotes, pipes, variables) through sh, as git does
        if (pager.matches("[A-Za-z0-9_./=+,:@-]+( +[A-Za-z0-9_./=+,:@-]+)*")) {
            return List.of(pager.split(" +"));
        }
        return List.of("sh", "-c", pager);
    }

    /** Runs the pager on {@code text} and waits for it; false when it could not be started (nothing was shown). */
    private boolean page(List<String> command, String text) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (!terminals.env().containsKey("LESS")) {
            builder.environment().put("LESS", "FRX");
        }
        if (!terminals.env().containsKey("LV")) {
            builder.environment().put("LV", "-c");
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return false;
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the pager quit before reading everything ('q' in less): what it showed is what the user wanted
        }
        try {
            int code = process.waitFor();
            // sh's "command not found": nothing was shown
            return !(command.get(0).equals("sh") && code == 127);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
