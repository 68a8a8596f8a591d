package org.presslab.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The configuration readers of the API: keys, defaults and error messages. */
@SuppressWarnings("deprecation") // the deprecated map readers keep working until 2.0
class SerialConfigTest {

    private static final String WHERE = "Test device 'd1'";

    @Test
    void defaultsAre9600_8N1WithoutFlowControl() {
        SerialSettings s = SerialSettings.fromConfig(Map.of(), WHERE);
        assertEquals(new SerialSettings(9600, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE), s);
    }

    @Test
    void readsEveryLineSetting() {
        Map<String, Object> m = new HashMap<>();
        m.put("baudRate", "115200");
        m.put("dataBits", 7);
        m.put("parity", "even");
        m.put("stopBits", "1.5");
        m.put("flowControl", "rts-cts");
        SerialSettings s = SerialSettings.fromConfig(m, WHERE);
        assertEquals(new SerialSettings(115200, 7, Parity.EVEN, StopBits.ONE_POINT_FIVE, FlowControl.RTS_CTS), s);
        m.put("stopBits", new String[] {" 2 "});
        assertEquals(StopBits.TWO, SerialSettings.fromConfig(m, WHERE).stopBits());
    }

    @Test
    void errorsNameTheDeviceAndTheKey() {
        assertEquals("Test device 'd1': 'stopBits' must be 1, 1.5 or 2, was '3'",
                assertThrows(IllegalArgumentException.class, () -> SerialSettings.fromConfig(Map.of("stopBits", "3"), WHERE)).getMessage());
        // The device is named once, not once per layer that rethrows.
        assertEquals("Test device 'd1': 'baudRate' must be an integer, was 'fast'",
                assertThrows(IllegalArgumentException.class, () -> SerialSettings.fromConfig(Map.of("baudRate", "fast"), WHERE)).getMessage());
        assertEquals("Test device 'd1': data bits must be 5 to 8, was 9",
                assertThrows(IllegalArgumentException.class, () -> SerialSettings.fromConfig(Map.of("dataBits", "9"), WHERE)).getMessage());
        assertEquals("Test device 'd1': 'parity' must be one of [NONE, EVEN, ODD, MARK, SPACE], was 'X'",
                assertThrows(IllegalArgumentException.class, () -> SerialSettings.fromConfig(Map.of("parity", "X"), WHERE)).getMessage());
    }

    @Test
    void portByPathWinsOverUsbIdentity() {
        ConfigProperties c = new ConfigProperties(Map.of("port", "/dev/ttyUSB0", "usb.vendorId", "0403", "usb.productId", "6001"), WHERE);
        assertEquals(PortSelector.byPath("/dev/ttyUSB0"), PortSelector.fromConfig(c));
    }

    @Test
    void portByUsbIdentity() {
        ConfigProperties c = new ConfigProperties(Map.of("usb.vendorId", "0x0403", "usb.productId", "6001", "usb.serial", "A1"), WHERE);
        assertEquals(PortSelector.byUsb(0x0403, 0x6001, "A1"), PortSelector.fromConfig(c));
    }

    @Test
    void missingPortNamesTheKeys() {
        assertEquals("Test device 'd1': a serial port needs a path (e.g. /dev/ttyUSB0) or a USB vendor and product id"
                + " ('port' or 'usb.vendorId' + 'usb.productId')",
                assertThrows(IllegalArgumentException.class, () -> PortSelector.fromConfig(new ConfigProperties(Map.of(), WHERE))).getMessage());
    }

    @Test
    void readerTreatsBlankAsAbsentAndReadsHex() {
        ConfigProperties c = new ConfigProperties(Map.of("a", " ", "b", "0x1F", "c", 2.5, "d", "x"), WHERE);
        assertEquals("def", c.string("a", "def"));
        assertEquals(7, c.integer("a", 7));
        assertEquals(31, c.integer("b", 0));
        assertEquals(2.5, c.number("c", 0));
        assertEquals("Test device 'd1': 'd' must be a number, was 'x'",
                assertThrows(IllegalArgumentException.class, () -> c.number("d", 0)).getMessage());
    }
}
