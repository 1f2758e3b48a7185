package dev.sparkdoc.eventlog;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether the JIT compiler has gone quiet: the share of the last window (at least {@value #WINDOW_MILLIS} ms) that
 * the compiler threads spent compiling, as the JVM counts it ({@link CompilationMXBean#getTotalCompilationTime()},
 * summed over its compiler threads), is under a quarter of one core. In a fresh JVM that reads a large log, the
 * compiler is busy for the first second or two; threads that take every core meanwhile only slow it down.
 *
 * <p>Asked once per chunk the reader decodes (256 KiB), so the answer costs a clock read; the management bean is
 * only looked up on the first question, which comes after the first few MiB of a log: small logs never load it.
 * A JVM that does not count compilation time is taken as quiet.
 */
final class CompilerWatch {

    static final long WINDOW_MILLIS = 100;

    private final CompilationMXBean compiler;
    private long windowStart;
    private long compiledAtStart;

    CompilerWatch() {
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

    /** True when the compiler spent under a quarter of the last full window compiling. */
    boolean quiet() {
        if (compiler == null) {
            return true;
        }
        long now = System.nanoTime();
        long windowMillis = (now - windowStart) / 1_000_000;
        if (windowMillis < WINDOW_MILLIS) {
            return false;
        }
        long compiled = compiled();
        boolean quiet = (compiled - compiledAtStart) * 4 < windowMillis;
        windowStart = now;
        compiledAtStart = compiled;
        return quiet;
    }

    private long compiled() {
        return compiler == null ? 0 : compiler.getTotalCompilationTime();
    }
}
