package org.presslab.serial.jserialcomm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.presslab.serial.FlowControl;
import org.presslab.serial.Parity;
import org.presslab.serial.SerialSettings;
import org.presslab.serial.StopBits;

class SettingsVerifierTest {

    /** What {@code stty -F /dev/pts/N -a} printed on this machine after asking a pty for 7E2. */
    private static final String PTY_AFTER_7E2 = """
            speed 9600 baud; rows 0; columns 0; line = 0;
            intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>;
            werase = ^W; lnext = ^V; discard = ^O; min = 0; time = 0;
            -parenb -parodd -cmspar cs8 -hupcl cstopb cread clocal -crtscts
            -ignbrk brkint ignpar -parmrk inpck istrip -inlcr -igncr -icrnl -ixon -ixoff
            """;

    @Test
    void parityAndDataBitsDroppedByThePtyAreReported() {
        SerialSettings wanted = new SerialSettings(9600, 7, Parity.EVEN, StopBits.TWO, FlowControl.NONE);
        Optional<String> problem = SettingsVerifier.compare(PTY_AFTER_7E2, wanted);
        assertTrue(problem.isPresent());
        assertTrue(problem.get().contains("parity is NONE not EVEN"), problem.get());
        assertTrue(problem.get().contains("data bits are 8 not 7"), problem.get());
        assertTrue(!problem.get().contains("stop bits"), "two stop bits did take: " + problem.get());
    }

    @Test
    void matchingSettingsPass() {
        assertEquals(Optional.empty(), SettingsVerifier.compare(PTY_AFTER_7E2,
                new SerialSettings(9600, 8, Parity.NONE, StopBits.TWO, FlowControl.NONE)));
    }

    @Test
    void oddParityReadBack() {
        String out = "parenb parodd -cmspar cs8 -cstopb";
        assertEquals(Optional.empty(), SettingsVerifier.compare(out, new SerialSettings(19200, 8, Parity.ODD, StopBits.ONE, FlowControl.NONE)));
        assertTrue(SettingsVerifier.compare(out, new SerialSettings(19200, 8, Parity.EVEN, StopBits.ONE, FlowControl.NONE)).isPresent());
        assertTrue(SettingsVerifier.compare(out, new SerialSettings(19200, 8, Parity.ODD, StopBits.TWO, FlowControl.NONE))
                .orElseThrow().contains("stop bits are 1 not 2"));
    }
}
