package org.presslab.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Behaviour only; timing quality is measured by the control benchmark, not here. */
class SystemTimeSourceTest {

    private final TimeSource time = TimeSources.system();

    @Test
    void periodicTaskRunsUntilCancelledAndSurvivesExceptions() throws InterruptedException {
        CountDownLatch five = new CountDownLatch(5);
        AtomicInteger runs = new AtomicInteger();
        Scheduled s = time.scheduleAtFixedRate("test-loop", 1_000_000L, () -> {
            runs.incrementAndGet();
            five.countDown();
            throw new IllegalStateException("a failing run must not end the schedule");
        });
        assertTrue(five.await(10, TimeUnit.SECONDS), "five runs despite every run throwing");
        s.cancel();
        Thread.sleep(20);
        int after = runs.get();
        Thread.sleep(50);
        assertEquals(after, runs.get(), "no runs after cancel");
        assertTrue(s.isCancelled());
    }

    @Test
    void aFailureThatBreaksLoggingDoesNotEndTheSchedule() throws InterruptedException {
        // An exception whose message cannot be computed makes the logger itself throw, as a
        // logging bundle being refreshed under a running loop does (NoClassDefFoundError).
        CountDownLatch three = new CountDownLatch(3);
        Scheduled s = time.scheduleAtFixedRate("test-unloggable", 1_000_000L, () -> {
            three.countDown();
            throw new UnloggableError();
        });
        try {
            assertTrue(three.await(10, TimeUnit.SECONDS), "the thread survived failures that broke logging");
        } finally {
            s.cancel();
        }
    }

    /** An Error that throws when anyone asks for its message or its text. */
    private static final class UnloggableError extends Error {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new NoClassDefFoundError("org/slf4j/helpers/MessageFormatter (bundle refreshed)");
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    @Test
    void oneShotRunsOnce() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Scheduled s = time.schedule("once", 1_000_000L, done::countDown);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        Thread.sleep(20);
        assertEquals(1, s.runs());
    }

    @Test
    void wallClockAgreesWithTheSystem() {
        Duration skew = Duration.between(Instant.now(), time.now()).abs();
        assertTrue(skew.toMillis() < 1000, "skew " + skew);
    }
}
