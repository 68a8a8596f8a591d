package org.presslab.press.modbus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.SafeAction;
import org.presslab.press.modbus.internal.RegisterValue.DataType;
import org.presslab.press.modbus.internal.RegisterValue.Table;
import org.presslab.press.modbus.internal.RegisterValue.WordOrder;
import org.presslab.serial.ConfigProperties;
import org.presslab.serial.PortSelector;
import org.presslab.serial.SerialSettings;

/**
 * A Modbus device's configuration, validated: the port, the slave and the register map. Built
 * from the factory configuration's properties ({@link #parse}) read as {@link ModbusConfig}, which
 * holds the keys and defaults; every problem names its key.
 */
record ModbusSettings(String id, PortSelector port, SerialSettings serial, int slaveId, int timeoutMs, int retries,
        int pollPeriodMs, int staleAfterMs, int disconnectAfter, Optional<RegisterValue> force,
        Optional<RegisterValue> pressure, Optional<RegisterValue> setpoint, Optional<RegisterValue> output,
        int commandAddress, Map<String, Integer> commands, int enableCoil, Table statusTable, int statusAddress,
        int alarmMask, int overloadMask, int holdMask, DeviceKind kind, String vendor, String model,
        double forceRangeN, double forceRatingN, double ramAreaM2, double maxForceRateNps, double pressureRangePa,
        double pressureRatingPa) {

    static final String RUN = "run";
    static final String RAW = "raw";
    static final String HOLD = "hold";
    static final String VENT = "vent";
    static final String STOP = "stop";

    /** The actuation modes the map supports. */
    List<ActuationMode> modes() {
        List<ActuationMode> m = new ArrayList<>();
        if (setpoint.isPresent() && commandFor(RUN).isPresent() || setpoint.isPresent() && commandAddress < 0) {
            m.add(setpoint.get().unit().force ? ActuationMode.FORCE_SETPOINT : ActuationMode.PRESSURE_SETPOINT);
        }
        if (output.isPresent()) {
            m.add(ActuationMode.RAW_OUTPUT);
        }
        return m;
    }

    /** The safe actions the map can perform. */
    List<SafeAction> safeActions() {
        List<SafeAction> s = new ArrayList<>();
        if (commandFor(HOLD).isPresent() || output.isPresent()) {
            s.add(SafeAction.HOLD);
        }
        if (commandFor(VENT).isPresent()) {
            s.add(SafeAction.VENT);
        }
        if (commandFor(STOP).isPresent() || enableCoil >= 0) {
            s.add(SafeAction.STOP);
        }
        return s;
    }

    Optional<Integer> commandFor(String action) {
        Integer v = commands.get(action);
        return commandAddress >= 0 && v != null && v >= 0 ? Optional.of(v) : Optional.empty();
    }

    /**
     * The settings of the factory configuration {@code properties}: read as {@link ModbusConfig}, whose element
     * defaults are the defaults ({@link ConfigProperties#typed}), then checked.
     *
     * @throws IllegalArgumentException naming the device, the key and what it must be
     */
    static ModbusSettings parse(Map<String, ?> properties) {
        String id = new ConfigProperties(properties, "Modbus device").string("presslab.driver.id", "");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("Modbus device: 'presslab.driver.id' is required (a stable name such as press-1)");
        }
        ConfigProperties p = new ConfigProperties(properties, "Modbus device '" + id + "'");
        ModbusConfig c = p.typed(ModbusConfig.class);
        PortSelector port = PortSelector.fromConfig(p, c.port(), c.usb_vendorId(), c.usb_productId(), c.usb_serial());
        SerialSettings serial = SerialSettings.fromConfig(p, c.baudRate(), c.dataBits(), c.parity(), c.stopBits(), c.flowControl());
        int slave = c.slaveId();
        if (slave < 1 || slave > 247) {
            throw p.invalid("slaveId", String.valueOf(slave), "1..247");
        }
        int base = c.address_base();
        if (base != 0 && base != 1) {
            throw p.invalid("address.base", String.valueOf(base), "0 (addresses as sent on the wire) or 1 (as numbered from 1 in the manual)");
        }
        Optional<RegisterValue> force = value(p, "force", base, c.force_table(), c.force_address(), c.force_type(),
                c.force_wordOrder(), c.force_scale(), c.force_offset(), c.force_unit());
        Optional<RegisterValue> pressure = value(p, "pressure", base, c.pressure_table(), c.pressure_address(), c.pressure_type(),
                c.pressure_wordOrder(), c.pressure_scale(), c.pressure_offset(), c.pressure_unit());
        if (force.isEmpty() && pressure.isEmpty()) {
            throw new IllegalArgumentException(p.where() + ": the register map needs 'force.address' or 'pressure.address'");
        }
        Optional<RegisterValue> setpoint = value(p, "setpoint", base, c.setpoint_table(), c.setpoint_address(), c.setpoint_type(),
                c.setpoint_wordOrder(), c.setpoint_scale(), c.setpoint_offset(), c.setpoint_unit());
        if (setpoint.isPresent() && setpoint.get().table() != Table.HOLDING) {
            throw p.invalid("setpoint.table", "INPUT", "HOLDING (input registers cannot be written)");
        }
        Optional<RegisterValue> output = value(p, "output", base, c.output_table(), c.output_address(), c.output_type(),
                c.output_wordOrder(), c.output_scale(), c.output_offset(), null);
        if (output.isPresent() && output.get().table() != Table.HOLDING) {
            throw p.invalid("output.table", "INPUT", "HOLDING (input registers cannot be written)");
        }
        int cmdAddr = wire(p, "command.address", c.command_address(), base);
        Map<String, Integer> commands = Map.of(RUN, c.command_run(), RAW, c.command_raw(), HOLD, c.command_hold(), VENT,
                c.command_vent(), STOP, c.command_stop());
        int statusAddr = wire(p, "status.address", c.status_address(), base);
        double rangeKn = c.forceRange_kN();
        double ratingKn = c.forceRating_kN();
        if ((setpoint.isPresent() || output.isPresent()) && !(ratingKn > 0)) {
            throw p.invalid("forceRating.kN", String.valueOf(ratingKn),
                    "the press's force rating in kN (> 0) when the map has a setpoint or output: the driver refuses setpoints above it");
        }
        int period = c.poll_period_ms();
        int timeout = c.timeout_ms();
        int retries = c.retries();
        int stale = c.stale_after_ms();
        int disconnectAfter = c.disconnect_after();
        if (period < 1) {
            throw p.invalid("poll.period.ms", String.valueOf(period), "at least 1");
        }
        if (timeout < 1) {
            throw p.invalid("timeout.ms", String.valueOf(timeout), "at least 1");
        }
        if (retries < 0 || retries > 10) {
            throw p.invalid("retries", String.valueOf(retries), "0..10");
        }
        if (stale < period) {
            throw p.invalid("stale.after.ms", String.valueOf(stale), "at least poll.period.ms (" + period + ")");
        }
        if (disconnectAfter < 1) {
            throw p.invalid("disconnect.after", String.valueOf(disconnectAfter), "at least 1");
        }
        return new ModbusSettings(id, port, serial, slave, timeout, retries, period, stale, disconnectAfter, force, pressure,
                setpoint, output, cmdAddr, commands, wire(p, "enable.coil", c.enable_coil(), base), c.status_table(), statusAddr,
                c.status_alarmMask(), c.status_overloadMask(), c.status_holdMask(), c.device_kind(), c.device_vendor(),
                c.device_model(), positive(rangeKn, 1e3), positive(ratingKn, 1e3), positive(c.ramArea_mm2(), 1e-6),
                positive(c.maxForceRate_kNps(), 1e3), positive(c.pressureRange_MPa(), 1e6), positive(c.pressureRating_MPa(), 1e6));
    }

    /** {@code v × toSi}, or NaN (unknown) when {@code v} is not above 0. */
    private static double positive(double v, double toSi) {
        return v > 0 ? v * toSi : Double.NaN;
    }

    /** The wire address of the configured {@code address}, or -1 when it is not in the map (negative). */
    private static int wire(ConfigProperties p, String key, int address, int base) {
        if (address < 0) {
            return -1;
        }
        if (address - base < 0) {
            throw p.invalid(key, String.valueOf(address), "at least 1 with address.base=1");
        }
        return address - base;
    }

    private static Optional<RegisterValue> value(ConfigProperties p, String prefix, int base, Table table, int address, DataType type,
            WordOrder order, double scale, double offset, Unit unit) {
        int addr = wire(p, prefix + ".address", address, base);
        if (addr < 0) {
            return Optional.empty();
        }
        if (prefix.equals("force") && !unit.force) {
            throw p.invalid("force.unit", unit.name(), "a force unit (N, kN, kgf, lbf, tf)");
        }
        if (prefix.equals("pressure") && unit.force) {
            throw p.invalid("pressure.unit", unit.name(), "a pressure unit (Pa, kPa, MPa, bar, psi)");
        }
        try {
            return Optional.of(new RegisterValue(table, addr, type, order == WordOrder.LOW_FIRST, scale, offset, unit));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.where() + ": " + prefix + ": " + e.getMessage());
        }
    }
}
