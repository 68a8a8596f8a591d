package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationTopics;

/** Events and samples reach EventAdmin; samples decimated to 10 Hz per station. */
class EventAdminPublisherTest {

    /** EventAdmin is an interface with no implementation on this classpath: record what is posted. */
    static final class Posted implements EventAdmin {
        final List<Event> events = new ArrayList<>();

        @Override
        public void postEvent(Event event) {
            events.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            events.add(event);
        }
    }

    @Test
    void samplesAreDecimatedToTenHertzAndEventsAllPass() throws Exception {
        Posted ea = new Posted();
        try (Harness h = new Harness(Harness.settings("sim-press-1"))) {
            h.station.addListener(new EventAdminPublisher(ea));
            h.bind(h.press("sim-press-1", 1));
            h.run(0.5);
            h.station.ramp(10e6, 1e6);
            h.run(10);
            h.station.emergencyStop("test");
            h.run(0.5);
        }
        long samples = ea.events.stream().filter(e -> e.getTopic().equals(StationTopics.SAMPLE)).count();
        assertTrue(samples >= 105 && samples <= 111, "11 s at 10 Hz, was " + samples);
        List<Event> ev = ea.events.stream().filter(e -> e.getTopic().equals(StationTopics.EVENT)).toList();
        assertTrue(ev.stream().anyMatch(e -> StationEventType.INTERLOCK_TRIPPED.name().equals(e.getProperty("type"))
                && "st-1".equals(e.getProperty("station.id")) && String.valueOf(e.getProperty("message")).contains("test")));
        Event s = ea.events.stream().filter(e -> e.getTopic().equals(StationTopics.SAMPLE)).findFirst().orElseThrow();
        assertEquals("st-1", s.getProperty("station.id"));
        assertTrue(s.getProperty("pressurePa") instanceof Double);
    }
}
