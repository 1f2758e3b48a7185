package dev.sparkdoc.eventlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The local file system through NIO. Links are followed; identity is the file key, so a tree is walked once. */
public final class LocalLogFileSystem implements LogFileSystem {

    public static final LocalLogFileSystem INSTANCE = new LocalLogFileSystem();

    private LocalLogFileSystem() {
    }

    @Override
    public Entry stat(String location) throws EventLogException {
        return entry(Path.of(location));
    }

    /** The entry for {@code path}; its kind is {@link Kind#OTHER} when its attributes cannot be read. */
    public Entry entry(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            Kind kind = attributes.isDirectory() ? Kind.DIRECTORY : attributes.isRegularFile() ? Kind.FILE : Kind.OTHER;
            return new Entry(path.toString(), name, kind, attributes.size(), attributes.lastModifiedTime().toMillis(),
                    path);
        } catch (IOException | RuntimeException e) {
            return new Entry(path.toString(), name, Kind.OTHER, -1, -1, path);
        }
    }

    @Override
    public List<Entry> list(Entry directory) throws EventLogException {
        Path path = (Path) directory.handle();
        List<Path> paths;
        try (Stream<Path> entries = Files.list(path)) {
            paths = entries.sorted().toList();
        } catch (IOException e) {
            throw new EventLogException(path.toString(), "cannot list directory (" + e.getMessage() + ")",
                    "check that the directory is readable");
        }
        List<Entry> result = new ArrayList<>(paths.size());
        for (Path entry : paths) {
            result.add(entry(entry));
        }
        return result;
    }

    /** Its file key (device and inode), else its real path, else the path itself. */
    @Override
    public Object identity(Entry entry) {
        Path path = (Path) entry.handle();
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return key != null ? key : path.toRealPath();
        } catch (IOException | RuntimeException e) {
            // A dangling link or an unreadable entry: visit it once by name, where it will be refused or skipped.
            return path.toAbsolutePath().normalize();
        }
    }

    @Override
    public EventLogSource.Part part(Entry file, Optional<CompressionCodec> codec) {
        return EventLogSource.Part.file((Path) file.handle(), codec, file.modifiedMillis());
    }
}
