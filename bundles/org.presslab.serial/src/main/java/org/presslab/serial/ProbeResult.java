package org.presslab.serial;

import java.util.List;

/**
 * What a probe saw.
 *
 * @param port the port probed
 * @param systemPath the device node it resolved to
 * @param settings the settings used
 * @param sent the query
 * @param reply the reply bytes (empty when the device said nothing)
 * @param firstByteMs milliseconds from the end of the write to the first reply byte, NaN without reply
 * @param frames every chunk in both directions, in order
 */
public record ProbeResult(String port, String systemPath, SerialSettings settings, byte[] sent, byte[] reply,
        double firstByteMs, List<RawFrame> frames) {

    public ProbeResult {
        frames = List.copyOf(frames);
    }

    public boolean answered() {
        return reply.length > 0;
    }
}
