package org.presslab.serial.jserialcomm;

import org.osgi.annotation.versioning.ProviderType;
import org.presslab.serial.SerialPortManager;

/** A port manager created outside OSGi; {@link #close()} closes every connection it opened. */
@ProviderType
public interface StandalonePortManager extends SerialPortManager, AutoCloseable {

    /** Closes every connection this manager still holds (as the service does when its user bundle stops). */
    @Override
    void close();
}
