package dev.sparkdoc.cli;

import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.BooleanSupplier;
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
 * output. The reader reports progress every MiB; progressbar's own thread draws, four times a second.
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
    private final ProgressBar bar;

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
        this.bar = build(new ErrConsumer(err, this.width, this::visible));
    }

    /** Whether reading has run long enough for the bar to show. */
    private boolean visible() {
        return clock.getAsLong() - startNanos >= delayNanos;
    }

    @Override
    public void accept(long bytesRead) {
        bar.stepTo(bytesRead);
    }

    private ProgressBar build(ErrConsumer consumer) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName("Reading " + shortName(name))
                .setStyle(colour ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.UNICODE_BLOCK)
                .setUnit(" MiB", MIB)
                .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .setConsumer(consumer)
                .clearDisplayOnFinish();
        if (totalBytes > 0) {
            builder.setInitialMax(totalBytes);
        } else {
            builder.setInitialMax(-1).hideEta();
        }
        return builder.build();
    }

    private String shortName(String path) {
        String file = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        String shown = file.isEmpty() ? path : file;
        return shown.length() <= 32 ? shown : shown.substring(0, 14) + "..." + shown.substring(shown.length() - 15);
    }

    /** Ends the bar and erases it, if it was drawn. */
    @Override
    public void close() {
        bar.close();
    }

    /** Writes the bar over itself on one line of standard error, once it is visible. */
    private static final class ErrConsumer implements ProgressBarConsumer {
        private final PrintWriter err;
        private final int width;
        private final BooleanSupplier visible;
        private boolean drawn;

        ErrConsumer(PrintWriter err, int width, BooleanSupplier visible) {
            this.err = err;
            this.width = width;
            this.visible = visible;
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String rendered) {
            if (!drawn && !visible.getAsBoolean()) {
                return;
            }
            drawn = true;
            err.print('\r');
            err.print(rendered);
            err.flush();
        }

        @Override
        public void clear() {
            if (!drawn) {
                return;
            }
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
        }

        @Override
        public void close() {
            err.flush();
        }
    }
}
