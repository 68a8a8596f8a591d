package org.presslab.press.conformance;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The vendor's hook to make the device stop answering and answer again: pull the simulated
 * cable, stop the emulator, tear down the pty pair, power off the controller on a test rig.
 */
@ConsumerType
public interface DeviceLink {

    /** The device stops answering from now on. */
    void silence() throws Exception;

    /** The device answers again. */
    void restore() throws Exception;
}
