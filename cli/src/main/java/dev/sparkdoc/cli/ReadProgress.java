package dev.sparkdoc.cli;

import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error while one log is read: bytes read, rate and time left, or bytes and rate alone
 * when the size is unknown (standard input). It appears only once reading has taken {@link #DELAY_MILLIS}, so small
 * logs never flash one, and it erases itself when reading ends: nothing of it stays between the command and its
 * output. The reader reports progress every MiB; this class does nothing else on the reading thread.
 */
final class ReadProgress implements LongConsumer, AutoCloseable {

    /** How long reading runs before the bar is shown. */
    static final long DELAY_MILLIS = 1000;
    private static final long MIB = 1 << 20;

    private final String name;
    private final long totalBytes;
    private final PrintWriter err;
    private final int width;
    private final long delayNanos;
    private final LongSupplier clock;
    private final boolean colour;
    private final long startNanos;
    private ProgressBar bar;

    /** @param colour false when NO_COLOR is set */
    ReadProgress(String name, long totalBytes, PrintWriter err, int width, boolean colour, long delayMillis,
            LongSupplier clock) {
        this.name = name;
        this.totalBytes = totalBytes;
        this.err = err;
        this.width = Math.max(40, width - 1);
        this.delayNanos = delayMillis * 1_000_000;
        this.clock = clock;
        this.colour = colour;
        this.startNanos = clock.getAsLong();
    }

    @Override
    public void accept(long bytesRead) {
        if (bar == null) {
            long elapsed = clock.getAsLong() - startNanos;
            if (elapsed < delayNanos) {
                return;
            }
            bar = build(bytesRead, Duration.ofNanos(elapsed));
        }
        bar.stepTo(bytesRead);
    }

    private ProgressBar build(long bytesRead, Duration elapsed) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName("Reading " + shortName(name))
                .setStyle(colour ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.UNICODE_BLOCK)
                .setUnit(" MiB", MIB)
                .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ErrConsumer(err, width))
                .clearDisplayOnFinish()
                .startsFrom(bytesRead, elapsed);
        if (totalBytes > 0) {
            builder.setInitialMax(totalBytes);
        } else {
            builder.setInitialMax(-1).setEtaFunction(state -> Optional.empty());
        }
        return builder.build();
    }

    private String shortName(String path) {
        String file = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        String shown = file.isEmpty() ? path : file;
        return shown.length() <= 32 ? shown : shown.substring(0, 14) + "..." + shown.substring(shown.length() - 15);
    }

    /** Ends the bar and erases it. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Writes the bar over itself on one line of standard error. */
    private static final class ErrConsumer implements ProgressBarConsumer {
        private final PrintWriter err;
        private final int width;

        ErrConsumer(PrintWriter err, int width) {
            this.err = err;
            this.width = width;
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String rendered) {
            err.print('\r');
            err.print(rendered);
            err.flush();
        }

        @Override
        public void clear() {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
        }

        @Override
        public void close() {
            err.flush();
        }
    }
}
