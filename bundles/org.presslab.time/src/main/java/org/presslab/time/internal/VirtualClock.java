package org.presslab.time.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

import org.presslab.time.Scheduled;
import org.presslab.time.TimeSource;
import org.presslab.time.VirtualTimeSource;

/**
 * Virtual time for tests, simulations and benchmarks. Nothing happens until a caller advances
 * time; then every task that falls due runs on the caller's thread, in deadline order (ties in
 * the order the tasks were first scheduled, so a plant scheduled before its controller always
 * steps first), and {@link #nanoTime()} reads each task's own deadline while
 * it runs. The result depends only on the tasks and the seed of any simulator: it is
 * deterministic.
 *
 * <p>Thread-safe: tasks may be scheduled and cancelled from any thread, but only one thread at a
 * time should advance time.
 */
public final class VirtualClock implements VirtualTimeSource {

    private final Instant epoch;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    /** Starts at monotonic time 0, which corresponds to {@code epoch}. */
    public VirtualClock(Instant epoch) {
        this.epoch = epoch;
    }

    /** Starts at 2026-01-01T00:00:00Z. */
    public VirtualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Instant now() {
        return epoch.plusNanos(now);
    }

    @Override
    public synchronized Scheduled scheduleAtFixedRate(String name, long periodNanos, Runnable task) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive, was " + periodNanos + " ns");
        }
        Entry e = new Entry(name, now + periodNanos, periodNanos, task, sequence++);
        queue.add(e);
        return e;
    }

    @Override
    public synchronized Scheduled schedule(String name, long delayNanos, Runnable task) {
        Entry e = new Entry(name, now + Math.max(0, delayNanos), 0, task, sequence++);
        queue.add(e);
        return e;
    }

    /** Advances time by {@code nanos}, running every task that falls due, in order. */
    @Override
    public void advanceNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time only moves forward");
        }
        long target;
        synchronized (this) {
            target = now + nanos;
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.deadline > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.deadline;
                if (next.cancelled) {
                    continue;
                }
            }
            next.task.run();
            synchronized (this) {
                next.runs++;
                if (next.period > 0 && !next.cancelled) {
                    next.deadline += next.period;
                    queue.add(next);
                } else {
                    next.cancelled = true;
                }
            }
        }
    }

    @Override
    public void advance(Duration d) {
        advanceNanos(d.toNanos());
    }

    @Override
    public void advanceSeconds(double seconds) {
        advanceNanos(TimeSource.seconds(seconds));
    }

    @Override
    public synchronized int pendingTasks() {
        return (int) queue.stream().filter(e -> !e.cancelled).count();
    }

    private final class Entry implements Scheduled, Comparable<Entry> {
        final String name;
        final long period;
        final Runnable task;
        long deadline;
        long seq;
        long runs;
        boolean cancelled;

        Entry(String name, long deadline, long period, Runnable task, long seq) {
            this.name = name;
            this.deadline = deadline;
            this.period = period;
            this.task = task;
            this.seq = seq;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            synchronized (VirtualClock.this) {
                cancelled = true;
                queue.remove(this);
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (VirtualClock.this) {
                return cancelled;
            }
        }

        @Override
        public long runs() {
            synchronized (VirtualClock.this) {
                return runs;
            }
        }

        @Override
        public long overruns() {
            return 0;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
