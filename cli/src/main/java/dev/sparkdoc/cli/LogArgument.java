package dev.sparkdoc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a LOG argument is, before the reader opens it. A named pipe (FIFO, also what {@code <(zcat log.gz)} hands
 * over) is read as a stream, with a line on stderr saying sparkdoc waits for data on it; a device, a socket, or
 * {@code -} when standard input is closed is refused with one line, instead of being read as garbage or forever.
 */
final class LogArgument {

    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private LogArgument() {
    }

    /** Refuses {@code log} with a {@link BadInputException}, or says on {@code err} that it will wait on a pipe. */
    static void check(String log, PrintWriter err) {
        if ("-".equals(log)) {
            if (standardInputClosed()) {
                throw new BadInputException("-: standard input is closed; pipe a log in (sparkdoc analyze - < LOG)"
                        + " or name the file");
            }
            return;
        }
        Path path;
        try {
            path = Path.of(log);
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadInputException(log + ": not a valid path (" + e.getReason() + "); check the argument");
        }
        int type = type(path);
        if (type == FIFO) {
            err.println("sparkdoc: " + log + ": a named pipe; reading it as a stream, waiting for data (Ctrl-C to"
                    + " stop)");
            err.flush();
        } else if (type == CHARACTER_DEVICE || type == BLOCK_DEVICE || type == SOCKET) {
            String what = type == SOCKET ? "a socket" : type == BLOCK_DEVICE ? "a block device" : "a character device";
            throw new BadInputException(log + ": " + what + ", not an event log; pass a log file, a directory of"
                    + " logs, or - for standard input");
        }
    }

    /** The file type bits of {@code path}'s mode (following links), or 0 when unknown (missing, not POSIX). */
    private static int type(Path path) {
        try {
            return ((Integer) Files.getAttribute(path, "unix:mode")) & TYPE_MASK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return 0;
        }
    }

    /**
     * Whether the process was started with standard input closed ({@code <&-}). Then the JVM's first open file
     * takes descriptor 0 (its module image or a jar), and reading "standard input" would read that.
     */
    private static boolean standardInputClosed() {
        Path descriptor = Path.of("/proc/self/fd/0");
        if (!Files.exists(Path.of("/proc/self/fd"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(descriptor).toString();
            return target.startsWith(System.getProperty("java.home")) || target.endsWith(".jar");
        } catch (IOException | UnsupportedOperationException e) {
            return !Files.exists(descriptor, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
    }
}
