package org.presslab.press.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Tells the person at a manually operated device what to do. */
@ConsumerType
public interface OperatorChannel {

    /**
     * Asks the operator to bring the device to a force and keep it there.
     *
     * @param targetForceN the force to reach, newtons
     * @param toleranceN the band around it that counts as reached
     * @param text the instruction in words ("Pump slowly to 5.81 kN (74 MPa)")
     */
    void instruct(double targetForceN, double toleranceN, String text);

    /** Withdraws the instruction (done, aborted or made safe). */
    void clear();
}
