package org.presslab.control.api;

/**
 * EventAdmin topics a station posts to. Event properties: {@code station.id}, {@code type},
 * {@code message}, {@code timestamp} (epoch ms) and the event's own properties. Samples are
 * posted at most at {@link #SAMPLE_RATE_HZ} per station (decimated), never from the loop thread.
 */
public final class StationTopics {

    public static final String PREFIX = "org/presslab/station/";
    /** State changes, trips, driver loss and rebind, recipe progress. */
    public static final String EVENT = PREFIX + "EVENT";
    /** Decimated samples. */
    public static final String SAMPLE = PREFIX + "SAMPLE";
    public static final double SAMPLE_RATE_HZ = 10;

    private StationTopics() {
    }
}
