package org.presslab.serial.jserialcomm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.presslab.serial.SerialPortException;
import org.presslab.serial.SerialPortException.Reason;

class PortErrorsTest {

    @Test
    void permissionDeniedNamesThePortAndTheGroupFix() {
        SerialPortException e = PortErrors.openFailed("/dev/serial/by-id/usb-FTDI-if00", "/dev/ttyUSB0", PortErrors.EACCES);
        assertEquals(Reason.PERMISSION_DENIED, e.reason());
        assertEquals("/dev/serial/by-id/usb-FTDI-if00", e.port());
        assertTrue(e.getMessage().startsWith("port /dev/serial/by-id/usb-FTDI-if00 permission denied on /dev/ttyUSB0"), e.getMessage());
        assertTrue(e.getMessage().contains("usermod -aG"), e.getMessage());
        assertTrue(e.getMessage().contains("udev rule"), e.getMessage());
    }

    @Test
    void lockedByAnotherProgramIsBusy() {
        SerialPortException e = PortErrors.openFailed("/dev/ttyUSB0", "/dev/ttyUSB0", PortErrors.EAGAIN);
        assertEquals(Reason.BUSY, e.reason());
        assertTrue(e.getMessage().contains("fuser /dev/ttyUSB0"), e.getMessage());
    }

    @Test
    void noDeviceIsAbsent() {
        assertEquals(Reason.ABSENT, PortErrors.openFailed("/dev/ttyUSB3", "/dev/ttyUSB3", PortErrors.ENXIO).reason());
        assertEquals(Reason.IO_ERROR, PortErrors.openFailed("/dev/ttyUSB3", "/dev/ttyUSB3", 71).reason());
    }
}
