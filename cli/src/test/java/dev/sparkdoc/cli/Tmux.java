package dev.sparkdoc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A tmux session: a real pseudo-terminal to type into (send-keys) and read the screen of (capture-pane). */
final class Tmux implements AutoCloseable {

    private final String tmux;
    private final String session;
    private final List<String> server;

    private Tmux(String tmux, String session, List<String> server) {
        this.tmux = tmux;
        this.session = session;
        this.server = server;
    }

    /**
     * As {@link #start(String, String, int, int)}, on a tmux server of its own whose windows keep
     * {@code scrollback} lines: a window's history limit is fixed when it is created, so the default server's 2000
     * lines would lose the start of a long output.
     */
    static Tmux startWithScrollback(String tmux, String command, int width, int height, int scrollback,
            java.nio.file.Path directory) throws Exception {
        java.nio.file.Path config = directory.resolve("tmux.conf");
        java.nio.file.Files.writeString(config, "set-option -g history-limit " + scrollback + "\n");
        String name = "sparkdoc-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Tmux started = new Tmux(tmux, name, List.of("-L", name, "-f", config.toString()));
        started.run("new-session", "-d", "-s", name, "-x", Integer.toString(width), "-y",
                Integer.toString(height), command);
        return started;
    }

    /** Starts {@code command} (run by sh) in a new detached session of {@code width} x {@code height}. */
    static Tmux start(String tmux, String command, int width, int height) throws Exception {
        String session = "sparkdoc-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Tmux started = new Tmux(tmux, session, List.of());
        started.run("new-session", "-d", "-s", session, "-x", Integer.toString(width), "-y",
                Integer.toString(height), command);
        started.run("set-option", "-t", session, "history-limit", "20000");
        return started;
    }

    /** Types keys: literal text, or tmux key names such as Tab, Enter, Up, C-u, C-d. */
    void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        run(args.toArray(new String[0]));
    }

    /** Types {@code text} literally (no key-name lookup). */
    void type(String text) throws Exception {
        run("send-keys", "-t", session, "-l", text);
    }

    /** The screen and its scrollback, trailing blank lines dropped. */
    String screen() throws Exception {
        return run("capture-pane", "-p", "-J", "-S", "-20000", "-t", session).replaceAll("\\s+$", "");
    }

    /** As {@link #screen}, with the escape sequences of colours and attributes (capture-pane -e). */
    String screenWithColours() throws Exception {
        return run("capture-pane", "-p", "-J", "-e", "-S", "-20000", "-t", session).replaceAll("\\s+$", "");
    }

    /** Waits until the screen satisfies {@code condition}; fails with the screen after {@code timeout}. */
    String waitFor(Predicate<String> condition, String what, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = screen();
        while (!condition.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; the screen:\n"
                        + screen);
            }
            Thread.sleep(100);
            screen = screen();
        }
        return screen;
    }

    String waitFor(String text) throws Exception {
        return waitFor(screen -> screen.contains(text), "'" + text + "'", Duration.ofSeconds(30));
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tmux);
        command.addAll(server);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws Exception {
        try {
            if (server.isEmpty()) {
                run("kill-session", "-t", session);
            } else {
                run("kill-server");
            }
        } catch (IOException e) {
            // the session already ended
        }
    }
}
