package org.presslab.press.modbus.internal;

/** Engineering units a device may speak, with their factor to SI; public for the OSGi Converter (ModbusConfig). */
public enum Unit {
    N(1, true), kN(1e3, true), kgf(9.80665, true), lbf(4.4482216152605, true), tf(9806.65, true),
    Pa(1, false), kPa(1e3, false), MPa(1e6, false), bar(1e5, false), psi(6894.757293168, false);

    final double toSi;
    final boolean force;

    Unit(double toSi, boolean force) {
        this.toSi = toSi;
        this.force = force;
    }
}
