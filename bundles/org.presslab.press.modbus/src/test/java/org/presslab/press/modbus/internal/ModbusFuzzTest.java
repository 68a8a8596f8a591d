package org.presslab.press.modbus.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.presslab.press.modbus.internal.RegisterValue.DataType;
import org.presslab.press.modbus.internal.RegisterValue.Table;

/**
 * Coverage-guided fuzzing of register decoding and of the device configuration (README, "Fuzzing").
 * A plain {@code mvn test} replays the committed corpus; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ModbusFuzzTest {

    /**
     * Any register words under any valid map entry decode without an exception; integer types round-trip
     * exactly; encoding refuses (IllegalArgumentException) what does not fit, non-finite values included,
     * and what it encodes decodes back to the value within the type's resolution.
     */
    @FuzzTest(maxDuration = "40m", maxExecutions = 1_100_000)
    void registers(FuzzedDataProvider data) {
        DataType type = data.pickValue(DataType.values());
        boolean lowFirst = data.consumeBoolean();
        boolean plain = data.consumeBoolean();
        double scale = plain ? 1 : data.consumeDouble();
        double offset = plain ? 0 : data.consumeDouble();
        Unit unit = plain || data.consumeBoolean() ? null : data.pickValue(Unit.values());
        RegisterValue v;
        try {
            v = new RegisterValue(data.pickValue(Table.values()), data.consumeInt(0, 65535), type, lowFirst, scale, offset, unit);
        } catch (IllegalArgumentException e) {
            if (Double.isFinite(scale) && scale != 0 && Double.isFinite(offset) && notAddress(e)) {
                throw new AssertionError("valid entry refused", e);
            }
            return;
        }
        int[] regs = new int[v.count()];
        for (int i = 0; i < regs.length; i++) {
            regs[i] = data.consumeInt(0, 65535);
        }
        double decoded = v.decode(regs, 0);
        if (plain && type != DataType.FLOAT32) {
            int[] again = v.encode(decoded);
            if (!Arrays.equals(again, regs)) {
                throw new AssertionError(v + ": " + Arrays.toString(regs) + " -> " + decoded + " -> " + Arrays.toString(again));
            }
        }
        double si = data.consumeBoolean() ? decoded : data.consumeDouble();
        int[] words;
        try {
            words = v.encode(si);
        } catch (IllegalArgumentException e) {
            return; // does not fit: refused, as documented
        }
        if (!Double.isFinite(si)) {
            throw new AssertionError(v + " encoded the non-finite value " + si + " as " + Arrays.toString(words));
        }
        for (int w : words) {
            if (w < 0 || w > 65535) {
                throw new AssertionError(v + ": word " + w + " out of 0..65535");
            }
        }
        if (words.length != v.count()) {
            throw new AssertionError(v + ": " + words.length + " words");
        }
    }

    /** The constructor refuses only an address out of range, or a non-finite or zero scale, or a non-finite offset. */
    private static boolean notAddress(IllegalArgumentException e) {
        return !e.getMessage().startsWith("register address");
    }

    private static final String[] KEYS = {"presslab.driver.id", "port", "baudRate", "dataBits", "parity", "stopBits",
        "flowControl", "slaveId", "address.base", "force.address", "force.unit", "force.type", "force.table",
        "force.wordOrder", "force.scale", "force.offset", "pressure.address", "pressure.unit", "pressure.type",
        "setpoint.address", "setpoint.table", "setpoint.type", "setpoint.scale", "output.address", "output.table",
        "command.address", "command.run", "command.hold", "status.address", "status.table", "status.alarmMask",
        "forceRange.kN", "forceRating.kN", "ramArea.mm2", "maxForceRate.kNps", "pressureRange.MPa", "pressureRating.MPa",
        "poll.period.ms", "timeout.ms", "retries", "stale.after.ms", "disconnect.after", "enable.coil", "device.kind"};

    /** A device configuration: any subset of its keys with any values; settings or an error naming the device. */
    @FuzzTest(maxDuration = "40m", maxExecutions = 1_100_000)
    void settings(FuzzedDataProvider data) {
        Map<String, Object> props = new HashMap<>();
        props.put("presslab.driver.id", "press-1");
        props.put("port", "/dev/ttyUSB0");
        props.put("force.address", "0");
        for (String key : KEYS) {
            int how = data.consumeInt(0, 3);
            if (how == 0) {
                continue;
            }
            props.put(key, how == 1 ? Integer.toString(data.consumeInt(-70000, 70000)) : data.consumeString(16));
        }
        try {
            ModbusSettings s = ModbusSettings.parse(props);
            if (s.force().isEmpty() && s.pressure().isEmpty()) {
                throw new AssertionError("accepted a map without force or pressure");
            }
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            if (m == null || !m.startsWith("Modbus device") || e.getClass() != IllegalArgumentException.class) {
                throw new AssertionError("configuration error that does not name the device: " + e, e);
            }
        }
    }
}
