package org.presslab.time.internal;

import java.time.Instant;

import org.osgi.service.component.annotations.Component;
import org.presslab.time.Scheduled;

import org.presslab.time.TimeSource;

/** Registers real time as the platform's {@link TimeSource}. */
@Component(service = TimeSource.class, property = "presslab.time=system")
public class SystemTimeSourceComponent implements TimeSource {

    private final SystemClock delegate = new SystemClock();

    @Override
    public long nanoTime() {
        return delegate.nanoTime();
    }

    @Override
    public Instant now() {
        return delegate.now();
    }

    @Override
    public Scheduled scheduleAtFixedRate(String name, long periodNanos, Runnable task) {
        return delegate.scheduleAtFixedRate(name, periodNanos, task);
    }

    @Override
    public Scheduled schedule(String name, long delayNanos, Runnable task) {
        return delegate.schedule(name, delayNanos, task);
    }
}
