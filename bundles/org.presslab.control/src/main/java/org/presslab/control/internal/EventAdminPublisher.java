package org.presslab.control.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationTopics;

/**
 * Forwards every station's events and its samples, decimated to {@link StationTopics#SAMPLE_RATE_HZ},
 * to EventAdmin. It is itself a {@link StationListener}, so it runs on its own delivery thread and
 * a slow EventAdmin only costs its own samples. Active only where EventAdmin is installed (the
 * import of {@code org.osgi.service.event} is optional).
 */
@Component(service = StationListener.class)
public class EventAdminPublisher implements StationListener {

    private final EventAdmin eventAdmin;
    private final long minGapNanos = Math.round(1e9 / StationTopics.SAMPLE_RATE_HZ);
    private final Map<String, Long> lastPosted = new ConcurrentHashMap<>();

    @Activate
    public EventAdminPublisher(@Reference EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Override
    public void onEvent(StationEvent ev) {
        eventAdmin.postEvent(new Event(StationTopics.EVENT, toProperties(ev)));
    }

    static Map<String, Object> toProperties(StationEvent ev) {
        Map<String, Object> props = new HashMap<>(ev.properties());
        props.put("station.id", ev.stationId());
        props.put("type", ev.type().name());
        props.put("message", ev.message());
        props.put("timestamp", ev.time().toEpochMilli());
        return props;
    }

    @Override
    public void onSample(StationSample s) {
        Long last = lastPosted.get(s.stationId());
        if (last != null && s.timeNanos() - last < minGapNanos) {
            return;
        }
        lastPosted.put(s.stationId(), s.timeNanos());
        eventAdmin.postEvent(new Event(StationTopics.SAMPLE, toProperties(s)));
    }

    static Map<String, Object> toProperties(StationSample s) {
        Map<String, Object> props = new HashMap<>();
        props.put("station.id", s.stationId());
        props.put("timestamp", s.time().toEpochMilli());
        props.put("pressurePa", s.pressurePa());
        props.put("forceN", s.forceN());
        props.put("setpointPa", s.setpointPa());
        props.put("output", s.output());
        props.put("temperatureK", s.temperatureK());
        props.put("state", s.state().name());
        props.put("quality", s.quality().name());
        props.put("gap", s.gap());
        return props;
    }
}
