package org.presslab.serial.jserialcomm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.serial.Direction;
import org.presslab.serial.FlowControl;
import org.presslab.serial.Parity;
import org.presslab.serial.PortSelector;
import org.presslab.serial.PortState;
import org.presslab.serial.ProbeResult;
import org.presslab.serial.RawFrame;
import org.presslab.serial.SerialConnection;
import org.presslab.serial.SerialPortException;
import org.presslab.serial.SerialPortException.Reason;
import org.presslab.serial.SerialSettings;
import org.presslab.serial.StopBits;

/** The transport through a real pseudo-terminal pair made by socat. */
class PtyConnectionTest {

    private static final SerialSettings S = SerialSettings.of8N1(115200);

    @TempDir
    Path dir;
    private SocatPty pty;
    private PortRegistry registry;
    private JSerialCommPortManager manager;

    @BeforeEach
    void setUp() throws Exception {
        pty = new SocatPty(dir);
        registry = new PortRegistry();
        manager = new JSerialCommPortManager(registry, 20, 200, true);
    }

    @AfterEach
    void tearDown() throws Exception {
        manager.deactivate();
        assertEquals(List.of(), registry.all(), "no connection left open");
        pty.close();
    }

    @Test
    void opensBySymlinkKeepsTheConfiguredPathAsIdentityAndMovesBytes() throws Exception {
        SerialConnection a = manager.open(PortSelector.byPath(pty.a.toString()), S, "test a");
        SerialConnection b = manager.open(PortSelector.byPath(pty.b.toString()), S, "test b");
        assertEquals(PortState.OPEN, a.state());
        assertEquals(pty.a.toString(), a.id());
        assertTrue(a.systemPath().startsWith("/dev/pts/"), a.systemPath());
        assertEquals(Files.readSymbolicLink(pty.a).toString(), a.systemPath());

        List<RawFrame> seen = new CopyOnWriteArrayList<>();
        a.addFrameListener(seen::add);
        a.write("hello\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] buf = new byte[7];
        assertEquals(7, b.read(buf, 0, 7, 1000));
        assertEquals("hello\r\n", new String(buf, StandardCharsets.US_ASCII));
        b.write(new byte[] {1, 2, 3});
        byte[] in = new byte[16];
        assertEquals(3, a.read(in, 0, 3, 1000));
        assertEquals(2, seen.size());
        assertEquals(Direction.TX, seen.get(0).direction());
        assertEquals("hello\\r\\n", seen.get(0).ascii());
        assertEquals(Direction.RX, seen.get(1).direction());
        assertEquals("01 02 03", seen.get(1).hex());
        assertEquals(7, a.bytesSent());
        assertEquals(3, a.bytesReceived());
        assertEquals(List.of(a, b), manager.connections());
        assertEquals(a, manager.connection(pty.a.toString()).orElseThrow());
    }

    @Test
    void readTimesOutWithoutData() throws Exception {
        SerialConnection a = manager.open(PortSelector.byPath(pty.a.toString()), S, "test");
        long t0 = System.nanoTime();
        assertEquals(0, a.read(new byte[4], 0, 4, 150));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms >= 120 && ms < 1000, "timeout honoured, took " + ms + " ms");
        assertEquals(0, a.readSome(new byte[4], 0, 4, 50));
    }

    @Test
    void parityOnAPtyIsRefusedClearly() throws Exception {
        SerialSettings evenParity = new SerialSettings(9600, 8, Parity.EVEN, StopBits.ONE, FlowControl.NONE);
        SerialConnection a = manager.open(PortSelector.byPath(pty.a.toString()), evenParity, "modbus 8E1");
        assertEquals(PortState.OPENING, a.state());
        SerialPortException e = a.lastError().orElseThrow();
        assertEquals(Reason.SETTINGS_REFUSED, e.reason());
        assertTrue(e.getMessage().contains("port " + pty.a + " refused settings 9600 8E1"), e.getMessage());
        assertTrue(e.getMessage().contains("parity is NONE not EVEN"), e.getMessage());
        // 8N2, what Modbus asks for without parity, is accepted
        SerialConnection b = manager.open(PortSelector.byPath(pty.b.toString()),
                new SerialSettings(9600, 8, Parity.NONE, StopBits.TWO, FlowControl.NONE), "modbus 8N2");
        assertEquals(PortState.OPEN, b.state());
    }

    @Test
    void absentPortNamesThePath() throws Exception {
        String missing = dir.resolve("ttyUSB9").toString();
        SerialConnection c = manager.open(PortSelector.byPath(missing), S, "gauge");
        assertEquals(PortState.OPENING, c.state());
        SerialPortException e = assertThrows(SerialPortException.class, () -> c.write(new byte[] {1}));
        assertEquals(Reason.ABSENT, e.reason());
        assertTrue(e.getMessage().startsWith("port " + missing + " absent: nothing at " + missing), e.getMessage());
    }

    @Test
    void absentUsbIdentityListsWhatIsThere() throws Exception {
        SerialConnection c = manager.open(PortSelector.byUsb(0x0403, 0x6001, "A9XYZ"), S, "gauge");
        SerialPortException e = c.lastError().orElseThrow();
        assertEquals(Reason.ABSENT, e.reason());
        assertEquals("usb:0403:6001:A9XYZ", c.id());
        assertTrue(e.getMessage().contains("no USB serial device with this identity"), e.getMessage());
    }

