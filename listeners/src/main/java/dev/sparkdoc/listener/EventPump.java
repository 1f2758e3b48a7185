package dev.sparkdoc.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;

/**
 * Hands Spark's events from its listener bus thread to one daemon thread of the listener's own, through a bounded
 * queue. {@link #offer} is O(1) and never blocks: when the queue is full the event is dropped and counted.
 *
 * <p>The thread drains the queue, then sleeps up to {@value #IDLE_PARK_MILLIS} ms. A wake-up costs the thread a timer
 * and two context switches, many task ends' worth of work: with 5 ms sleeps, as before, the listener thread's CPU in
 * the benchmark job was 0.66-0.77 s per run, with 50 ms 0.55-0.74 s (docs/performance.md). Rather than wake often
 * to keep the queue short, it lets Spark's bus thread wake it early once the queue is a quarter full, so that a
 * burst cannot fill the queue while it sleeps.
 *
 * <p>The daemon thread catches every {@link Throwable}: errors are counted and the first is logged; an
 * {@link OutOfMemoryError} or other {@link VirtualMachineError} turns the listener off and frees its state rather than
 * risk the driver.
 *
 * @param <E> the event type
 */
final class EventPump<E> {

    /** What the daemon thread does with events. */
    interface Handler<E> {
        void handle(E event) throws Exception;

        /** Called when the queue is momentarily empty (at most every 50 ms while it stays empty). */
        void idle();

        /** Called once when the listener gives up after a VirtualMachineError: drop all state. */
        void disable();
    }

    /** How long the thread sleeps when the queue is empty: the latency it adds, at most, unless the queue fills. */
    static final long IDLE_PARK_MILLIS = 50;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(IDLE_PARK_MILLIS);
    private static final int BATCH = 256;

    private final BlockingQueue<E> queue;
    /** Set by {@link #start} (before the thread starts, which publishes it to the thread). */
    private Handler<E> handler;
    private final ListenerHealth health;
    private final Logger log;
    private final Thread thread;
    private final AtomicBoolean errorLogged = new AtomicBoolean();
    /** Dropped events said so far in the log (from the listener's thread only): the first drop, then the total. */
    private long droppedLogged;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Queued events at which {@link #offer} wakes the sleeping thread: a quarter of the capacity. */
    private final int wakeAt;
    /**
     * While the thread sleeps, {@link #offer} looks at the queue's size once per this many plus one offers (at most
     * 64, an eighth of {@link #wakeAt} or less): each look takes the queue's lock again, which cost Spark's bus thread
     * 30-40 ns per event in the replay benchmark when done on every offer.
     */
    private final int sizeCheckMask;
    /** Offers so far; from the bus thread only. */
    private int offers;
    private volatile boolean started;
    private volatile boolean disabled;
    private volatile boolean stopping;
    /** Whether the thread is (about to be) asleep; read by {@link #offer} before it looks at the queue's size. */
    private volatile boolean sleeping;

    /**
     * A pump whose queue takes events at once; its thread handles them from {@link #start} on. Until then events wait
     * in the queue (or are dropped and counted once it is full).
     */
    EventPump(int capacity, ListenerHealth health, Logger log) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.wakeAt = Math.max(1, capacity / 4);
        this.sizeCheckMask = Integer.highestOneBit(Math.min(64, Math.max(1, wakeAt / 8))) - 1;
        this.health = health;
        this.log = log;
        this.thread = new Thread(this::run, "sparkdoc-listener");
        thread.setDaemon(true);
    }

    void start(Handler<E> eventHandler) {
        this.handler = eventHandler;
        started = true;
        thread.start();
    }

    /**
     * From Spark's bus thread: queues the event, or drops and counts it, and wakes the listener's thread soon after
     * the queue reaches {@link #wakeAt}. Never blocks, never throws.
     */
    void offer(E event) {
        if (disabled) {
            return;
        }
        if (!queue.offer(event)) {
            health.countDropped();
        } else if (sleeping && (++offers & sizeCheckMask) == 0 && queue.size() >= wakeAt) {
            sleeping = false;
            LockSupport.unpark(thread);
        }
    }

