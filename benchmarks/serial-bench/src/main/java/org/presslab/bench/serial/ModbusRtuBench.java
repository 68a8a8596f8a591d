package org.presslab.bench.serial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.presslab.time.TimeSources;
import org.presslab.emulators.ModbusPressController;
import org.presslab.emulators.PtyPair;
import org.presslab.emulators.RtuSlave;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.modbus.ModbusDrivers;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.serial.jserialcomm.JSerialCommPorts;
import org.presslab.serial.jserialcomm.StandalonePortManager;
import org.presslab.time.TimeSource;

/**
 * Modbus RTU through the Presslab Modbus driver (j2mod on the Presslab serial transport) against
 * the emulated PL-100 controller over a socat pty pair.
 *
 * <ol>
 * <li>Transactions per second at 9600, 38400 and 115200 baud: the driver polls one block of 5
 * input registers (request 8 bytes, reply 15 bytes) as fast as it can (poll period 1 ms), beside
 * the line-rate limit of the baud rate: (8 + 15) bytes × 10 bits / baud plus two 3.5-character
 * gaps (1.75 ms each above 19200 baud, as the Modbus serial line spec fixes them).</li>
 * <li>The control-loop rate at 115200 baud: a new force setpoint every cycle (FC16, 2 registers)
 * plus the measurement read; how many complete write+read cycles per second the driver sustains.</li>
 * </ol>
 *
 * A pty does not pace bytes: every byte arrives at once whatever the baud rate. The differences
 * between baud rates come from the silent intervals the master and the emulated slave keep, as they
 * would on a real line. The figures are therefore software-side ceilings: on a real RS-485 line the
 * frames' wire time is added to them.
 *
 * <p>Each transaction's time is split at the emulator ({@link RtuSlave#onReply}): its turnaround
 * (first request byte read to reply written) and the rest (reply written to the next request's
 * first byte read: the master's silent interval and software, the pty, the emulator's wake-up).
 * When Debian's {@code python3-pymodbus} is installed, its RTU client
 * ({@code src/main/python/pymodbus_rtu_client.py}) runs against the same emulator on a fresh pty
 * pair at each baud rate, in the same run, measured the same way.
 *
 * Run: {@code mvn -q -pl benchmarks/serial-bench -am install -DskipTests && mvn -q -pl benchmarks/serial-bench exec:java}
 */
public final class ModbusRtuBench {

