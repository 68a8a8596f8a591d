/**
 * The jSerialComm provider of {@link org.presslab.serial.SerialPortManager} outside OSGi (tests, tools,
 * benchmarks): {@link org.presslab.serial.jserialcomm.JSerialCommPorts} creates a manager with its own
 * port registry. Inside OSGi this bundle registers the manager as a bundle-scoped service (PID
 * {@code org.presslab.serial}); drivers import {@code org.presslab.serial} only.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.serial.jserialcomm;
