package org.presslab.press.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.SafeAction;
import org.presslab.press.modbus.internal.RegisterValue.DataType;
import org.presslab.press.modbus.internal.RegisterValue.Table;

class RegisterValueTest {

    private static RegisterValue v(DataType t, boolean lowFirst, double scale, double offset, Unit u) {
        return new RegisterValue(Table.INPUT, 0, t, lowFirst, scale, offset, u);
    }

    @Test
    void int16AndUint16() {
        assertEquals(-12.3, v(DataType.INT16, false, 0.1, 0, Unit.N).decode(new int[] {0xFF85}, 0), 1e-9);
        assertEquals(6541.3, v(DataType.UINT16, false, 0.1, 0, Unit.N).decode(new int[] {0xFF85}, 0), 1e-9);
        assertArrayEquals(new int[] {0xFF85}, v(DataType.INT16, false, 0.1, 0, Unit.N).encode(-12.3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v(DataType.INT16, false, 0.1, 0, Unit.N).encode(4000));
        assertTrue(e.getMessage().contains("does not fit INT16"), e.getMessage());
    }

    @Test
    void int32InBothWordOrders() {
        // 5810.7 N at 0.1 N per count = 58107 = 0x0000E2FB
        assertEquals(5810.7, v(DataType.INT32, false, 0.1, 0, Unit.N).decode(new int[] {0x0000, 0xE2FB}, 0), 1e-9);
        assertEquals(5810.7, v(DataType.INT32, true, 0.1, 0, Unit.N).decode(new int[] {0xE2FB, 0x0000}, 0), 1e-9, "low word first (LD2051 style)");
        assertEquals(-1.0, v(DataType.INT32, false, 1, 0, Unit.N).decode(new int[] {0xFFFF, 0xFFFF}, 0), 1e-9);
        assertEquals(4294967295.0, v(DataType.UINT32, false, 1, 0, Unit.N).decode(new int[] {0xFFFF, 0xFFFF}, 0), 1e-9);
        assertArrayEquals(new int[] {0xE2FB, 0x0000}, v(DataType.INT32, true, 0.1, 0, Unit.N).encode(5810.7));
    }

    @Test
    void float32WithUnitAndOffset() {
        int bits = Float.floatToIntBits(74.0f);
        int hi = bits >>> 16;
        int lo = bits & 0xFFFF;
        assertEquals(74e6, v(DataType.FLOAT32, false, 1, 0, Unit.MPa).decode(new int[] {hi, lo}, 0), 1e-3);
        assertEquals(74e6, v(DataType.FLOAT32, true, 1, 0, Unit.MPa).decode(new int[] {lo, hi}, 0), 1e-3);
        assertEquals(5.81e3, v(DataType.FLOAT32, false, 1, 0, Unit.kN).decode(new int[] {Float.floatToIntBits(5.81f) >>> 16, Float.floatToIntBits(5.81f) & 0xFFFF}, 0), 1e-3);
        // a transmitter reporting 4..20 mA as 0..16000 counts for 0..100 kN: scale 100/16000 kN per count
        RegisterValue ma = v(DataType.UINT16, false, 100.0 / 16000, 0, Unit.kN);
        assertEquals(50e3, ma.decode(new int[] {8000}, 0), 1e-6);
        // counts × 0.01 − 5 MPa: 2000 counts are 15 MPa
        assertEquals(15e6, v(DataType.INT16, false, 0.01, -5, Unit.MPa).decode(new int[] {2000}, 0), 1e-6, "offset in device units");
        assertArrayEquals(new int[] {2000}, v(DataType.INT16, false, 0.01, -5, Unit.MPa).encode(15e6));
        assertEquals(10 * 4.4482216152605, v(DataType.INT16, false, 1, 0, Unit.lbf).decode(new int[] {10}, 0), 1e-9);
    }

    /** A minimal valid map: device p on /dev/ttyUSB0, force at input register 1. */
    static Map<String, Object> base() {
        Map<String, Object> m = new HashMap<>();
        m.put("presslab.driver.id", "p");
        m.put("port", "/dev/ttyUSB0");
        m.put("force.address", "1");
        return m;
    }

    @Test
    void addressBaseOneMapsManualNumbersToTheWire() {
        Map<String, Object> m = base();
        m.put("address.base", "1");
        m.put("force.address", "81");
        assertEquals(80, ModbusSettings.parse(m).force().orElseThrow().address(), "Alfa 3000C 'register 81' goes out as 80");
        m.put("force.address", "0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModbusSettings.parse(m));
        assertTrue(e.getMessage().contains("'force.address'") && e.getMessage().contains("address.base=1"), e.getMessage());
    }

    @Test
    void settingsErrorsNameTheKeyAndTheDevice() {
        Map<String, Object> m = base();
        m.put("force.type", "INT64");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModbusSettings.parse(m));
        assertTrue(e.getMessage().startsWith("Modbus device 'p': 'force.type' must be one of"), e.getMessage());
        m.put("force.type", "INT32");
        m.put("force.unit", "MPa");
        e = assertThrows(IllegalArgumentException.class, () -> ModbusSettings.parse(m));
        assertTrue(e.getMessage().contains("'force.unit' must be a force unit"), e.getMessage());
        m.put("force.unit", "kN");
        m.put("setpoint.address", "10");
        e = assertThrows(IllegalArgumentException.class, () -> ModbusSettings.parse(m));
        assertTrue(e.getMessage().contains("'forceRating.kN'"), e.getMessage());
        m.put("forceRating.kN", "50");
        m.put("slaveId", "300");
        e = assertThrows(IllegalArgumentException.class, () -> ModbusSettings.parse(m));
        assertTrue(e.getMessage().contains("'slaveId' must be 1..247"), e.getMessage());
        Map<String, Object> none = base();
        none.remove("force.address");
        e = assertThrows(IllegalArgumentException.class, () -> ModbusSettings.parse(none));
        assertTrue(e.getMessage().contains("needs 'force.address' or 'pressure.address'"), e.getMessage());
    }

    @Test
    void modesAndSafeActionsFollowTheMap() {
        Map<String, Object> m = base();
        m.put("setpoint.address", "10");
        m.put("setpoint.unit", "MPa");
        m.put("forceRating.kN", "50");
        m.put("command.address", "0");
        m.put("command.run", "1");
        m.put("command.hold", "0");
        ModbusSettings s = ModbusSettings.parse(m);
        assertEquals(java.util.List.of(ActuationMode.PRESSURE_SETPOINT), s.modes());
        assertEquals(java.util.List.of(SafeAction.HOLD), s.safeActions());
        m.put("enable.coil", "3");
        assertEquals(java.util.List.of(SafeAction.HOLD, SafeAction.STOP), ModbusSettings.parse(m).safeActions());
    }
}
