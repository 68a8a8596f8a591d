package org.presslab.press.modbus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.modbus.internal.RegisterValue.DataType;
import org.presslab.press.modbus.internal.RegisterValue.Table;
import org.presslab.press.modbus.internal.RegisterValue.WordOrder;
import org.presslab.serial.FlowControl;
import org.presslab.serial.Parity;

/**
 * Metatype of a Modbus RTU device (factory PID {@code org.presslab.press.modbus}), and the only place
 * its keys and defaults are written down: {@link ModbusSettings#parse} reads the properties as this
 * type ({@link org.presslab.serial.ConfigProperties#typed}) and checks the values. An enum element's
 * constants are the metatype options. Register addresses: as sent on the wire with
 * {@code address.base=0}, as numbered in the manual from 1 with {@code address.base=1}; -1 = not present.
 */
@ObjectClassDefinition(name = "Presslab Modbus RTU device", description = "A press controller or indicator on Modbus RTU, with its register map.")
@interface ModbusConfig {

    String webconsole_configurationFactory_nameHint() default "Modbus {presslab.driver.id} on {port}";

    @AttributeDefinition(name = "Driver id", description = "Stable, unique id; stations select the driver by it.")
    String presslab_driver_id();

    @AttributeDefinition(name = "Port", description = "Device path, also a link such as /dev/serial/by-id/...; empty to select by USB identity.", required = false)
    String port() default "";

    @AttributeDefinition(name = "USB vendor id", description = "Hex, e.g. 0403 (when port is empty).", required = false)
    String usb_vendorId() default "";

    @AttributeDefinition(name = "USB product id", description = "Hex, e.g. 6001 (when port is empty).", required = false)
    String usb_productId() default "";

    @AttributeDefinition(name = "USB serial number", description = "Tells two adapters of the same model apart.", required = false)
    String usb_serial() default "";

    @AttributeDefinition(name = "Baud rate")
    int baudRate() default 9600;

    @AttributeDefinition(name = "Data bits", min = "7", max = "8")
    int dataBits() default 8;

    @AttributeDefinition(name = "Parity")
    Parity parity() default Parity.NONE;

    @AttributeDefinition(name = "Stop bits", description = "1, 1.5 or 2 (Modbus: 2 when there is no parity, if the device allows).")
    String stopBits() default "1";

    @AttributeDefinition(name = "Flow control")
    FlowControl flowControl() default FlowControl.NONE;

    @AttributeDefinition(name = "Slave id", min = "1", max = "247")
    int slaveId() default 1;

    @AttributeDefinition(name = "Reply timeout (ms)", min = "1")
    int timeout_ms() default 200;

    @AttributeDefinition(name = "Retries", description = "Extra tries of a failed transaction, at once.", min = "0", max = "10")
    int retries() default 2;

    @AttributeDefinition(name = "Poll period (ms)", min = "1")
    int poll_period_ms() default 20;

    @AttributeDefinition(name = "Stale after (ms)", description = "A reading older than this is STALE.")
    int stale_after_ms() default 500;

    @AttributeDefinition(name = "Disconnected after", description = "Failed polls in a row before the device counts as DISCONNECTED.")
    int disconnect_after() default 3;

    @AttributeDefinition(name = "Address base", description = "0: addresses as on the wire; 1: as numbered from 1 in the manual.")
    int address_base() default 0;

    Table force_table() default Table.INPUT;

    int force_address() default -1;

    DataType force_type() default DataType.INT32;

    @AttributeDefinition(description = "Which register holds the high word of a 32-bit type")
    WordOrder force_wordOrder() default WordOrder.HIGH_FIRST;

    double force_scale() default 1;

    double force_offset() default 0;

    @AttributeDefinition(description = "A force unit: N, kN, kgf, lbf or tf")
    Unit force_unit() default Unit.N;

    Table pressure_table() default Table.INPUT;

    int pressure_address() default -1;

    DataType pressure_type() default DataType.INT32;

    WordOrder pressure_wordOrder() default WordOrder.HIGH_FIRST;

    double pressure_scale() default 1;

    double pressure_offset() default 0;

    @AttributeDefinition(description = "A pressure unit: Pa, kPa, MPa, bar or psi")
    Unit pressure_unit() default Unit.MPa;

    @AttributeDefinition(description = "HOLDING: input registers cannot be written")
    Table setpoint_table() default Table.HOLDING;

    int setpoint_address() default -1;

    DataType setpoint_type() default DataType.INT32;

    WordOrder setpoint_wordOrder() default WordOrder.HIGH_FIRST;

    double setpoint_scale() default 1;

    double setpoint_offset() default 0;

    @AttributeDefinition(description = "A force unit gives FORCE_SETPOINT, a pressure unit PRESSURE_SETPOINT")
    Unit setpoint_unit() default Unit.N;

    @AttributeDefinition(description = "HOLDING: input registers cannot be written")
    Table output_table() default Table.HOLDING;

    @AttributeDefinition(description = "Holding register of a raw output in [-1, 1] (RAW_OUTPUT mode); -1 = none")
    int output_address() default -1;

    DataType output_type() default DataType.INT16;

    WordOrder output_wordOrder() default WordOrder.HIGH_FIRST;

    @AttributeDefinition(description = "Output per count (0.001: -1000..1000 counts)")
    double output_scale() default 0.001;

    double output_offset() default 0;

    @AttributeDefinition(description = "Holding register that takes mode commands; -1 = none")
    int command_address() default -1;

    int command_run() default -1;

    int command_raw() default -1;

    int command_hold() default -1;

    int command_vent() default -1;

    int command_stop() default -1;

    @AttributeDefinition(description = "Coil that enables the actuator (off = STOP); -1 = none")
    int enable_coil() default -1;

    Table status_table() default Table.INPUT;

    int status_address() default -1;

    int status_alarmMask() default 0;

    int status_overloadMask() default 0;

    @AttributeDefinition(description = "Bits that mean the device holds on its own (its watchdog); the driver then writes its latest command again")
    int status_holdMask() default 0;

    DeviceKind device_kind() default DeviceKind.AUTOMATIC_HYDRAULIC_PRESS;

    String device_vendor() default "unknown vendor";

    String device_model() default "Modbus RTU device";

    @AttributeDefinition(name = "Force range (kN)", description = "0 = unknown")
    double forceRange_kN() default 0;

    @AttributeDefinition(name = "Force rating (kN)", description = "Required with a setpoint or output: setpoints above it are refused")
    double forceRating_kN() default 0;

    @AttributeDefinition(name = "Pressure range (MPa)", description = "0 = unknown")
    double pressureRange_MPa() default 0;

    @AttributeDefinition(name = "Pressure rating (MPa)", description = "0 = unknown")
    double pressureRating_MPa() default 0;

    @AttributeDefinition(name = "Ram area (mm²)", description = "Turns line pressure into force; 0 = not hydraulic")
    double ramArea_mm2() default 0;

    @AttributeDefinition(name = "Fastest force rate (kN/s)", description = "0 = unknown")
    double maxForceRate_kNps() default 0;
}
