package org.presslab.serial;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sees the raw bytes of a live connection, for a frame monitor. Called on the thread doing the
 * I/O (a driver's acquisition thread): it must return at once, so copy or queue and return.
 * An exception it throws is logged and the listener removed.
 */
@ConsumerType
@FunctionalInterface
public interface FrameListener {

    void onFrame(RawFrame frame);
}
