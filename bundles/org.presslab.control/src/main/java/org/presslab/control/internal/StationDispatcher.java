package org.presslab.control.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.press.api.Quality;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's event and sample dispatcher, on its own 50 Hz schedule: events are queued lock-free by
 * any thread and delivered first; ring entries written by the loop become {@link StationSample}s for the
 * bounded history, every listener's own mailbox and EventAdmin (10 Hz). A slow consumer only loses its own
 * samples; nothing here ever blocks the loop.
 */
final class StationDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(StationDispatcher.class);

    private final String stationId;
    private final TimeSource time;
    private final SampleRing ring;
    private final ConcurrentLinkedQueue<StationEvent> pendingEvents = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<ListenerChannel> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<StationSample> history = new ArrayDeque<>();
    private volatile int historyCapacity;
    private volatile BiConsumer<String, Map<String, Object>> eventPoster;
    private long lastPostedSampleNanos = Long.MIN_VALUE;
    private long lastReportedDrops;
    private final long epochNanos0;
    private final Instant epoch0;

    StationDispatcher(String stationId, TimeSource time, SampleRing ring, int historyCapacity) {
        this.stationId = stationId;
        this.time = time;
        this.ring = ring;
        this.historyCapacity = historyCapacity;
        this.epochNanos0 = time.nanoTime();
        this.epoch0 = time.now();
    }

    void setHistoryCapacity(int n) {
        historyCapacity = n;
    }

    void closeListeners() {
        for (ListenerChannel c : listeners) {
            c.close();
        }
        listeners.clear();
    }

    List<StationSample> history(double seconds) {
        long from = time.nanoTime() - TimeSource.seconds(seconds);
        List<StationSample> out = new ArrayList<>();
        synchronized (history) {
            for (StationSample s : history) {
                if (s.timeNanos() >= from) {
                    out.add(s);
                }
            }
        }
        return out;
    }


    public void event(StationEventType type, String msg, Map<String, Object> props) {
        pendingEvents.add(new StationEvent(stationId, time.now(), type, msg, props));
        if (type == StationEventType.INTERLOCK_TRIPPED || type == StationEventType.DRIVER_LOST
                || type == StationEventType.COMMAND_REFUSED || type == StationEventType.LOOP_LATE
                || type == StationEventType.SAFE_STATE_ESCALATED || type == StationEventType.CONFIGURATION_CHANGED
                || type == StationEventType.DEVICE_CHANGED) {
            LOG.info("Station '{}' {}: {}", stationId, type, msg);
        } else {
            LOG.debug("Station '{}' {}: {}", stationId, type, msg);
        }
    }

    public void addListener(StationListener l) {
        ListenerChannel c = new ListenerChannel(l, stationId, time);
        listeners.add(c);
    }

    public void removeListener(StationListener l) {
        for (ListenerChannel c : listeners) {
            if (c.listener == l) {
                listeners.remove(c);
                c.close();
            }
        }
    }

    /** Where EventAdmin events go (topic, properties); null for none. */
    public void setEventPoster(BiConsumer<String, Map<String, Object>> poster) {
        this.eventPoster = poster;
    }

    /** Samples dropped for listeners and by the ring (a slow dispatcher). */
    public long droppedSamples() {
        long n = ring.dropped();
        for (ListenerChannel c : listeners) {
            n += c.dropped();
        }
        return n;
    }

    private final StationState[] states = StationState.values();
    private final Quality[] qualities = Quality.values();

    /** Dispatcher schedule: ring to samples, history, listeners and EventAdmin; then events. */
    void dispatch() {
        StationEvent e;
        List<StationEvent> events = new ArrayList<>();
        while ((e = pendingEvents.poll()) != null) {
            events.add(e);
        }
        // Events first: a trip event must not wait behind a batch of samples.
        for (StationEvent ev : events) {
            for (ListenerChannel c : listeners) {
                c.offerEvent(ev);
            }
            BiConsumer<String, Map<String, Object>> poster = eventPoster;
            if (poster != null) {
                Map<String, Object> props = new HashMap<>(ev.properties());
                props.put("station.id", ev.stationId());
                props.put("type", ev.type().name());
                props.put("message", ev.message());
                props.put("timestamp", ev.time().toEpochMilli());
                poster.accept(org.presslab.control.api.StationTopics.EVENT, props);
            }
        }
        ring.drain(this::deliverSample);
        long drops = droppedSamples();
        if (drops > lastReportedDrops + 1000) {
            lastReportedDrops = drops;
            event(StationEventType.SAMPLES_DROPPED, drops + " samples dropped for slow consumers", Map.of("dropped", drops));
        }
    }

    private void deliverSample(long t, double p, double f, double sp, double out, double temp, double pos, int st, int q,
            boolean g) {
        StationSample s = new StationSample(stationId, t, epoch0.plusNanos(t - epochNanos0), p, f, sp, out, temp,
                states[st], qualities[q], g);
        synchronized (history) {
            if (historyCapacity > 0) {
                if (history.size() >= historyCapacity) {
                    history.pollFirst();
                }
                history.addLast(s);
            }
        }
        for (ListenerChannel c : listeners) {
            c.offerSample(s);
        }
        BiConsumer<String, Map<String, Object>> poster = eventPoster;
        long minGap = Math.round(1e9 / org.presslab.control.api.StationTopics.SAMPLE_RATE_HZ);
        if (poster != null && t - lastPostedSampleNanos >= minGap) {
            lastPostedSampleNanos = t;
            Map<String, Object> props = new HashMap<>();
            props.put("station.id", stationId);
            props.put("timestamp", s.time().toEpochMilli());
            props.put("pressurePa", p);
            props.put("forceN", f);
            props.put("setpointPa", sp);
            props.put("output", out);
            props.put("temperatureK", temp);
            props.put("state", s.state().name());
            props.put("quality", s.quality().name());
            props.put("gap", g);
            poster.accept(org.presslab.control.api.StationTopics.SAMPLE, props);
        }
    }

}
