package org.presslab.press.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A driver's model of its plant for feed-forward control in {@link ActuationMode#RAW_OUTPUT}.
 * Approximate is fine: control adds feedback on top.
 */
@ConsumerType
public interface ActuatorModel {

    /**
     * The raw output that would change the force at {@code forceRateNps} (N/s) when the force is
     * {@code forceN}; 0 for a rate of 0 on a leak-free press. Clamped to [-1, 1].
     */
    double outputFor(double forceN, double forceRateNps);
}
