package dev.sparkdoc.eventlog;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether the JIT compiler has gone quiet: the share of a window (at least {@value #WINDOW_MILLIS} ms) that the
 * compiler threads spent compiling, as the JVM counts it ({@link CompilationMXBean#getTotalCompilationTime()},
 * summed over its compiler threads), was under a quarter of one core, {@value #QUIET_WINDOWS} times in a row. In a
 * fresh JVM that reads a large log, the compiler is busy for the first second or two; threads that take every core
 * meanwhile only slow it down. Only asked while the reading code is {@link #young()}.
 *
 * <p>Asked once per chunk the reader decodes (256 KiB), so the answer costs a clock read; the management bean is
 * only looked up on the first question, which comes after the first few MiB of a log: small logs never load it.
 * A JVM that does not count compilation time is taken as quiet. {@code analyze} of several logs asks it too before
 * it reads more than one log at a time.
 */
public final class CompilerWatch {

    public static final long WINDOW_MILLIS = 20;
    /**
     * Quiet windows in a row asked for: the reading code is compiled in long compilations that the JVM counts only
     * when each ends, so a short quiet spell says little.
     */
    static final int QUIET_WINDOWS = 10;
    /** How long after the reader's class was loaded its hot code counts as still being compiled: 5 s. */
    static final long YOUNG_NANOS = 5_000_000_000L;

    private final CompilationMXBean compiler;
    private long windowStart;
    private long compiledAtStart;
    private int quietWindows;

    /**
     * Whether the reading code may still be being compiled: its class was loaded less than 5 s ago. Past that (the
     * shell, fleet's executors, a benchmark), parsing threads start without asking; before, a watch is made.
     */
    public static boolean young() {
        return System.nanoTime() - EventLogReader.LOADED_NANOS < YOUNG_NANOS;
    }

    public CompilerWatch() {
        CompilationMXBean bean = null;
        try {
            bean = ManagementFactory.getCompilationMXBean();
        } catch (RuntimeException | LinkageError e) {
            // no java.management, or no bean: no way to tell
        }
        this.compiler = bean != null && bean.isCompilationTimeMonitoringSupported() ? bean : null;
        this.windowStart = System.nanoTime();
        this.compiledAtStart = compiled();
    }

    /**
     * True when the compiler spent under a quarter of each of the last {@value #QUIET_WINDOWS} full windows
     * compiling. The JVM adds a compilation's time when it ends, so one long compilation can make a single window
     * look quiet.
     */
    public boolean quiet() {
        if (compiler == null) {
            return true;
        }
        long now = System.nanoTime();
        long windowMillis = (now - windowStart) / 1_000_000;
        if (windowMillis < WINDOW_MILLIS) {
            return false;
        }
        long compiled = compiled();
        quietWindows = (compiled - compiledAtStart) * 4 < windowMillis ? quietWindows + 1 : 0;
        windowStart = now;
        compiledAtStart = compiled;
        return quietWindows >= QUIET_WINDOWS;
    }

    private long compiled() {
        return compiler == null ? 0 : compiler.getTotalCompilationTime();
    }
}
