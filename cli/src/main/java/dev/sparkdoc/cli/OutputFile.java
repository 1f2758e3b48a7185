package dev.sparkdoc.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes what {@code --out FILE} names. A new or regular file is written to a temporary file beside it, then renamed
 * over it, so a reader never sees half a report and a failed write leaves the old one. Anything else that exists
 * (a symlink, a device such as /dev/null, a FIFO) is written through, as a shell's {@code >} would: renaming over it
 * would replace the link or the device node with a regular file. Every failure is a {@link BadInputException}
 * (exit 3) naming the path and the reason.
 */
final class OutputFile {

    private OutputFile() {
    }

    /** Writes {@code text} (the {@code what}, e.g. "the report") to {@code file}. */
    static void write(Path file, String text, String what) {
        write(file, text, what, "--out");
    }

    /** Writes {@code text} to {@code file}, which the command line's {@code option} named (for the messages). */
    static void write(Path file, String text, String what, String option) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new BadInputException(option + " " + name + ": is a directory; name a file to write " + what + " to");
        }
        boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        try {
            if (exists && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                try (OutputStream out = Files.newOutputStream(file)) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            Path target = file.toAbsolutePath();
            Path directory = target.getParent();
            if (directory == null || !Files.isDirectory(directory)) {
                throw new BadInputException(option + " " + name + ": the directory to write " + what + " to does not"
                        + " exist; create it or choose another " + option + " path");
            }
            replace(target, directory, text);
        } catch (IOException e) {
            throw new BadInputException(option + " " + name + ": cannot write " + what + " (" + reason(e)
                    + "); choose another " + option + " path");
        }
    }

    private static void replace(Path target, Path directory, String text) throws IOException {
        Path temporary = Files.createTempFile(directory, ".sparkdoc-", ".tmp");
        try {
            readableLikeANewFile(temporary);
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A temporary file is created owner-only (0600); a report is meant to be shared, so give it the permissions a
     * newly written file gets (0644, as under the usual umask 022) where the file system has POSIX permissions.
     */
    private static void readableLikeANewFile(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** The operating system's words for an I/O failure, without Java's class names. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
