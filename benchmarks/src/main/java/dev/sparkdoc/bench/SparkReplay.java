package dev.sparkdoc.bench;

import java.nio.file.Path;

/**
 * Spark's own replay as a whole process, the baseline of {@link ProcessBenchmark}: {@code ReplayListenerBus} into a
 * listener that only counts, on the stream the History Server would open ({@link Sides#spark} without its heap
 * measurement, which would add full collections to the process's time). Prints the events and successful tasks it
 * saw, so that a run that read nothing cannot pass for a fast one.
 */
public final class SparkReplay {

    private SparkReplay() {
    }

    /** {@code SparkReplay LOG}: a single plain or compressed event log file. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SparkReplay LOG");
            System.exit(2);
        }
        Sides.Replayed replayed = Sides.replay(Path.of(args[0]));
        System.out.println("events=" + replayed.events() + " successfulTasks=" + replayed.successfulTasks());
    }
}
