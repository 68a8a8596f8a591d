package org.presslab.web.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;

/**
 * The recent commands of every station (from every front end: shell, web, REST, recipe), newest first, from the
 * stations' {@link StationEventType#COMMAND} events. A bounded list in memory, for the page: the durable audit trail is
 * the run store's, which records the same events.
 */
final class AuditLog {

    private final int capacity;
    private final Deque<StationEvent> entries = new ArrayDeque<>();

    AuditLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("audit list capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    void offer(StationEvent e) {
        if (e.type() != StationEventType.COMMAND) {
            return;
        }
        synchronized (entries) {
            if (entries.size() == capacity) {
                entries.removeLast();
            }
            entries.addFirst(e);
        }
    }

    /** At most {@code limit} entries, newest first. */
    List<StationEvent> recent(int limit) {
        synchronized (entries) {
            List<StationEvent> out = new ArrayList<>(Math.min(limit, entries.size()));
            for (StationEvent e : entries) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(e);
            }
            return out;
        }
    }
}
