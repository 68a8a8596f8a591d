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

    private final SystemTimeSource time = new SystemTimeSource();

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
