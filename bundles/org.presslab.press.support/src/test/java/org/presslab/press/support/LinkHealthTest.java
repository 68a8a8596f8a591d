package org.presslab.press.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.DeviceHealth;

class LinkHealthTest {

    @Test
    void startsConnectingAndAnAnsweringDeviceIsConnected() {
        LinkHealth h = new LinkHealth();
        assertEquals(ConnectionState.CONNECTING, h.state());
        h.connecting("opening /dev/ttyUSB0");
        assertEquals("opening /dev/ttyUSB0", h.health().message());
        h.answered(false);
        h.up(bad -> {
            throw new AssertionError("no DEGRADED message asked for a clean window");
        });
        assertEquals(DeviceHealth.connected().state(), h.state());
        assertEquals("", h.health().message());
        assertTrue(h.present());
    }

    @Test
    void troubledExchangesInTheWindowDegradeAndSlideOut() {
        LinkHealth h = new LinkHealth(5, 2, 3);
        h.answered(true);
        h.up(bad -> "x");
        assertEquals(ConnectionState.CONNECTED, h.state(), "one troubled exchange of 5 is below degradedAt 2");
        h.answered(true);
        h.up(bad -> bad + " of the last " + h.window() + " polls needed retries");
        assertEquals(ConnectionState.DEGRADED, h.state());
        assertEquals("2 of the last 5 polls needed retries", h.health().message());
        assertEquals(2, h.troubled());
        for (int i = 0; i < 3; i++) {
            h.answered(false);
            h.up(bad -> bad + " troubled");
            assertEquals(ConnectionState.DEGRADED, h.state(), "both troubled ones still in the window after " + (i + 1));
        }
        h.answered(false); // the first troubled one slides out
        h.up(bad -> bad + " troubled");
        assertEquals(ConnectionState.CONNECTED, h.state());
        assertEquals(1, h.troubled());
        h.answered(false);
        assertEquals(0, h.troubled());
    }

    @Test
    void consecutiveFailuresMakeTheLinkLostAndAnAnswerResetsThem() {
        LinkHealth h = new LinkHealth(20, 2, 3);
        assertEquals(1, h.unanswered());
        assertFalse(h.lost());
        assertEquals(2, h.unanswered());
        assertFalse(h.lost());
        assertEquals(3, h.unanswered());
        assertTrue(h.lost(), "3 in a row with disconnectAfter 3");
        assertEquals(3, h.troubled(), "unanswered exchanges are troubled ones too");
        h.answered(false);
        assertEquals(0, h.consecutiveFailures());
        assertFalse(h.lost());
        assertEquals(1, h.unanswered(), "counting starts again");
        LinkHealth once = new LinkHealth(1, 1, 1);
        once.unanswered();
        assertTrue(once.lost());
    }

    @Test
    void eachPublicationSaysWhatTheDriverSays() {
        LinkHealth h = new LinkHealth();
        h.degraded("poll failed after 3 tries");
        assertEquals(ConnectionState.DEGRADED, h.state());
        h.disconnected("3 polls failed in a row");
        assertEquals(ConnectionState.DISCONNECTED, h.state());
        assertEquals("3 polls failed in a row", h.health().message());
        assertTrue(h.present(), "a silent device is still there: its service stays registered");
        h.fault("alarm bits 0x0004", List.of("alarm bits 0x0004", "overload"));
        assertEquals(ConnectionState.FAULT, h.state());
        assertEquals(List.of("alarm bits 0x0004", "overload"), h.health().faults());
        h.gone("/dev/ttyUSB0 vanished");
        assertEquals(ConnectionState.DISCONNECTED, h.state());
        assertFalse(h.present());
        h.disconnected("still nothing");
        assertFalse(h.present(), "disconnected() does not bring the port back");
        h.degraded("x");
        assertFalse(h.present(), "nor does degraded()");
        h.fault("exception 2", List.of("exception 2"));
        assertTrue(h.present(), "a device that answers with a fault is there");
        h.gone("again");
        h.up(bad -> "");
        assertTrue(h.present());
        assertThrows(NullPointerException.class, () -> h.up(null));
    }

    @Test
    void countersAndGaugesComeWithTheHealthInTheirOrder() {
        LinkHealth h = new LinkHealth();
        LinkHealth.Counter polls = h.counter("polls");
        LinkHealth.Counter timeouts = h.counter("timeouts");
        AtomicLong reopens = new AtomicLong(7);
        h.gauge("reconnects", reopens::get);
        polls.increment();
        polls.increment();
        timeouts.add(5);
        reopens.incrementAndGet();
        assertEquals(List.of("polls", "timeouts", "reconnects"), new ArrayList<>(h.counters().keySet()));
        assertEquals(Map.of("polls", 2L, "timeouts", 5L, "reconnects", 8L), h.health().counters());
        assertEquals("timeouts", timeouts.name());
        assertEquals(5, timeouts.getAsLong());
        assertThrows(IllegalArgumentException.class, () -> h.counter("polls"));
        assertThrows(IllegalArgumentException.class, () -> h.gauge("reconnects", () -> 0));
        assertThrows(NullPointerException.class, () -> h.gauge("other", null));
    }

