/**
 * The Modbus RTU press driver outside OSGi (benchmarks, tools): {@link org.presslab.press.modbus.ModbusDrivers}
 * builds the same driver the DS factory component runs, from the same configuration keys. Inside OSGi,
 * create a factory configuration (PID {@code org.presslab.press.modbus}) and use the {@code PressDriver}
 * service.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.press.modbus;
