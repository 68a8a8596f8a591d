package org.presslab.press.modbus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.SafeAction;
import org.presslab.press.modbus.internal.RegisterValue.DataType;
import org.presslab.press.modbus.internal.RegisterValue.Table;
import org.presslab.serial.ConfigProperties;
import org.presslab.serial.PortSelector;
import org.presslab.serial.SerialSettings;

/**
 * A Modbus device's configuration, validated: the port, the slave and the register map. Built
 * from the factory configuration's properties ({@link #parse}); every problem names its key.
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

    static ModbusSettings parse(Map<String, ?> properties) {
        String id = new ConfigProperties(properties, "Modbus device").string("presslab.driver.id", "");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("Modbus device: 'presslab.driver.id' is required (a stable name such as press-1)");
        }
        ConfigProperties p = new ConfigProperties(properties, "Modbus device '" + id + "'");
        PortSelector port;
        try {
            port = PortSelector.fromConfig(p);
        } catch (IllegalArgumentException e) {
            // the port keys' own errors (a USB id that is not hexadecimal) do not all name the device
            throw e.getMessage() != null && e.getMessage().startsWith(p.where()) ? e
                    : new IllegalArgumentException(p.where() + ": " + e.getMessage(), e);
        }
        SerialSettings serial = SerialSettings.fromConfig(p);
        int slave = p.integer("slaveId", 1);
        if (slave < 1 || slave > 247) {
            throw p.invalid("slaveId", String.valueOf(slave), "1..247");
        }
        int base = p.integer("address.base", 0);
        if (base != 0 && base != 1) {
            throw p.invalid("address.base", String.valueOf(base), "0 (addresses as sent on the wire) or 1 (as numbered from 1 in the manual)");
        }
        Optional<RegisterValue> force = value(p, "force", base, "INPUT", "INT32", "N");
        Optional<RegisterValue> pressure = value(p, "pressure", base, "INPUT", "INT32", "MPa");
        if (force.isEmpty() && pressure.isEmpty()) {
            throw new IllegalArgumentException(p.where() + ": the register map needs 'force.address' or 'pressure.address'");
        }
        Optional<RegisterValue> setpoint = value(p, "setpoint", base, "HOLDING", "INT32", "N");
        if (setpoint.isPresent() && setpoint.get().table() != Table.HOLDING) {
            throw p.invalid("setpoint.table", "INPUT", "HOLDING (input registers cannot be written)");
        }
        Optional<RegisterValue> output = value(p, "output", base, "HOLDING", "INT16", "");
        if (output.isPresent() && output.get().table() != Table.HOLDING) {
            throw p.invalid("output.table", "INPUT", "HOLDING (input registers cannot be written)");
        }
        int cmdAddr = wire(p, "command.address", base);
        Map<String, Integer> commands = Map.of(RUN, p.integer("command.run", -1), RAW, p.integer("command.raw", -1),
                HOLD, p.integer("command.hold", -1), VENT, p.integer("command.vent", -1), STOP, p.integer("command.stop", -1));
        int statusAddr = wire(p, "status.address", base);
        double rangeKn = p.number("forceRange.kN", 0);
        double ratingKn = p.number("forceRating.kN", 0);
        if ((setpoint.isPresent() || output.isPresent()) && !(ratingKn > 0)) {
            throw p.invalid("forceRating.kN", String.valueOf(ratingKn),
                    "the press's force rating in kN (> 0) when the map has a setpoint or output: the driver refuses setpoints above it");
        }
        int period = p.integer("poll.period.ms", 20);
        int timeout = p.integer("timeout.ms", 200);
        int retries = p.integer("retries", 2);
        int stale = p.integer("stale.after.ms", 500);
        int disconnectAfter = p.integer("disconnect.after", 3);
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
                setpoint, output, cmdAddr, commands, p.integer("enable.coil", -1) < 0 ? -1 : wireValue(p, "enable.coil", p.integer("enable.coil", -1), base),
                p.enumValue("status.table", Table.class, "INPUT"), statusAddr, p.integer("status.alarmMask", 0),
                p.integer("status.overloadMask", 0), p.integer("status.holdMask", 0),
                p.enumValue("device.kind", DeviceKind.class, "AUTOMATIC_HYDRAULIC_PRESS"), p.string("device.vendor", "unknown vendor"),
                p.string("device.model", "Modbus RTU device"), rangeKn > 0 ? rangeKn * 1e3 : Double.NaN, ratingKn > 0 ? ratingKn * 1e3 : Double.NaN,
                p.number("ramArea.mm2", 0) > 0 ? p.number("ramArea.mm2", 0) * 1e-6 : Double.NaN,
                p.number("maxForceRate.kNps", 0) > 0 ? p.number("maxForceRate.kNps", 0) * 1e3 : Double.NaN,
                p.number("pressureRange.MPa", 0) > 0 ? p.number("pressureRange.MPa", 0) * 1e6 : Double.NaN,
                p.number("pressureRating.MPa", 0) > 0 ? p.number("pressureRating.MPa", 0) * 1e6 : Double.NaN);
    }

    private static int wire(ConfigProperties p, String key, int base) {
        int a = p.integer(key, -1);
        return a < 0 ? -1 : wireValue(p, key, a, base);
    }

    private static int wireValue(ConfigProperties p, String key, int a, int base) {
        if (a - base < 0) {
            throw p.invalid(key, String.valueOf(a), "at least 1 with address.base=1");
        }
        return a - base;
    }

    private static Optional<RegisterValue> value(ConfigProperties p, String prefix, int base, String table, String type, String unit) {
        int addr = wire(p, prefix + ".address", base);
        if (addr < 0) {
            return Optional.empty();
        }
        String u = p.string(prefix + ".unit", unit);
        Unit parsed;
        try {
            parsed = u.isEmpty() ? null : Unit.parse(u, prefix + ".unit");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.where() + ": " + e.getMessage());
        }
        if (prefix.equals("force") && parsed != null && !parsed.force) {
            throw p.invalid("force.unit", u, "a force unit (N, kN, kgf, lbf, tf)");
        }
        if (prefix.equals("pressure") && parsed != null && parsed.force) {
            throw p.invalid("pressure.unit", u, "a pressure unit (Pa, kPa, MPa, bar, psi)");
        }
        String order = p.string(prefix + ".wordOrder", "HIGH_FIRST").toUpperCase(Locale.ROOT);
        if (!order.equals("HIGH_FIRST") && !order.equals("LOW_FIRST")) {
            throw p.invalid(prefix + ".wordOrder", order, "HIGH_FIRST or LOW_FIRST");
        }
        Table t = p.enumValue(prefix + ".table", Table.class, table);
        DataType dt = p.enumValue(prefix + ".type", DataType.class, type);
        double scale = p.number(prefix + ".scale", prefix.equals("output") ? 0.001 : 1);
        double offset = p.number(prefix + ".offset", 0);
        try {
            return Optional.of(new RegisterValue(t, addr, dt, order.equals("LOW_FIRST"), scale, offset, parsed));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.where() + ": " + prefix + ": " + e.getMessage());
        }
    }
}
