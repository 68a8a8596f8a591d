package org.presslab.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.press.api.Quality;

/** The live hub's decimation and its bounded, never-blocking per-browser queues; session expiry. */
class LiveHubTest {

    private static StationSample sample(String station, long tNanos) {
        return new StationSample(station, tNanos, Instant.ofEpochMilli(tNanos / 1_000_000), 15e6, 1.2e3, 15e6, 0.5,
                Double.NaN, StationState.HOLDING, Quality.GOOD, false);
    }

    @Test
    void decimatesEachStationToTheConfiguredRate() throws Exception {
        LiveHub hub = new LiveHub(4, 20, 4096);
        LiveHub.Client c = hub.open("vera").orElseThrow();
        for (int i = 0; i < 100; i++) { // one second at 100 Hz, two stations
            hub.onSample(sample("a", i * 10_000_000L));
            hub.onSample(sample("b", i * 10_000_000L + 3_000_000L));
        }
        int a = 0;
        int b = 0;
        LiveHub.Message m;
        while ((m = c.poll(0)) != null) {
            String st = (String) ((Map<?, ?>) m.data()).get("station");
            if ("a".equals(st)) {
                a++;
            } else {
                b++;
            }
        }
        assertEquals(20, a, "one sample per 50 ms of station a");
        assertEquals(20, b, "and of station b, independently");
        assertEquals(0, c.dropped());
    }

    @Test
    void aSlowBrowserLosesItsOldestMessagesAloneAndNothingBlocks() throws Exception {
        LiveHub hub = new LiveHub(4, 100, 16);
        LiveHub.Client slow = hub.open("slow").orElseThrow();
        LiveHub.Client fast = hub.open("fast").orElseThrow();
        AtomicLong fastGot = new AtomicLong();
        long t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            hub.onSample(sample("a", i * 10_000_000L));
            while (fast.poll(0) != null) {
                fastGot.incrementAndGet();
            }
        }
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(tookMs < 5_000, "1000 offers to a full queue never wait: " + tookMs + " ms");
        assertEquals(1000, fastGot.get(), "the fast browser got everything");
        assertEquals(0, fast.dropped());
        assertEquals(1000 - 16, slow.dropped(), "the slow one lost all but its queue's worth");
        LiveHub.Message first = slow.poll(0);
        assertNotNull(first);
        assertEquals((1000L - 16) * 10, ((Map<?, ?>) first.data()).get("t"), "it keeps the newest, not the oldest");
    }

    @Test
    void limitsTheNumberOfStreams() {
        LiveHub hub = new LiveHub(2, 20, 64);
        LiveHub.Client one = hub.open("a").orElseThrow();
        hub.open("b").orElseThrow();
        assertTrue(hub.open("c").isEmpty());
        hub.close(one);
        assertTrue(hub.open("c").isPresent());
    }

    @Test
    void aSessionEndsAfterItsIdleTimeAndTheOldestGoesFirstWhenFull() {
        AtomicLong now = new AtomicLong();
        Sessions s = new Sessions(Duration.ofMinutes(30), 2, now::get);
        Sessions.Session a = s.create("vera", Role.VIEWER);
        now.addAndGet(Duration.ofMinutes(29).toNanos());
        assertTrue(s.find(a.id()).isPresent(), "29 min idle: alive, and the clock restarts");
        now.addAndGet(Duration.ofMinutes(29).toNanos());
        assertTrue(s.find(a.id()).isPresent());
        now.addAndGet(Duration.ofMinutes(31).toNanos());
        assertTrue(s.find(a.id()).isEmpty(), "31 min idle: gone");
        Sessions.Session b = s.create("b", Role.VIEWER);
        now.addAndGet(1);
        Sessions.Session c = s.create("c", Role.OPERATOR);
        now.addAndGet(1);
        s.create("d", Role.ADMIN);
        assertTrue(s.find(b.id()).isEmpty(), "full: the least recently used went");
        assertTrue(s.find(c.id()).isPresent());
        assertTrue(s.find(null).isEmpty());
        assertNull(s.find("").orElse(null));
        assertTrue(Sessions.same("x", "x") && !Sessions.same("x", "y") && !Sessions.same("x", null));
    }
}
