package dev.sparkdoc.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
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

    private final InputStream in;
    private final boolean ownInAndOut;
    private final boolean ownErr;
    private Boolean inIsTerminal;
    private Boolean errIsTerminal;
    private Integer errWidth;

    private Terminals(InputStream in, boolean ownInAndOut, boolean ownErr, Boolean inIsTerminal,
            Boolean errIsTerminal, Integer errWidth) {
        this.in = in;
        this.ownInAndOut = ownInAndOut;
        this.ownErr = ownErr;
        this.inIsTerminal = inIsTerminal;
        this.errIsTerminal = errIsTerminal;
        this.errWidth = errWidth;
    }

    /** The process's streams when {@code out} and {@code err} are its own; found out when first asked. */
    static Terminals of(PrintStream out, PrintStream err) {
        boolean ownOut = out == System.out || out instanceof StandardOutput;
        return new Terminals(System.in, ownOut, err == System.err, null, null, null);
    }

    /** Given answers, for tests: {@code in} is read as the shell's input. */
    static Terminals fixed(InputStream in, boolean inIsTerminal, boolean errIsTerminal, int errWidth) {
        return new Terminals(in, false, false, inIsTerminal, errIsTerminal, errWidth);
    }

    /** Standard input, for 'sparkdoc shell' read as a script when it is not a terminal. */
    InputStream in() {
        return in;
    }

    /** Standard input and output are a terminal: 'sparkdoc shell' edits lines there. */
    boolean inIsTerminal() {
        if (inIsTerminal == null) {
            inIsTerminal = ownInAndOut && isTerminal(SystemStream.Input) && isTerminal(SystemStream.Output);
        }
        return inIsTerminal;
    }

    /** Standard error is a terminal: 'sparkdoc analyze' may draw a progress bar there. */
    boolean errIsTerminal() {
        if (errIsTerminal == null) {
            errIsTerminal = ownErr && isTerminal(SystemStream.Error);
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

    private static boolean isTerminal(SystemStream stream) {
        for (String name : PROVIDERS) {
            try {
                return TerminalProvider.load(name).isSystemStream(stream);
            } catch (Exception | LinkageError e) {
                // this provider is not usable here (no native library, no 'test' command); try the next
            }
        }
        return System.console() != null;
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
