package org.presslab.web.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationSample;

/**
 * Fans the stations' samples and events out to the browsers. Samples are decimated per station to at most
 * {@code updatesPerSecond} (by the samples' own monotonic time), then offered to every client's bounded queue. Nothing
 * here ever blocks: when a client's queue is full (a slow browser or network) its oldest message is dropped and
 * counted for that client alone, so a slow browser never slows a station or another browser. The station side calls
 * {@link #onSample} and {@link #onEvent} from its listener dispatcher thread, never from a control loop.
 */
final class LiveHub {

    /** One message for a browser: {@code type} is the SSE event name, {@code data} is serialised as JSON. */
    record Message(String type, Object data) {
    }

    /** One browser's stream. */
    static final class Client {
        private final String user;
        private final BlockingQueue<Message> queue;
        private final AtomicLong dropped = new AtomicLong();

        Client(String user, int capacity) {
            this.user = user;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        String user() {
            return user;
        }

        /** Messages dropped for this client so far. */
        long dropped() {
            return dropped.get();
        }

        /** The next message, or null after {@code timeoutMs}. */
        Message poll(long timeoutMs) throws InterruptedException {
            return queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
        }

        void offer(Message m) {
            while (!queue.offer(m)) {
                if (queue.poll() != null) {
                    dropped.incrementAndGet();
                }
            }
        }
    }

    private final int maxClients;
    private final long minIntervalNanos;
    private final int queueCapacity;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Map<String, Long> lastForwarded = new ConcurrentHashMap<>();
    private final AtomicLong samplesIn = new AtomicLong();

    LiveHub(int maxClients, double updatesPerSecond, int queueCapacity) {
        if (maxClients < 1 || !(updatesPerSecond > 0 && updatesPerSecond <= 1000) || queueCapacity < 16) {
            throw new IllegalArgumentException("live stream: maxClients >= 1, 0 < updatesPerSecond <= 1000, queueCapacity >= 16; got "
                    + maxClients + ", " + updatesPerSecond + ", " + queueCapacity);
        }
        this.maxClients = maxClients;
        this.minIntervalNanos = (long) (1e9 / updatesPerSecond);
        this.queueCapacity = queueCapacity;
    }

    /** A new client, or empty when {@code maxClients} are connected already. */
    synchronized Optional<Client> open(String user) {
        if (clients.size() >= maxClients) {
            return Optional.empty();
        }
        Client c = new Client(user, queueCapacity);
        clients.add(c);
        return Optional.of(c);
    }

    void close(Client c) {
        clients.remove(c);
    }

    int clients() {
        return clients.size();
    }

    long samplesIn() {
        return samplesIn.get();
    }

    void onSample(StationSample s) {
        samplesIn.incrementAndGet();
        if (clients.isEmpty()) {
            return;
        }
        Long last = lastForwarded.get(s.stationId());
        if (last != null && s.timeNanos() - last < minIntervalNanos && s.timeNanos() >= last) {
            return;
        }
        lastForwarded.put(s.stationId(), s.timeNanos());
        Message m = new Message("sample", Views.sample(s));
        for (Client c : clients) {
            c.offer(m);
        }
    }

    void onEvent(StationEvent e) {
        if (clients.isEmpty()) {
            return;
        }
        Message m = new Message("event", Views.event(e));
        for (Client c : clients) {
            c.offer(m);
        }
    }
}
