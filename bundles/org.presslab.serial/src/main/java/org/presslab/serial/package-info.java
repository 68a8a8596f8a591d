/**
 * Serial ports shared by the device drivers: the API. The provider on jSerialComm is the bundle
 * {@code org.presslab.serial.jserialcomm}; a driver imports only this package, and a test can register
 * another {@link org.presslab.serial.SerialPortManager} in its place.
 *
 * <p>A driver asks the {@link org.presslab.serial.SerialPortManager} service for a
 * {@link org.presslab.serial.SerialConnection} by {@link org.presslab.serial.PortSelector}: a
 * path (also a symbolic link such as {@code /dev/serial/by-id/usb-FTDI_...}; the configured path
 * is the identity, not the device it points to today) or a USB identity (vendor id, product id,
 * serial number), so a replugged adapter is found again whatever its new device name.
 *
 * <h2>Life of a connection</h2>
 * A connection is never "dead": when its port is absent, busy or vanishes (cable or adapter
 * pulled, the device node removed), I/O calls throw a {@link org.presslab.serial.SerialPortException}
 * whose {@link org.presslab.serial.SerialPortException.Reason reason} and message name the port
 * and the fix, and the next I/O call after the back-off delay reopens it. Reopening happens on the
 * caller's thread (the driver's acquisition thread); the transport starts no threads of its own.
 * {@link org.presslab.serial.SerialConnection#close()} releases the port for good; the manager
 * closes every connection an owner still holds when it is deactivated.
 *
 * <h2>Settings the port refuses</h2>
 * Settings are applied on every open. Where the operating system silently drops a setting (a
 * Linux pseudo-terminal keeps 8 data bits and no parity whatever is asked), the open fails with
 * {@code SETTINGS_REFUSED} rather than talking with the wrong framing.
 *
 * <h2>Debugging</h2>
 * {@link org.presslab.serial.SerialConnection#addFrameListener(FrameListener)} sees every chunk of
 * bytes sent and received on a live connection with its time, for a raw frame monitor;
 * {@link org.presslab.serial.SerialPortManager#probe} opens a port, sends a query and returns the reply.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.presslab.serial;
