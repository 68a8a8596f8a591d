package org.presslab.emulators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The CRC against frames published with their CRC. */
class ModbusCrcTest {

    private static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }

    @Test
    void modbusOverSerialLineSpecExample() {
        // MODBUS over Serial Line V1.02, appendix B: slave 02, function 07 -> CRC 0x1241, sent 41 12
        assertArrayEquals(hex("02 07 41 12"), ModbusCrc.frame(hex("02 07")));
    }

    @Test
    void simplyModbusReadHoldingRegistersExample() {
        // simplymodbus.ca FC03 example: read 3 registers from 0x006B of slave 0x11
        assertArrayEquals(hex("11 03 00 6B 00 03 76 87"), ModbusCrc.frame(hex("11 03 00 6B 00 03")));
    }

    @Test
    void widelyQuotedReadTenRegistersFrame() {
        assertArrayEquals(hex("01 03 00 00 00 0A C5 CD"), ModbusCrc.frame(hex("01 03 00 00 00 0A")));
    }

    @Test
    void checkRejectsOneFlippedBit() {
        byte[] f = hex("11 03 00 6B 00 03 76 87");
        assertTrue(ModbusCrc.check(f, f.length));
        f[3] ^= 0x01;
        assertFalse(ModbusCrc.check(f, f.length));
        assertFalse(ModbusCrc.check(f, 2));
    }
}
