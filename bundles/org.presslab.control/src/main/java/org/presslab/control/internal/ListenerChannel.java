package org.presslab.control.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;
import org.presslab.time.Scheduled;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's mailbox and its own delivery schedule: a slow listener fills only its own
 * bounded sample queue (the oldest samples are dropped and counted); events are never dropped.
 */
final class ListenerChannel {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerChannel.class);
    static final int SAMPLE_CAPACITY = 20_000;

    final StationListener listener;
    private final ArrayBlockingQueue<StationSample> samples = new ArrayBlockingQueue<>(SAMPLE_CAPACITY);
    private final ConcurrentLinkedQueue<StationEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Scheduled task;
    private volatile boolean closed;

    ListenerChannel(StationListener listener, String stationId, TimeSource time) {
        this.listener = listener;
        this.task = time.scheduleAtFixedRate("presslab-listener-" + stationId, Math.round(1e9 / StationEngine.DISPATCH_HZ),
                this::deliver);
    }

    void offerSample(StationSample s) {
        while (!samples.offer(s)) {
            if (samples.poll() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    void offerEvent(StationEvent e) {
        events.add(e);
    }

    long dropped() {
        return dropped.get();
    }

    void deliver() {
        StationEvent e;
        while (!closed && (e = events.poll()) != null) {
            try {
                listener.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("Station listener {} threw on an event; it keeps receiving", listener, ex);
            }
        }
        StationSample s;
        while (!closed && (s = samples.poll()) != null) {
            try {
                listener.onSample(s);
            } catch (RuntimeException ex) {
                LOG.warn("Station listener {} threw on a sample; it keeps receiving", listener, ex);
            }
        }
    }

    void close() {
        deliver();
        closed = true;
        task.cancel();
    }
}
