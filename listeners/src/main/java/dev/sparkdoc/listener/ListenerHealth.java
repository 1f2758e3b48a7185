package dev.sparkdoc.listener;

import java.util.concurrent.atomic.AtomicLong;

/** The listener's own health counters, written from Spark's bus thread (drops) and the listener's thread. */
final class ListenerHealth {

    private final SingleWriterCounter processed = new SingleWriterCounter();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final SingleWriterCounter processingNanos = new SingleWriterCounter();
    private final AtomicLong diagnoses = new AtomicLong();
    private final AtomicLong diagnosisNanos = new AtomicLong();

    /** One diagnosis of the whole application (part of the processing time too). */
    void diagnosed(long nanos) {
        diagnoses.incrementAndGet();
        diagnosisNanos.addAndGet(nanos);
    }

    long diagnoses() {
        return diagnoses.get();
    }

    long diagnosisNanos() {
        return diagnosisNanos.get();
    }

    /** {@code events} handled in {@code nanos}; from the listener's thread only. */
    void processed(int events, long nanos) {
        processed.add(events);
        processingNanos.add(nanos);
    }

    void countDropped() {
        dropped.incrementAndGet();
    }

    void countError() {
        errors.incrementAndGet();
    }

    long processed() {
        return processed.get();
    }

    long dropped() {
        return dropped.get();
    }

    long errors() {
        return errors.get();
    }

    long processingNanos() {
        return processingNanos.get();
    }
}
