package org.presslab.serial.shell.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.presslab.serial.Direction;
import org.presslab.serial.FlowControl;
import org.presslab.serial.Parity;
import org.presslab.serial.PortSelector;
import org.presslab.serial.RawFrame;
import org.presslab.serial.SerialSettings;
import org.presslab.serial.StopBits;

class SerialArgsTest {

    @Test
    void portsByPathOrUsbIdentity() {
        assertEquals("/dev/serial/by-id/usb-FTDI_A1-if00", SerialArgs.port(" /dev/serial/by-id/usb-FTDI_A1-if00 ").path());
        PortSelector usb = SerialArgs.port("usb:0403:6001:A12345");
        assertEquals(0x0403, usb.usbVendorId());
        assertEquals(0x6001, usb.usbProductId());
        assertEquals("A12345", usb.usbSerial());
        assertEquals("", SerialArgs.port("usb:0x0403:6001").usbSerial());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SerialArgs.port("usb:0403")).getMessage()
                .contains("usb:VID:PID"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SerialArgs.port("usb:zz:6001")).getMessage()
                .contains("'zz'"));
    }

    @Test
    void framesLikeTheDatasheetWritesThem() {
        assertEquals(new SerialSettings(19200, 8, Parity.EVEN, StopBits.ONE, FlowControl.NONE), SerialArgs.settings(19200, "8e1", null));
        assertEquals(new SerialSettings(9600, 7, Parity.ODD, StopBits.TWO, FlowControl.RTS_CTS), SerialArgs.settings(9600, "7O2", "rtscts"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SerialArgs.settings(9600, "9N1", null)).getMessage()
                .contains("'9N1'"));
        assertThrows(IllegalArgumentException.class, () -> SerialArgs.settings(9600, "8N1", "maybe"));
    }

    @Test
    void escapedAndHexQueries() {
        assertArrayEquals(new byte[] {'W', '\r', '\n'}, SerialArgs.escaped("W\\r\\n"));
        assertArrayEquals(new byte[] {0x02, 'P', 0x03}, SerialArgs.escaped("\\x02P\\x03"));
        assertArrayEquals(new byte[] {'\\'}, SerialArgs.escaped("\\\\"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SerialArgs.escaped("\\xG1")).getMessage().contains("'G1'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SerialArgs.escaped("\\x0")).getMessage().contains("two hex digits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SerialArgs.escaped("a\\q")).getMessage().contains("\\q"));
        assertArrayEquals(new byte[] {1, 3, 0, 0, 0, 2, (byte) 0xC4, 0x0B}, SerialArgs.hex("01 03 00 00 00 02 C4 0B"));
        assertArrayEquals(new byte[] {1, 3}, SerialArgs.hex("0x0103"));
        assertThrows(IllegalArgumentException.class, () -> SerialArgs.hex("01 0"));
    }

    @Test
    void monitorNeverBlocksTheIoThreadAndCountsDrops() {
        FrameMonitor monitor = new FrameMonitor(3);
        for (int i = 0; i < 5; i++) {
            monitor.onFrame(new RawFrame("/dev/ttyUSB0", i % 2 == 0 ? Direction.TX : Direction.RX, Instant.EPOCH, i,
                    new byte[] {1, 3, (byte) i}));
        }
        assertEquals(2, monitor.dropped());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long printed = monitor.print(new PrintStream(buf, true, StandardCharsets.UTF_8), FrameFormat.Mode.BOTH, 3, 0);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(3, printed);
        assertTrue(text.contains("2 frame(s) dropped"), text);
        assertTrue(text.contains("TX    3  01 03 00  |\\x01\\x03\\x00|"), text);
        assertTrue(text.contains("RX    3  01 03 01"), text);
    }

    @Test
    void monitorStopsOnInterrupt() {
        FrameMonitor monitor = new FrameMonitor(3);
        Thread.currentThread().interrupt();
        long printed = monitor.print(new PrintStream(new ByteArrayOutputStream()), FrameFormat.Mode.HEX, 0, 0);
        assertEquals(0, printed);
        assertTrue(Thread.interrupted());
    }
}
