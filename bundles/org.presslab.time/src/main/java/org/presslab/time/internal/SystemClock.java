package org.presslab.time.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.presslab.time.Scheduled;
import org.presslab.time.TimeSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real time. Each scheduled task gets its own daemon thread that sleeps to absolute deadlines
 * ({@code start + k·period}), so the loop rate does not drift with the task's own run time and
 * one task's slowness never delays another.
 */
public final class SystemClock implements TimeSource {

    private static final Logger LOG = LoggerFactory.getLogger(SystemClock.class);

    /** The offset that turns {@link System#nanoTime()} into epoch nanoseconds, fixed at creation. */
    private final long epochOffsetNanos;

    public SystemClock() {
        Instant wall = Instant.now();
        long mono = System.nanoTime();
        this.epochOffsetNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - mono;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        long epochNanos = System.nanoTime() + epochOffsetNanos;
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    @Override
    public Scheduled scheduleAtFixedRate(String name, long periodNanos, Runnable task) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive, was " + periodNanos + " ns");
        }
        return start(name, periodNanos, periodNanos, task);
    }

    @Override
    public Scheduled schedule(String name, long delayNanos, Runnable task) {
        return start(name, Math.max(0, delayNanos), 0, task);
    }

    private Scheduled start(String name, long delayNanos, long periodNanos, Runnable task) {
        PacedTask paced = new PacedTask(name, delayNanos, periodNanos, task);
        Thread thread = new Thread(paced, name);
        thread.setDaemon(true);
        if (periodNanos > 0) {
            thread.setPriority(Thread.MAX_PRIORITY);
        }
        paced.thread = thread;
        thread.start();
        return paced;
    }

    /**
     * Logs a failed run. Logging itself can fail (a logging bundle being refreshed throws
     * {@code NoClassDefFoundError}, a broken exception's {@code getMessage()} throws): that must
     * not end the thread either, so the last resort is standard error.
     */
    static void report(String name, Throwable failure) {
        try {
            LOG.error("Scheduled task '{}' threw; it keeps its schedule", name, failure);
        } catch (Throwable loggingFailed) { // NOPMD
            try {
                System.err.println("presslab: scheduled task '" + name + "' threw " + failure.getClass().getName()
                        + " and logging it failed with " + loggingFailed.getClass().getName() + "; it keeps its schedule");
            } catch (Throwable ignored) { // NOPMD: nothing left to tell
                // The schedule goes on regardless.
            }
        }
    }

    private static final class PacedTask implements Runnable, Scheduled {
        private final String name;
        private final long delayNanos;
        private final long periodNanos;
        private final Runnable task;
        private final AtomicLong runs = new AtomicLong();
        private final AtomicLong overruns = new AtomicLong();
        private volatile boolean cancelled;
        private volatile Thread thread;

        PacedTask(String name, long delayNanos, long periodNanos, Runnable task) {
            this.name = name;
            this.delayNanos = delayNanos;
            this.periodNanos = periodNanos;
            this.task = task;
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + delayNanos;
            while (!cancelled) {
                long wait;
                while ((wait = deadline - System.nanoTime()) > 0 && !cancelled) {
                    LockSupport.parkNanos(wait);
                }
                if (cancelled) {
                    return;
                }
                try {
                    task.run();
                } catch (Throwable e) { // NOPMD: nothing may end a control loop's thread
                    report(name, e);
                }
                runs.incrementAndGet();
                if (periodNanos == 0) {
                    cancelled = true;
                    return;
                }
                deadline += periodNanos;
                long now = System.nanoTime();
                if (now - deadline > 0) {
                    long missed = (now - deadline) / periodNanos + 1;
                    overruns.addAndGet(missed);
                    deadline += missed * periodNanos;
                }
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                LockSupport.unpark(t);
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public long runs() {
            return runs.get();
        }

        @Override
        public long overruns() {
            return overruns.get();
        }
    }
}
