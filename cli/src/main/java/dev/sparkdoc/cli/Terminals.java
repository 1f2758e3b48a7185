package dev.sparkdoc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jline.terminal.Size;
import org.jline.terminal.impl.exec.ExecTerminalProvider;
import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.Pty;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * What sparkdoc's streams are connected to. {@link SparkDoc#run} takes its streams as arguments; a stream counts as
 * a terminal only when it is the process's own and jline finds a terminal behind it, so tests that pass buffers get
 * no progress bar and no line editor unless they ask for one. Asked lazily: commands that never draw on a terminal
 * never load jline's terminal providers.
 */
final class Terminals {

    private static final List<String> PROVIDERS = List.of("jni", "exec");

    /** The width text output fits when standard output is not a terminal. */
    static final int DEFAULT_WIDTH = 100;

    private final InputStream in;
    private final boolean ownInAndOut;
    private final boolean ownErr;
    private final Map<String, String> env;
    private Boolean inIsTerminal;
    private Boolean errIsTerminal;
    private Integer errWidth;
    private Boolean outIsTerminal;
    private Integer outWidth;
    private Integer outHeight;

    private Terminals(InputStream in, boolean ownInAndOut, boolean ownErr, Map<String, String> env,
            Boolean inIsTerminal, Boolean errIsTerminal, Integer errWidth) {
        this.in = in;
        this.ownInAndOut = ownInAndOut;
        this.ownErr = ownErr;
        this.env = env;
        this.inIsTerminal = inIsTerminal;
        this.errIsTerminal = errIsTerminal;
        this.errWidth = errWidth;
    }

    /** The process's streams when {@code out} and {@code err} are its own; found out when first asked. */
    static Terminals of(PrintStream out, PrintStream err) {
        boolean ownOut = out == System.out || out instanceof StandardOutput;
        return new Terminals(System.in, ownOut, err == System.err, System.getenv(), null, null, null);
    }

    /** Given answers, for tests: {@code in} is read as the shell's input; standard output is no terminal. */
    static Terminals fixed(InputStream in, boolean inIsTerminal, boolean errIsTerminal, int errWidth) {
        return new Terminals(in, false, false, Map.of(), inIsTerminal, errIsTerminal, errWidth);
    }

    /**
     * Given answers about standard output, for tests: a terminal of {@code width} x {@code height} when
     * {@code outIsTerminal}; {@code env} is the environment (NO_COLOR, TERM, PAGER, COLUMNS).
     */
    static Terminals fixedOut(boolean outIsTerminal, int width, int height, Map<String, String> env) {
        Terminals terminals = new Terminals(InputStream.nullInputStream(), false, false, env, false, false, 80);
        terminals.outIsTerminal = outIsTerminal;
        terminals.outWidth = outIsTerminal ? width : null;
        terminals.outHeight = height;
        return terminals;
    }

    /** The environment variables the output honours (NO_COLOR, TERM, PAGER, LESS, COLUMNS, LINES). */
    Map<String, String> env() {
        return env;
    }

    /** Standard output is a terminal: text fits its width, severities are coloured, long output is paged. */
    boolean outIsTerminal() {
        if (outIsTerminal == null) {
            outIsTerminal = ownInAndOut && isTerminal(1);
        }
        return outIsTerminal;
    }

    /**
     * The width text output fits: COLUMNS when set (as git and ls honour it), else the terminal's columns when
     * standard output is one, else {@value #DEFAULT_WIDTH}.
     */
    int outWidth() {
        if (outWidth == null) {
            OptionalInt columns = positive(env.get("COLUMNS"));
            outWidth = columns.isPresent() ? columns.getAsInt()
                    : outIsTerminal() ? size(SystemStream.Output, true, DEFAULT_WIDTH) : DEFAULT_WIDTH;
        }
        return outWidth;
    }

    /** Rows of the terminal behind standard output (LINES when set); 24 when unknown. */
    int outHeight() {
        if (outHeight == null) {
            OptionalInt lines = positive(env.get("LINES"));
            outHeight = lines.isPresent() ? lines.getAsInt() : outIsTerminal() ? size(SystemStream.Output, false, 24)
                    : 24;
        }
        return outHeight;
    }