    private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "4"));

    private ModbusRtuBench() {
    }

    public static void main(String[] args) throws Exception {
        if (!PtyPair.socatAvailable()) {
            System.err.println("socat is not installed (apt-get install socat)");
            System.exit(2);
        }
        String load = Files.isReadable(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "n/a";
        System.out.printf(Locale.ROOT, "Modbus RTU over a socat pty pair, %.0f s per figure, %d cores, %s, load average %s%n%n", SECONDS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), load);
        Path script = pymodbusScript();
        boolean py = script != null && pymodbusInstalled();
        if (!py) {
            System.out.println("pymodbus baseline skipped: " + (script == null ? "pymodbus_rtu_client.py not found"
                    : "/usr/bin/python3 cannot import pymodbus (apt-get install python3-pymodbus)"));
        }
        System.out.println("Time per transaction split at the emulator: its turnaround runs from reading a request's first byte to"
                + " writing the reply (gap detection included); the rest is the master's (and the pty's) part, of which the"
                + " silent interval both masters keep before a request (1.75 ms above 19200 baud, 3.5 x 11 bits below) is line time;"
                + " what is left beyond it is software (the master's, the pty's, the emulator's wake-up).");
        System.out.println();
        System.out.println("| baud | line-rate limit (tx/s) | client | measured (tx/s) | mean round trip (ms) | emulator turnaround (ms) | master + pty (ms) | of which beyond the silent interval (ms) | errors |");
        System.out.println("|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        for (int baud : new int[] {9600, 38400, 115200}) {
            Result r = run(baud, false);
            row(baud, "Presslab driver (j2mod)", r);
            if (py) {
                row(baud, "pymodbus " + pymodbusVersion, runPymodbus(script, baud));
            }
        }
        Result loop = run(115200, true);
        System.out.printf(Locale.ROOT, "%nControl loop at 115200 baud (new setpoint written + measurement read each cycle): "
                + "%.0f cycles/s (%.0f transactions/s, line-rate limit for FC16 write 13+8 bytes + FC04 read 8+15 bytes: %.0f cycles/s), %d errors%n",
                loop.freshPerS, loop.txPerS, 1 / (1 / lineRateLimit(115200, 13, 8) + 1 / lineRateLimit(115200, 8, 15)), loop.errors);
    }

    private static void row(int baud, String client, Result r) {
        double silentMs = baud > 19200 ? 1.75 : 3.5 * 11 * 1000.0 / baud;
        System.out.printf(Locale.ROOT, "| %d | %.0f | %s | %.0f | %.2f | %.2f | %.2f | %.2f | %d |%n", baud, lineRateLimit(baud, 8, 15), client,
                r.txPerS, 1000 / r.txPerS, r.split.emulatorMs(), r.split.restMs(), r.split.restMs() - silentMs, r.errors);
    }

    /** Transactions per second the line allows for a request and reply of these sizes. */
    static double lineRateLimit(int baud, int requestBytes, int replyBytes) {
        double charS = 10.0 / baud;
        double gapS = baud > 19200 ? 1.75e-3 : 3.5 * charS;
        return 1 / ((requestBytes + replyBytes) * charS + 2 * gapS);
    }

    record Result(double txPerS, double freshPerS, long errors, Split split) {
    }

    /**
     * Sums, over the measured window, the emulator's turnaround (request's first byte read to reply
     * written) and the rest of each transaction (reply written to the next request's first byte
     * read: the master's software, the pty's transfers, the emulator's wake-up).
     */
    static final class Split implements RtuSlave.ReplyTimes {
        private volatile boolean on;
        private long lastReply;
        private long emulator;
        private long rest;
        private long n;
        private long restN;

        @Override
        public synchronized void reply(long seen, long written) {
            if (!on) {
                lastReply = 0;
                return;
            }
            emulator += written - seen;
            n++;
            if (lastReply != 0 && seen > lastReply) {
                rest += seen - lastReply;
                restN++;
            }
            lastReply = written;
        }

        void start() {
            on = true;
        }

        synchronized void stop() {
            on = false;
        }

        synchronized double emulatorMs() {
            return n == 0 ? Double.NaN : emulator / 1e6 / n;
        }

        synchronized double restMs() {
            return restN == 0 ? Double.NaN : rest / 1e6 / restN;
        }
    }

    private static String pymodbusVersion = "";

    /** The pymodbus client script, from the repository root or this module's directory. */
    static Path pymodbusScript() {
        for (String p : new String[] {System.getProperty("bench.pymodbus.script", ""), "benchmarks/serial-bench/src/main/python/pymodbus_rtu_client.py",
                "src/main/python/pymodbus_rtu_client.py"}) {
            if (!p.isEmpty() && Files.isRegularFile(Path.of(p))) {
                return Path.of(p).toAbsolutePath();
            }
        }
        return null;
    }

    static boolean pymodbusInstalled() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import pymodbus; print(pymodbus.__version__)").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0) {
                pymodbusVersion = out;
                return true;
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** pymodbus's synchronous RTU client against the same emulator on a fresh pty pair, as long as the driver's run. */
    static Result runPymodbus(Path script, int baud) throws Exception {
        Path dir = Files.createTempDirectory("serial-bench-py");
        TimeSource time = TimeSources.system();
        try (PtyPair pty = PtyPair.start(dir)) {
            SimulatedDevice plant = SimulatedDevices.hydraulicPress(time, "plant", 1);
            RtuSlave slave = new RtuSlave(pty.device(), baud, 1, new ModbusPressController(plant));
            Split split = new Split();
            slave.onReply(split);
            try {
                Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), pty.host().toString(), String.valueOf(baud),
                        String.valueOf(SECONDS)).redirectErrorStream(true).start();
                // the client warms up for 1 s before its window; the split covers its window
                Thread.sleep(1000);
                split.start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                split.stop();
                if (p.waitFor() != 0 || !out.contains("tx=")) {
                    throw new IllegalStateException("pymodbus client failed: " + out);
                }
                Map<String, String> kv = new HashMap<>();
                for (String part : out.substring(out.lastIndexOf("tx=")).split(" ")) {
                    String[] f = part.split("=", 2);
                    kv.put(f[0], f.length > 1 ? f[1] : "");
                }
                double s = Double.parseDouble(kv.get("seconds"));
                return new Result(Long.parseLong(kv.get("tx")) / s, Double.NaN, Long.parseLong(kv.get("errors")), split);
            } finally {
                slave.close();
                plant.close();
            }
        }
    }

    static Result run(int baud, boolean loop) throws Exception {
        Path dir = Files.createTempDirectory("serial-bench");
        TimeSource time = TimeSources.system();
        try (PtyPair pty = PtyPair.start(dir)) {
            SimulatedDevice plant = SimulatedDevices.hydraulicPress(time, "plant", 1);
            RtuSlave slave = new RtuSlave(pty.device(), baud, 1, new ModbusPressController(plant));
            Split split = new Split();
            slave.onReply(split);
            StandalonePortManager ports = JSerialCommPorts.create();
            Map<String, Object> c = new HashMap<>();
            c.put("presslab.driver.id", "bench");
            c.put("port", pty.host().toString());
            c.put("baudRate", String.valueOf(baud));
            c.put("timeout.ms", "200");
            c.put("poll.period.ms", "1");
            c.put("stale.after.ms", "1000");
            c.put("force.address", "0");
            c.put("force.scale", "0.1");
            c.put("pressure.address", "2");
            c.put("pressure.type", "UINT16");
            c.put("pressure.scale", "0.01");
            c.put("status.address", "4");
            c.put("setpoint.address", "2");
            c.put("setpoint.type", "FLOAT32");
            c.put("setpoint.wordOrder", "LOW_FIRST");
            c.put("command.address", "0");
            c.put("command.run", "2");
            c.put("command.hold", "0");
            c.put("forceRating.kN", "100");
            ModbusDrivers.StandaloneDriver driver = ModbusDrivers.create(c, ports, time);
            try {
                Thread.sleep(1000); // warm up: JIT, first connection
                if (loop) {
                    driver.actuator().orElseThrow().command(ActuatorCommand.force(500));
                    Thread.sleep(200);
                }
                Map<String, Long> c0 = driver.health().counters();
                long seq0 = driver.read().sequence();
                split.start();
                long t0 = System.nanoTime();
                long end = t0 + (long) (SECONDS * 1e9);
                double sp = 500;
                while (System.nanoTime() < end) {
                    if (loop) {
                        sp = sp >= 600 ? 500 : sp + 0.5;
                        driver.actuator().orElseThrow().command(ActuatorCommand.force(sp));
                        // as a control loop at 1 kHz would (the SPI's upper bound), not a spinning thread
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                    } else {
                        Thread.sleep(50);
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                split.stop();
                Map<String, Long> c1 = driver.health().counters();
                long tx = c1.get("transactions") - c0.get("transactions");
                long errors = 0;
                for (String k : new String[] {"timeouts", "crcErrors", "truncatedFrames", "garbledFrames", "wrongSlaveReplies", "exceptions"}) {
                    errors += c1.get(k) - c0.get(k);
                }
                return new Result(tx / s, (driver.read().sequence() - seq0) / s, errors, split);
            } finally {
                driver.close();
                slave.close();
                plant.close();
                ports.close();
            }
        }
    }
}
