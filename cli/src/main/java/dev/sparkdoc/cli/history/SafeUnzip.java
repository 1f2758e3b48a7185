package dev.sparkdoc.cli.history;

import dev.sparkdoc.cli.Messages;
import dev.sparkdoc.diagnosis.SparkSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks an archive a server sent, trusting nothing in it: an entry whose name is absolute, holds {@code ..}, a
 * backslash or a drive letter, or lands outside the target directory (zip slip) is refused, as is a symbolic link, a
 * second entry of one name, more than {@code maxEntries} entries, or more than {@code maxBytes} unpacked (counted
 * as written, not as the archive declares: zip bombs). Nothing is ever written outside the target directory.
 */
final class SafeUnzip {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private SafeUnzip() {
    }

    /**
     * Unpacks {@code zip} into the empty directory {@code target}; {@code origin} names the archive in messages.
     * Returns the bytes written.
     */
    static long extract(Path zip, Path target, long maxBytes, int maxEntries, String origin) {
        countEntries(zip, maxEntries, origin);
        Path root = target.toAbsolutePath().normalize();
        long written = 0;
        int entries = 0;
        try (ZipFile archive = ZipFile.builder().setPath(zip).get()) {
            for (Enumeration<ZipArchiveEntry> all = archive.getEntries(); all.hasMoreElements(); ) {
                ZipArchiveEntry entry = all.nextElement();
                if (++entries > maxEntries) {
                    throw refused(origin, "holds more than " + maxEntries + " entries");
                }
                String name = entry.getName();
                Path destination = destination(root, name, origin);
                if (entry.isUnixSymlink()) {
                    throw refused(origin, "holds a symbolic link (" + shown(name) + ")");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                if (!archive.canReadEntryData(entry)) {
                    throw refused(origin, "entry " + shown(name) + " uses a compression method sparkdoc cannot"
                            + " read");
                }
                Path parent = destination.getParent();
                Files.createDirectories(parent);
                if (!parent.toRealPath().startsWith(root.toRealPath())) {
                    throw refused(origin, "entry " + shown(name) + " leads outside the directory it unpacks into");
                }
                if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
                    throw refused(origin, "holds two entries named " + shown(name));
                }
                try (InputStream in = archive.getInputStream(entry);
                        OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                        written += read;
                        if (written > maxBytes) {
                            throw refused(origin, "unpacks to more than " + SparkSettings.formatBytes(maxBytes)
                                    + " (--max-log-bytes); raise --max-log-bytes if the log is that large");
                        }
                        out.write(buffer, 0, read);
                    }
                }
            }
        } catch (IOException e) {
            throw new HistoryServerException(origin + ": not a readable zip archive (" + Messages.printable(
                    String.valueOf(e.getMessage())) + "); check that the server is a Spark History Server", e);
        }
        return written;
    }

    /** The entry count from the archive's central directory, before any entry is listed in memory. */
    private static void countEntries(Path zip, int maxEntries, String origin) {
        try (java.util.zip.ZipFile archive = new java.util.zip.ZipFile(zip.toFile())) {
            if (archive.size() > maxEntries) {
                throw refused(origin, "holds " + archive.size() + " entries, more than the " + maxEntries
                        + " an event log has");
            }
        } catch (IOException e) {
            throw new HistoryServerException(origin + ": not a readable zip archive (" + Messages.printable(
                    String.valueOf(e.getMessage())) + "); check that the server is a Spark History Server", e);
        }
    }

    private static Path destination(Path root, String name, String origin) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0
                || DRIVE.matcher(name).matches()) {
            throw refused(origin, "entry " + shown(name) + " has an absolute or unsafe name");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw refused(origin, "entry " + shown(name) + " climbs out of the directory (..)");
            }
        }
        Path destination = root.resolve(name).normalize();
        if (!destination.startsWith(root) || destination.equals(root)) {
            throw refused(origin, "entry " + shown(name) + " leads outside the directory it unpacks into");
        }
        return destination;
    }

    private static String shown(String name) {
        String printable = Messages.printable(name);
        return "'" + (printable.length() > 120 ? printable.substring(0, 120) + "..." : printable) + "'";
    }

    private static HistoryServerException refused(String origin, String why) {
        return new HistoryServerException(origin + ": refused the archive: it " + why);
    }
}