    @Test
    void theRulesMustMakeSense() {
        assertThrows(IllegalArgumentException.class, () -> new LinkHealth(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LinkHealth(5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new LinkHealth(5, 6, 1));
        assertThrows(IllegalArgumentException.class, () -> new LinkHealth(5, 2, 0));
        LinkHealth d = new LinkHealth();
        assertEquals(20, d.window());
        assertEquals(2, d.degradedAt());
        assertEquals(3, d.disconnectAfter());
    }

    @Test
    void theListenerIsToldOfChangesOnlyAndALateListenerOfAnAbsentDevice() {
        LinkHealth h = new LinkHealth();
        List<Boolean> told = Collections.synchronizedList(new ArrayList<>());
        h.onAvailability(told::add);
        assertEquals(List.of(), told, "present, as the listener assumes: nothing to tell");
        h.up(bad -> "");
        h.gone("vanished");
        h.gone("still vanished");
        h.disconnected("no answer");
        h.up(bad -> "");
        h.up(bad -> "");
        h.fault("overload", List.of("overload"));
        assertEquals(List.of(false, true), told);

        h.gone("vanished");
        List<Boolean> late = new ArrayList<>();
        h.onAvailability(late::add);
        assertEquals(List.of(false), late, "a listener set while the device is gone is told at once");
        assertEquals(List.of(false, true, false), told, "the listener before was told, then replaced");
    }

    @Test
    void aListenerThatThrowsDoesNotStopThePublicationOrLaterNews() {
        LinkHealth h = new LinkHealth();
        List<Boolean> told = new ArrayList<>();
        h.onAvailability(p -> {
            told.add(p);
            throw new IllegalStateException("listener bug");
        });
        h.gone("vanished");
        assertEquals(ConnectionState.DISCONNECTED, h.state());
        assertFalse(h.present());
        h.up(bad -> "");
        assertEquals(ConnectionState.CONNECTED, h.state());
        assertEquals(List.of(false, true), told);
    }

    /**
     * Several threads record and publish at once while others read: the window's running count stays
     * true to its contents (a clean window afterwards counts 0, a full bad one counts the window), no
     * counter increment is lost, and readers only ever see published states.
     */
    @Test
    void concurrentRecordingPublishingAndReading() throws Exception {
        LinkHealth h = new LinkHealth(20, 2, 3);
        LinkHealth.Counter polls = h.counter("polls");
        int recorders = 4;
        int each = 20_000;
        Set<ConnectionState> publishable = Set.of(ConnectionState.CONNECTED, ConnectionState.DEGRADED,
                ConnectionState.DISCONNECTED, ConnectionState.CONNECTING);
        AtomicInteger recording = new AtomicInteger(recorders);
        AtomicInteger reads = new AtomicInteger();
        RealThreads.Task recorder = () -> {
            try {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < each; i++) {
                    polls.increment();
                    if (rnd.nextInt(4) == 0) {
                        if (h.unanswered() >= h.disconnectAfter()) {
                            h.disconnected("lost");
                        } else {
                            h.degraded("failed");
                        }
                    } else {
                        h.answered(rnd.nextBoolean());
                        h.up(bad -> {
                            if (bad < h.degradedAt() || bad > h.window()) {
                                throw new AssertionError("DEGRADED message asked with " + bad + " troubled");
                            }
                            return bad + " troubled";
                        });
                    }
                }
            } finally {
                recording.decrementAndGet();
            }
        };
        RealThreads.Task reader = () -> {
            while (recording.get() > 0 || reads.get() == 0) {
                DeviceHealth d = h.health();
                if (!publishable.contains(d.state())) {
                    throw new AssertionError("never published: " + d);
                }
                int bad = h.troubled();
                if (bad < 0 || bad > 20) {
                    throw new AssertionError("window count out of range: " + bad);
                }
                reads.incrementAndGet();
            }
        };
        RealThreads.race(Duration.ofSeconds(30), RealThreads.all(RealThreads.times(recorders, recorder), reader));
        assertEquals((long) recorders * each, h.health().counters().get("polls"), "no increment lost");
        for (int i = 0; i < 20; i++) {
            h.answered(false);
        }
        assertEquals(0, h.troubled(), "a clean window counts 0: the running count matched the window all along");
        assertEquals(0, h.consecutiveFailures());
        for (int i = 0; i < 20; i++) {
            h.answered(true);
        }
        assertEquals(20, h.troubled());
        assertTrue(reads.get() > 0);
    }

    /**
     * Threads flip the device between gone and back at once: the listener is never called by two
     * threads at a time, what it is told alternates (never "gone" twice in a row), and once the
     * threads are done it agrees with the last state.
     */
    @Test
    void presenceNewsFromSeveralThreadsIsSerialAlternatingAndEndsRight() throws Exception {
        for (int round = 0; round < 10; round++) {
            LinkHealth h = new LinkHealth();
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            List<Boolean> told = Collections.synchronizedList(new ArrayList<>());
            h.onAvailability(p -> {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                told.add(p);
                Thread.onSpinWait();
                inside.decrementAndGet();
            });
            RealThreads.race(Duration.ofSeconds(30), RealThreads.times(4, () -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < 500; i++) {
                    if (rnd.nextBoolean()) {
                        h.gone("vanished");
                    } else {
                        h.up(bad -> "");
                    }
                }
            }));
            assertEquals(0, overlaps.get(), "the listener was never called by two threads at once");
            List<Boolean> seen = new ArrayList<>(told);
            boolean last = true;
            for (Boolean b : seen) {
                assertTrue(b != last, "told " + b + " twice in a row: " + seen);
                last = b;
            }
            assertEquals(h.present(), last, "the listener's last news is the device's state");
        }
    }
}