    private static OptionalInt positive(String value) {
        if (value == null || !value.strip().matches("[0-9]{1,5}")) {
            return OptionalInt.empty();
        }
        int number = Integer.parseInt(value.strip());
        return number > 0 ? OptionalInt.of(number) : OptionalInt.empty();
    }

    /** The terminal's columns or rows, asked of jline's providers (the pty is not closed: it is the process's). */
    private static int size(SystemStream stream, boolean columns, int fallback) {
        for (String name : PROVIDERS) {
            try {
                TerminalProvider provider = TerminalProvider.load(name);
                Pty pty = provider instanceof JniTerminalProvider jni ? jni.current(stream)
                        : provider instanceof ExecTerminalProvider exec ? exec.current(stream) : null;
                if (pty != null) {
                    Size size = pty.getSize();
                    int value = columns ? size.getColumns() : size.getRows();
                    if (value > 0) {
                        return value;
                    }
                }
            } catch (Exception | LinkageError e) {
                // this provider is not usable here; try the next
            }
        }
        // jline's exec provider asks stty on standard input, which may be a pipe while standard output is the
        // terminal ('sparkdoc shell < script'): ask the controlling terminal
        int[] size = controllingTerminalSize();
        int value = size == null ? 0 : columns ? size[1] : size[0];
        return value > 0 ? value : fallback;
    }

    /** Rows and columns of /dev/tty by 'stty size'; null when there is none or stty fails. */
    private static int[] controllingTerminalSize() {
        java.io.File tty = new java.io.File("/dev/tty");
        if (!tty.exists()) {
            return null;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .strip();
            if (stty.waitFor() != 0 || !answer.matches("[0-9]+ [0-9]+")) {
                return null;
            }
            String[] parts = answer.split(" ");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Standard input, for 'sparkdoc shell' read as a script when it is not a terminal. */
    InputStream in() {
        return in;
    }

    /** Standard input and output are a terminal: 'sparkdoc shell' edits lines there. */
    boolean inIsTerminal() {
        if (inIsTerminal == null) {
            inIsTerminal = ownInAndOut && isTerminal(0) && isTerminal(1);
        }
        return inIsTerminal;
    }

    /** Standard error is a terminal: 'sparkdoc analyze' may draw a progress bar there. */
    boolean errIsTerminal() {
        if (errIsTerminal == null) {
            errIsTerminal = ownErr && isTerminal(2);
        }
        return errIsTerminal;
    }

    /** Columns of the terminal behind standard error; 80 when unknown. */
    int errWidth() {
        if (errWidth == null) {
            errWidth = errIsTerminal() ? width(SystemStream.Error) : 80;
        }
        return errWidth;
    }

    /** Whether descriptor {@code fd} (0, 1, 2) is a terminal: /proc first, then jline's providers. */
    private static boolean isTerminal(int fd) {
        if (surelyNoTerminal(fd)) {
            return false;
        }
        SystemStream stream = fd == 0 ? SystemStream.Input : fd == 1 ? SystemStream.Output : SystemStream.Error;
        for (String name : PROVIDERS) {
            try {
                return TerminalProvider.load(name).isSystemStream(stream);
            } catch (Exception | LinkageError e) {
                // this provider is not usable here (no native library, no 'test' command); try the next
            }
        }
        return System.console() != null;
    }

    /**
     * Linux says what a descriptor is without jline: /proc/self/fd/N names a pipe, a socket or a file that no
     * terminal is. Asking jline costs a cold start some 30 ms (it unpacks and loads a native library), so a command
     * whose output goes to a pipe or a file, the common case in scripts, never pays it. Anything under /dev/ but
     * /dev/null (a pty, a serial line, a console) and systems without /proc are asked of jline as before. Takes
     * the descriptor's number (0, 1, 2) so that no jline class is loaded either.
     */
    private static boolean surelyNoTerminal(int fd) {
        try {
            Path link = Path.of("/proc/self/fd/" + fd);
            if (!Files.isSymbolicLink(link)) {
                return false;
            }
            String target = Files.readSymbolicLink(link).toString();
            return !target.startsWith("/dev/") || target.equals("/dev/null");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static int width(SystemStream stream) {
        for (String name : PROVIDERS) {
            try {
                int width = TerminalProvider.load(name).systemStreamWidth(stream);
                if (width > 0) {
                    return width;
                }
            } catch (Exception | LinkageError e) {
                // as above
            }
        }
        return 80;
    }
}