    @Test
    void secondHolderInThisJvmIsBusyEvenThroughAnotherLink() throws Exception {
        manager.open(PortSelector.byPath(pty.a.toString()), S, "press-1");
        SerialPortException same = assertThrows(SerialPortException.class,
                () -> manager.open(PortSelector.byPath(pty.a.toString()), S, "press-2"));
        assertEquals(Reason.BUSY, same.reason());
        assertTrue(same.getMessage().contains("'press-1'"), same.getMessage());

        Path otherLink = dir.resolve("alias");
        Files.createSymbolicLink(otherLink, Files.readSymbolicLink(pty.a));
        SerialConnection alias = manager.open(PortSelector.byPath(otherLink.toString()), S, "press-3");
        SerialPortException e = alias.lastError().orElseThrow();
        assertEquals(Reason.BUSY, e.reason());
        assertTrue(e.getMessage().contains("held by 'press-1' (as " + pty.a + ")"), e.getMessage());
    }

    @Test
    void portLockedByAnotherProgramIsBusy() throws Exception {
        String device = pty.a.toRealPath().toString();
        Process holder = new ProcessBuilder("flock", "-x", device, "sleep", "30").start();
        try {
            Thread.sleep(200);
            SerialConnection c = manager.open(PortSelector.byPath(pty.a.toString()), S, "press");
            SerialPortException e = c.lastError().orElseThrow();
            assertEquals(Reason.BUSY, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("another program holds " + device), e.getMessage());
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    @Test
    void vanishedPortIsReportedAndReopenedUnderTheSameLink() throws Exception {
        SerialConnection a = manager.open(PortSelector.byPath(pty.a.toString()), S, "driver");
        String before = a.systemPath();
        pty.stop();
        SerialPortException e = assertThrows(SerialPortException.class, () -> a.readSome(new byte[8], 0, 8, 200));
        assertEquals(Reason.VANISHED, e.reason());
        assertTrue(e.getMessage().contains("port " + pty.a + " vanished"), e.getMessage());
        assertEquals(PortState.LOST, a.state());
        // while gone: absent, with back-off
        Thread.sleep(30);
        SerialPortException gone = assertThrows(SerialPortException.class, a::ensureOpen);
        assertEquals(Reason.ABSENT, gone.reason());

        pty.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (a.state() != PortState.OPEN && System.nanoTime() < deadline) {
            try {
                a.ensureOpen();
            } catch (SerialPortException retry) {
                Thread.sleep(10);
            }
        }
        assertEquals(PortState.OPEN, a.state());
        assertEquals(1, a.reopens());
        assertFalse(a.lastError().isPresent());
        SerialConnection b = manager.open(PortSelector.byPath(pty.b.toString()), S, "device");
        b.write(new byte[] {42});
        byte[] one = new byte[1];
        assertEquals(1, a.read(one, 0, 1, 1000));
        assertEquals(42, one[0]);
        assertTrue(a.systemPath().startsWith("/dev/pts/"), "reopened on " + a.systemPath() + ", was " + before);
    }

    @Test
    void closeReleasesThePortAndUnblocksAReader() throws Exception {
        SerialConnection a = manager.open(PortSelector.byPath(pty.a.toString()), S, "driver");
        Thread reader = new Thread(() -> {
            try {
                a.read(new byte[4], 0, 4, 10_000);
            } catch (SerialPortException expected) {
                // closed under it
            }
        });
        reader.start();
        Thread.sleep(100);
        a.close();
        reader.join(3000);
        assertFalse(reader.isAlive(), "a blocked read returns when the port is closed");
        assertEquals(PortState.CLOSED, a.state());
        assertEquals(Reason.CLOSED, assertThrows(SerialPortException.class, () -> a.write(new byte[] {1})).reason());
        SerialConnection again = manager.open(PortSelector.byPath(pty.a.toString()), S, "next driver");
        assertEquals(PortState.OPEN, again.state());
    }

    @Test
    void deactivatingTheManagerClosesWhatItsBundleHeld() throws Exception {
        SerialConnection a = manager.open(PortSelector.byPath(pty.a.toString()), S, "driver");
        manager.deactivate();
        assertEquals(PortState.CLOSED, a.state());
        assertEquals(List.of(), registry.all());
    }

    @Test
    void probeSendsAQueryAndCollectsTheReply() throws Exception {
        SerialConnection device = manager.open(PortSelector.byPath(pty.b.toString()), S, "fake gauge");
        Thread answer = new Thread(() -> {
            try {
                byte[] q = new byte[2];
                if (device.read(q, 0, 2, 2000) == 2) {
                    device.write("12.5 N\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (SerialPortException e) {
                throw new IllegalStateException(e);
            }
        });
        answer.start();
        ProbeResult r = manager.probe(PortSelector.byPath(pty.a.toString()), S, "?\r".getBytes(StandardCharsets.US_ASCII), 1000, 50);
        answer.join(2000);
        assertTrue(r.answered());
        assertEquals("12.5 N\r\n", new String(r.reply(), StandardCharsets.US_ASCII));
        assertTrue(r.firstByteMs() >= 0 && r.firstByteMs() < 1000, "first byte after " + r.firstByteMs());
        assertArrayEquals("?\r".getBytes(StandardCharsets.US_ASCII), r.sent());
        assertEquals(Direction.TX, r.frames().get(0).direction());
        assertEquals(List.of(device), manager.connections(), "the probe released its port");
    }

    @Test
    void listPortsNeverThrows() {
        assertTrue(manager.listPorts() != null);
    }
}
