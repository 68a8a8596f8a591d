package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;

/**
 * A consumer that falls behind loses its own oldest samples, counted, and never an event; the loop's
 * ring never waits for anyone. Deterministic: the listener's delivery schedule is simply not run.
 */
class SlowConsumerTest {

    @Test
    void aListenerThatFallsBehindLosesOnlyItsOwnOldestSamples() throws Exception {
        try (Harness h = new Harness(Harness.settings("sim-press-1"))) {
            h.bind(h.press("sim-press-1", 5));
            h.run(1);
            List<StationSample> got = new ArrayList<>();
            List<StationEvent> events = new ArrayList<>();
            ListenerChannel stuck = new ListenerChannel(new StationListener() {
                @Override
                public void onSample(StationSample s) {
                    got.add(s);
                }

                @Override
                public void onEvent(StationEvent e) {
                    events.add(e);
                }
            }, "st-1", TimeSources.virtual()); // its schedule never runs: a consumer that is stuck
            for (int i = 0; i < ListenerChannel.SAMPLE_CAPACITY + 5000; i++) {
                stuck.offerSample(new StationSample("st-1", i, null, i, 0, 0, 0, 0, null, null, false));
            }
            for (int i = 0; i < 100; i++) {
                stuck.offerEvent(new StationEvent("st-1", java.time.Instant.EPOCH, org.presslab.control.api.StationEventType.STATE_CHANGED, "e" + i, null));
            }
            assertEquals(5000, stuck.dropped());
            stuck.deliver();
            assertEquals(100, events.size(), "no event lost");
            assertEquals(ListenerChannel.SAMPLE_CAPACITY, got.size());
            assertEquals(5000, got.get(0).timeNanos(), "the oldest were dropped, the newest kept in order");
            // Meanwhile the station's own listeners and loop went on: a full second of samples, none dropped.
            long before = h.station.ring.written();
            h.run(1);
            assertEquals(100, h.station.ring.written() - before);
            assertEquals(0, h.station.droppedSamples());
        }
    }

    @Test
    void theRingSkipsAndCountsWhatAStalledDispatcherMissed() {
        SampleRing ring = new SampleRing(64);
        for (int i = 0; i < 200; i++) {
            ring.put(i, i, 0, 0, 0, 0, 0, 0, 0, false);
        }
        long[] first = { -1 };
        int[] n = { 0 };
        ring.drain((t, p, f, sp, out, temp, pos, st, q, g) -> {
            if (first[0] < 0) {
                first[0] = t;
            }
            n[0]++;
        });
        assertTrue(ring.dropped() >= 136, "dropped " + ring.dropped());
        assertEquals(200, ring.dropped() + n[0]);
        assertEquals(199, first[0] + n[0] - 1, "the newest samples, in order");
    }
}