    /**
     * Queues a last event (the application end) that must not be dropped, waiting up to {@code timeoutMillis} for
     * room, then up to the rest of it for the thread to have handled everything and stopped. Returns whether it did.
     */
    boolean offerLastAndAwait(E event, long timeoutMillis) throws InterruptedException {
        if (disabled || !started) {
            // Never started (the driver failed to start after the plugin registered the listener): nothing to await.
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (!queue.offer(event, timeoutMillis, TimeUnit.MILLISECONDS)) {
            health.countDropped();
            return false;
        }
        stopping = true;
        LockSupport.unpark(thread);
        long left = Math.max(0, deadline - System.nanoTime());
        return stopped.await(left, TimeUnit.NANOSECONDS);
    }

    int queued() {
        return queue.size();
    }

    boolean isDisabled() {
        return disabled;
    }

    private void run() {
        List<E> batch = new ArrayList<>(BATCH);
        try {
            while (!disabled) {
                if (queue.drainTo(batch, BATCH) == 0) {
                    safely(handler::idle, "idle");
                    if (stopping && queue.isEmpty()) {
                        return;
                    }
                    // Sleep rather than wait on the queue: Spark's bus thread then does not have to wake this one
                    // up for every event, which would cost a context switch per event on a busy driver. The size is
                    // checked again after announcing the sleep: an offer in between may have seen sleeping false.
                    sleeping = true;
                    if (queue.size() < wakeAt) {
                        LockSupport.parkNanos(IDLE_PARK_NANOS);
                    }
                    sleeping = false;
                    continue;
                }
                // Timed per batch, not per event: two clock reads per event would cost about as much as a task end's
                // whole conversion.
                long start = System.nanoTime();
                int handled = 0;
                for (E event : batch) {
                    if (disabled) {
                        break;
                    }
                    handle(event);
                    handled++;
                }
                health.processed(handled, System.nanoTime() - start);
                batch.clear();
                if (droppedLogged == 0) {
                    // Once per batch, one read: the first drop is said when it happens, not only in the report.
                    logDropped("dropped");
                }
            }
        } finally {
            logDropped("dropped in all");
            stopped.countDown();
        }
    }

    /** Logs the events dropped so far, if more than last said: the first drop and, at the end, the total. */
    private void logDropped(String what) {
        long dropped = health.dropped();
        if (dropped > droppedLogged) {
            droppedLogged = dropped;
            log.warn("sparkdoc: the listener's queue was full: {} events {} so far; findings and the report will be"
                    + " incomplete (raise spark.sparkdoc.queue.capacity, or give the driver more CPU)", dropped, what);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /** {@link #safely} for one event, without allocating on the way (it runs for every event). */
    private void handle(E event) {
        try {
            handler.handle(event);
        } catch (Throwable error) {
            failed(error, event.getClass().getSimpleName());
        }
    }

    private void safely(Action action, String what) {
        try {
            action.run();
        } catch (Throwable error) {
            failed(error, what);
        }
    }

    private void failed(Throwable error, String what) {
        if (error instanceof VirtualMachineError fatal) {
            health.countError();
            disabled = true;
            queue.clear();
            try {
                handler.disable();
            } catch (Throwable ignored) {
                // Nothing more can be done; the listener is off.
            }
            log.error("sparkdoc: the listener ran out of resources ({}) and has turned itself off; the job goes on"
                    + " without it. Give the driver more memory or lower spark.sparkdoc.queue.capacity.",
                    fatal.toString());
        } else {
            health.countError();
            if (errorLogged.compareAndSet(false, true)) {
                log.warn("sparkdoc: error while processing " + what + " (the job is not affected; this and later"
                        + " errors are counted in sparkdoc_listener_errors_total, only this one is logged)", error);
            }
        }
    }
}
