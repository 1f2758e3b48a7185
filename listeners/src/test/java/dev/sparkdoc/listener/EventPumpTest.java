package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The hand-off from Spark's bus thread: never blocks, never throws, drops and counts when full, survives errors. */
class EventPumpTest {

    private final ListenerHealth health = new ListenerHealth();
    private final List<String> handled = new CopyOnWriteArrayList<>();

    @Test
    void aFullQueueDropsAndCountsWithoutBlockingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstTaken = new CountDownLatch(1);
        EventPump<String> pump = started(2, event -> {
            firstTaken.countDown();
            release.await();
            handled.add(event);
        });
        pump.offer("e0");
        assertTrue(firstTaken.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        for (int i = 1; i <= 10; i++) {
            pump.offer("e" + i);
        }
        long offerMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(offerMillis < 100, "offering to a full queue took " + offerMillis + " ms");
        assertEquals(8, health.dropped(), "two queued behind the blocked one, eight dropped");
        release.countDown();
        assertTrue(pump.offerLastAndAwait("end", 10_000));
        assertEquals(List.of("e0", "e1", "e2", "end"), handled);
        assertEquals(4, health.processed());
    }

    @Test
    void aBurstWakesTheSleepingThreadBeforeTheQueueFills() throws Exception {
        AtomicInteger count = new AtomicInteger();
        EventPump<String> pump = started(2_000, event -> count.incrementAndGet());
        Thread.sleep(2 * EventPump.IDLE_PARK_MILLIS);
        // One event per 20 µs: the queue fills in 40 ms, and 2,500 events come in one 50 ms sleep.
        long next = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
            }
            next += 20_000;
            pump.offer("e");
        }
        assertTrue(pump.offerLastAndAwait("end", 10_000));
        assertEquals(0, health.dropped(), "the bus thread woke the listener's thread when the queue was a quarter full");
        assertEquals(10_001, count.get());
    }

    @Test
    void errorsAreCountedAndProcessingGoesOn() throws Exception {
        EventPump<String> pump = started(100, event -> {
            if (event.startsWith("bad")) {
                throw new IllegalStateException("cannot handle " + event);
            }
            handled.add(event);
        });
        for (String event : List.of("a", "bad1", "b", "bad2", "c")) {
            pump.offer(event);
        }
        assertTrue(pump.offerLastAndAwait("end", 10_000));
        assertEquals(List.of("a", "b", "c", "end"), handled);
        assertEquals(2, health.errors());
    }

    @Test
    void runningOutOfMemoryTurnsTheListenerOffInsteadOfHurtingTheDriver() throws Exception {
        CountDownLatch disabled = new CountDownLatch(1);
        EventPump<String> pump = new EventPump<>(100, health, LoggerFactory.getLogger(EventPumpTest.class));
        pump.start(new EventPump.Handler<>() {
            @Override
            public void handle(String event) {
                if (event.equals("huge")) {
                    throw new OutOfMemoryError("Java heap space (simulated)");
                }
                handled.add(event);
            }

            @Override
            public void idle() {
            }

            @Override
            public void disable() {
                disabled.countDown();
            }
        });
        pump.offer("a");
        pump.offer("huge");
        assertTrue(disabled.await(10, TimeUnit.SECONDS));
        assertTrue(pump.isDisabled());
        pump.offer("b");
        assertTrue(pump.offerLastAndAwait("end", 1_000), "a disabled pump does not make the application wait");
        assertEquals(List.of("a"), handled);
        assertEquals(1, health.errors());
        assertEquals(0, pump.queued());
    }

    private interface Body {
        void handle(String event) throws Exception;
    }

    /**
     * The plugin's order: the pump is registered (and Spark hands it events) before the application id is known, and
     * its thread starts once it is. The early events wait, none is lost, and the order holds.
     */
    @Test
    void eventsOfferedBeforeTheStartAreHandledInOrderAfterIt() throws Exception {
        EventPump<String> pump = new EventPump<>(100, health, LoggerFactory.getLogger(EventPumpTest.class));
        pump.offer("early1");
        pump.offer("early2");
        Thread.sleep(2 * EventPump.IDLE_PARK_MILLIS);
        assertEquals(List.of(), handled, "nothing is handled before the start");
        pump.start(handler(handled::add));
        pump.offer("late");
        assertTrue(pump.offerLastAndAwait("end", 10_000));
        assertEquals(List.of("early1", "early2", "late", "end"), handled);
        assertEquals(0, health.dropped());
    }

    /** A full queue is said in the driver's log when the first drop is seen, and the total once more at the end. */
    @Test
    void droppedEventsAreLoggedWithTheirCountOnceAndTheTotalAtTheEnd() throws Exception {
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.slf4j.Logger recording = (org.slf4j.Logger) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.slf4j.Logger.class}, (proxy, method, args) -> {
                    if (method.getName().equals("warn") && args != null && args.length == 3) {
                        warnings.add(org.slf4j.helpers.MessageFormatter.format((String) args[0], args[1], args[2])
                                .getMessage());
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
        EventPump<String> pump = new EventPump<>(2, health, recording);
        for (int i = 0; i < 5; i++) {
            pump.offer("early" + i);
        }
        assertEquals(3, health.dropped(), "a queue of 2 before the start keeps 2 of 5");
        pump.start(handler(handled::add));
        assertTrue(pump.offerLastAndAwait("end", 10_000));
        assertEquals(List.of("early0", "early1", "end"), handled);
        assertEquals(List.of("sparkdoc: the listener's queue was full: 3 events dropped so far; findings and the report"
                + " will be incomplete (raise spark.sparkdoc.queue.capacity, or give the driver more CPU)"), warnings,
                "one line for the first drops; no total line when nothing more was dropped");
    }

    private EventPump<String> started(int capacity, Body body) {
        EventPump<String> pump = new EventPump<>(capacity, health, LoggerFactory.getLogger(EventPumpTest.class));
        pump.start(handler(body));
        return pump;
    }

    private static EventPump.Handler<String> handler(Body body) {
        return new EventPump.Handler<>() {
            @Override
            public void handle(String event) throws Exception {
                body.handle(event);
            }

            @Override
            public void idle() {
            }

            @Override
            public void disable() {
            }
        };
    }
}
