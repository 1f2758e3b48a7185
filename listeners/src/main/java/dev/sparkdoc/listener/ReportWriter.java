package dev.sparkdoc.listener;

import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.report.HtmlReport;
import dev.sparkdoc.report.JsonReport;
import dev.sparkdoc.report.TextReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Writes the application's report, as JSON ({@link JsonReport}, the schema of {@code sparkdoc analyze -o json}), as
 * text and as one self-contained HTML page ({@link HtmlReport}, as {@code sparkdoc analyze -o html}), to
 * {@code spark.sparkdoc.report.dir}: a local path (or {@code file:} URI), or any other Hadoop file system URI
 * ({@code hdfs://}, {@code s3a://}, ...) written through Spark's Hadoop configuration.
 */
final class ReportWriter {

    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private final String directory;
    private final Supplier<Configuration> hadoopConfiguration;

    ReportWriter(String directory, Supplier<Configuration> hadoopConfiguration) {
        this.directory = directory;
        this.hadoopConfiguration = hadoopConfiguration;
    }

    String directory() {
        return directory;
    }

    /** The file name stem of an application's reports: its id, and attempt if any, made safe for file names. */
    static String stem(String applicationId, String attemptId) {
        String name = attemptId.isEmpty() ? applicationId : applicationId + "_" + attemptId;
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Writes the three reports; returns where they went. */
    List<String> write(DiagnosedLog diagnosed, String stem, String version) throws IOException {
        StringWriter json = new StringWriter();
        JsonReport.render(List.of(diagnosed), version, json);
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            TextReport.render(diagnosed, out);
        }
        StringWriter html = new StringWriter();
        HtmlReport.render(List.of(diagnosed), version, html);
        List<String> written = new ArrayList<>();
        written.add(write(stem + ".sparkdoc.json", json.toString()));
        written.add(write(stem + ".sparkdoc.txt", text.toString()));
        written.add(write(stem + ".sparkdoc.html", html.toString()));
        return written;
    }

    private String write(String fileName, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (isLocal(directory)) {
            Path dir = directory.toLowerCase(Locale.ROOT).startsWith("file:") ? Path.of(URI.create(directory))
                    : Path.of(directory);
            Files.createDirectories(dir);
            Path target = dir.resolve(fileName);
            // Not Files.createTempFile: it makes the file 0600 whatever the umask, and the rename keeps that, so
            // a report nobody else could read. A new file of our own takes the process's umask, as Spark's files do.
            Path temporary = dir.resolve("." + fileName + "." + ProcessHandle.current().pid() + "."
                    + System.nanoTime() + ".tmp");
            try {
                Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            return target.toString();
        }
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(directory, fileName);
        FileSystem fileSystem = target.getFileSystem(hadoopConfiguration.get());
        try (OutputStream out = fileSystem.create(target, true)) {
            out.write(bytes);
        }
        return fileSystem.makeQualified(target).toString();
    }

    /**
     * Checks, when the listener starts, that a local report directory can be created and written, so a wrong path
     * is said at the start of the application and not only when its report is lost at the end. Returns the problem,
     * if any. Other file systems are checked when the report is written (a check there would need the cluster's
     * credentials and a round trip at start).
     */
    Optional<String> checkWritable() {
        if (!isLocal(directory)) {
            return Optional.empty();
        }
        try {
            Path dir = directory.toLowerCase(Locale.ROOT).startsWith("file:") ? Path.of(URI.create(directory))
                    : Path.of(directory);
            Files.createDirectories(dir);
            Path probe = dir.resolve(".sparkdoc-write-check." + ProcessHandle.current().pid() + ".tmp");
            Files.write(probe, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot write reports to " + directory + " (" + e + ")");
        }
    }

    /** A path without a URI scheme, or a {@code file:} URI. A single letter before ':' is a Windows drive. */
    static boolean isLocal(String directory) {
        if (!URI_SCHEME.matcher(directory).matches()) {
            return true;
        }
        return directory.toLowerCase(Locale.ROOT).startsWith("file:");
    }
}
