package dev.sparkdoc.listener;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A count only the listener's own thread adds to, read from other threads (a scrape, a test): a plain add and an
 * ordered store, where a shared atomic counter costs a locked update on the hottest path (several per task end).
 */
final class SingleWriterCounter {

    private final AtomicLong value = new AtomicLong();

    /** From the listener's thread only. */
    void add(long delta) {
        if (delta != 0) {
            value.setRelease(value.getPlain() + delta);
        }
    }

    long get() {
        return value.getAcquire();
    }
}
