package org.presslab.serial.shell.internal;

import java.io.PrintStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.presslab.serial.FrameListener;
import org.presslab.serial.RawFrame;

/**
 * Takes frames from a driver's I/O thread without ever making it wait (a bounded queue; what
 * does not fit is counted as dropped) and prints them on the console thread.
 */
public final class FrameMonitor implements FrameListener {

    private final BlockingQueue<RawFrame> queue;
    private final AtomicLong dropped = new AtomicLong();

    public FrameMonitor(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void onFrame(RawFrame frame) {
        if (!queue.offer(frame)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    /**
     * Prints frames until {@code maxFrames} were printed (0: no limit), {@code maxNanos} passed
     * (0: no limit) or the thread is interrupted (Ctrl-C).
     *
     * @return frames printed
     */
    public long print(PrintStream out, FrameFormat.Mode mode, long maxFrames, long maxNanos) {
        long printed = 0;
        long end = maxNanos > 0 ? System.nanoTime() + maxNanos : Long.MAX_VALUE;
        long reportedDrops = 0;
        try {
            while ((maxFrames == 0 || printed < maxFrames) && System.nanoTime() < end) {
                RawFrame f = queue.poll(100, TimeUnit.MILLISECONDS);
                long d = dropped.get();
                if (d > reportedDrops) {
                    out.println("... " + (d - reportedDrops) + " frame(s) dropped: the console is slower than the port");
                    reportedDrops = d;
                }
                if (f != null) {
                    out.println(FrameFormat.line(f, mode));
                    out.flush();
                    printed++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return printed;
    }
}
