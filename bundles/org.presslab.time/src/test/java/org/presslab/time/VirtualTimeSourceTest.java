package org.presslab.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class VirtualTimeSourceTest {

    @Test
    void periodicTasksRunAtTheirDeadlinesInOrder() {
        VirtualTimeSource time = TimeSources.virtual();
        List<String> log = new ArrayList<>();
        time.scheduleAtFixedRate("fast", 10_000_000L, () -> log.add("fast@" + time.nanoTime() / 1_000_000));
        time.scheduleAtFixedRate("slow", 25_000_000L, () -> log.add("slow@" + time.nanoTime() / 1_000_000));

        time.advanceNanos(50_000_000L);

        assertEquals(List.of("fast@10", "fast@20", "slow@25", "fast@30", "fast@40", "fast@50", "slow@50"), log);
        assertEquals(50_000_000L, time.nanoTime());
    }

    @Test
    void tiesRunInTheOrderTheyWereScheduled() {
        VirtualTimeSource time = TimeSources.virtual();
        List<String> log = new ArrayList<>();
        time.schedule("a", 5, () -> log.add("a"));
        time.schedule("b", 5, () -> log.add("b"));
        time.advanceNanos(5);
        assertEquals(List.of("a", "b"), log);
    }

    @Test
    void cancelledTaskStopsAndOneShotRunsOnce() {
        VirtualTimeSource time = TimeSources.virtual();
        int[] count = new int[2];
        Scheduled periodic = time.scheduleAtFixedRate("p", 1_000, () -> count[0]++);
        Scheduled once = time.schedule("o", 2_500, () -> count[1]++);
        time.advanceNanos(3_000);
        periodic.cancel();
        time.advanceNanos(10_000);
        assertEquals(3, count[0]);
        assertEquals(1, count[1]);
        assertEquals(3, periodic.runs());
        assertTrue(periodic.isCancelled());
        assertTrue(once.isCancelled());
        assertEquals(0, time.pendingTasks());
    }

    @Test
    void taskMayScheduleAndCancelDuringAdvance() {
        VirtualTimeSource time = TimeSources.virtual();
        List<Long> log = new ArrayList<>();
        time.schedule("first", 100, () -> time.schedule("second", 50, () -> log.add(time.nanoTime())));
        time.advanceNanos(1_000);
        assertEquals(List.of(150L), log);
    }

    @Test
    void wallClockFollowsVirtualTime() {
        Instant epoch = Instant.parse("2026-03-01T12:00:00Z");
        VirtualTimeSource time = TimeSources.virtual(epoch);
        time.advanceSeconds(90.5);
        assertEquals(epoch.plusMillis(90_500), time.now());
    }

    @Test
    void timeOnlyMovesForward() {
        VirtualTimeSource time = TimeSources.virtual();
        assertThrows(IllegalArgumentException.class, () -> time.advanceNanos(-1));
        assertThrows(IllegalArgumentException.class, () -> time.scheduleAtFixedRate("x", 0, () -> { }));
    }

    @Test
    void hoursOfTenKilohertzTicksStayExact() {
        VirtualTimeSource time = TimeSources.virtual();
        long[] ticks = {0};
        time.scheduleAtFixedRate("loop", 100_000L, () -> ticks[0]++);
        time.advanceSeconds(3600);
        assertEquals(36_000_000L, ticks[0]);
    }
}
