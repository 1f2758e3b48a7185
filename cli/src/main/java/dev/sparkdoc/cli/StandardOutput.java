package dev.sparkdoc.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The process's standard output as a {@link PrintStream} that remembers why a write failed (a full disk, a closed
 * pipe): {@code System.out} only says that one did, and sparkdoc must say why when a report is lost.
 */
final class StandardOutput extends PrintStream {

    private final Recorder recorder;

    private StandardOutput(Recorder recorder) {
        super(recorder, false, StandardCharsets.UTF_8);
        this.recorder = recorder;
    }

    static StandardOutput open() {
        return new StandardOutput(new Recorder(new java.io.BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
                1 << 16)));
    }

    /** The first write error, if any. */
    Optional<IOException> failure() {
        return Optional.ofNullable(recorder.failure);
    }

    private static final class Recorder extends FilterOutputStream {
        private IOException failure;

        Recorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        private void record(IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
