package org.presslab.emulators;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.presslab.time.TimeSources;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.TimeSource;

/**
 * Runs an emulator on a fresh pty pair until interrupted, for trying the drivers by hand (a Karaf
 * shell, the serial monitor) without hardware:
 *
 * <pre>
 * java -cp "tools/presslab-emulators/target/classes:$(cat cp.txt)" org.presslab.emulators.EmulatorMain modbus /tmp/pl100 115200
 * java -cp ... org.presslab.emulators.EmulatorMain ascii /tmp/gauge 9600 AND_STREAM N
 * </pre>
 *
 * Point the driver's {@code port} at {@code <dir>/host}.
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmulatorMain modbus <dir> [baud] [slaveId] | ascii <dir> [baud] [AND_STREAM|MARK10_POLLED] [N|kN|kgf|lbf]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[1]));
        int baud = args.length > 2 ? Integer.parseInt(args[2]) : 9600;
        TimeSource time = TimeSources.system();
        PtyPair pty = PtyPair.start(dir);
        AutoCloseable device;
        SimulatedDevice plant;
        if (args[0].toLowerCase(Locale.ROOT).equals("modbus")) {
            int slave = args.length > 3 ? Integer.parseInt(args[3]) : 1;
            plant = SimulatedDevices.hydraulicPress(time, "pl100-plant", 1);
            device = new RtuSlave(pty.device(), baud, slave, new ModbusPressController(plant));
            System.out.printf("PL-100 press controller, slave %d, %d 8N1, on %s (driver side)%n", slave, baud, pty.host());
        } else {
            AsciiFormat format = args.length > 3 ? AsciiFormat.valueOf(args[3]) : AsciiFormat.AND_STREAM;
            String unit = args.length > 4 ? args[4] : "N";
            plant = SimulatedDevices.springFrame(time, "frame-plant", 1);
            device = new AsciiGauge(pty.device(), baud, plant, format, unit, 10);
            System.out.printf("%s gauge in %s on a spring frame, %d 8N1, on %s (driver side)%n", format, unit, baud, pty.host());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                device.close();
            } catch (Exception e) {
                // exiting anyway
            }
            pty.close();
            plant.close();
        }));
        Thread.currentThread().join();
    }
}
