package org.presslab.serial.jserialcomm.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.presslab.serial.Direction;
import org.presslab.serial.FlowControl;
import org.presslab.serial.Parity;
import org.presslab.serial.PortSelector;
import org.presslab.serial.ProbeResult;
import org.presslab.serial.RawFrame;
import org.presslab.serial.SerialConnection;
import org.presslab.serial.SerialPortException;
import org.presslab.serial.SerialPortInfo;
import org.presslab.serial.SerialPortManager;
import org.presslab.serial.jserialcomm.StandalonePortManager;
import org.presslab.serial.SerialSettings;
import org.presslab.serial.StopBits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fazecast.jSerialComm.SerialPort;

/**
 * The {@link SerialPortManager} on jSerialComm. Bundle-scoped: each bundle that uses it gets its
 * own instance, and when that bundle stops (its driver is gone) every connection it still holds
 * is closed. The {@link PortRegistry} they share makes one device node one holder.
 */
@Component(service = SerialPortManager.class, scope = ServiceScope.BUNDLE, configurationPid = JSerialCommPortManager.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = JSerialCommPortManager.Config.class)
public class JSerialCommPortManager implements StandalonePortManager {

    public static final String PID = "org.presslab.serial";

    private static final Logger LOG = LoggerFactory.getLogger(JSerialCommPortManager.class);

    @ObjectClassDefinition(name = "Presslab serial ports", description = "How lost serial ports are reopened.")
    public @interface Config {
        @AttributeDefinition(name = "First reopen delay (ms)", min = "10", description = "Delay before the first attempt to reopen a lost port; doubles after each failure.")
        long reopen_initialDelay_ms() default 100;

        @AttributeDefinition(name = "Longest reopen delay (ms)", min = "10", description = "The back-off never waits longer than this between attempts.")
        long reopen_maxDelay_ms() default 1000;

        @AttributeDefinition(name = "Verify settings", description = "Read back parity, data and stop bits after opening (Linux, via stty) and refuse a port that silently kept other settings.")
        boolean verify_settings() default true;
    }

    private final PortRegistry registry;
    private final long initialDelayMs;
    private final long maxDelayMs;
    private final boolean verify;
    private final List<ManagedConnection> mine = new CopyOnWriteArrayList<>();

    @Activate
    public JSerialCommPortManager(@Reference PortRegistry registry, Config config) {
        this(registry, config.reopen_initialDelay_ms(), config.reopen_maxDelay_ms(), config.verify_settings());
    }

    /** For use outside OSGi (tests, tools). */
    public JSerialCommPortManager(PortRegistry registry, long initialDelayMs, long maxDelayMs, boolean verifySettings) {
        if (initialDelayMs < 1 || maxDelayMs < 1) {
            throw new IllegalArgumentException("reopen delays must be at least 1 ms, were " + initialDelayMs + " and " + maxDelayMs);
        }
        this.registry = registry;
        this.initialDelayMs = initialDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.verify = verifySettings;
    }

    @Override
    public void close() {
        deactivate();
    }

    @Deactivate
    public void deactivate() {
        for (ManagedConnection c : mine) {
            LOG.info("Closing port {} still held by {} (its bundle let go of the serial service)", c.id(), c.owner());
            c.close();
        }
        mine.clear();
    }

    @Override
    public List<SerialPortInfo> listPorts() {
        Map<String, List<String>> aliases = aliases();
        List<SerialPortInfo> list = new ArrayList<>();
        SerialPort[] ports;
        try {
            ports = SerialPort.getCommPorts();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("jSerialComm could not list ports: {}", e.toString());
            return list;
        }
        for (SerialPort p : ports) {
            String path = p.getSystemPortPath();
            String real = path;
            try {
                real = Path.of(path).toRealPath().toString();
            } catch (IOException | RuntimeException e) {
                // keep the path as listed
            }
            int vid = p.getVendorID();
            int pid = p.getProductID();
            String sn = p.getSerialNumber();
            if (sn == null || "Unknown".equalsIgnoreCase(sn)) {
                sn = "";
            }
            String loc = p.getPortLocation();
            if (loc == null || loc.startsWith("0-0")) {
                loc = "";
            }
            list.add(new SerialPortInfo(path, p.getPortDescription(), vid, pid, sn, loc, aliases.getOrDefault(real, List.of())));
        }
        return list;
    }

    /** Links under /dev/serial/by-id and by-path, by the device node they point to. */
    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> map = new HashMap<>();
        for (String dir : List.of("/dev/serial/by-id", "/dev/serial/by-path")) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
                for (Path link : s) {
                    try {
                        map.computeIfAbsent(link.toRealPath().toString(), k -> new ArrayList<>()).add(link.toString());
                    } catch (IOException e) {
                        // a dangling link: the device is gone
                    }
                }
            } catch (IOException e) {
                LOG.debug("Cannot list {}: {}", dir, e.toString());
            }
        }
        return map;
    }

    @Override
    public SerialConnection open(PortSelector port, SerialSettings settings, String owner) throws SerialPortException {
        ManagedConnection c = new ManagedConnection(port, settings, owner, registry, this, initialDelayMs, maxDelayMs, verify);
        registry.register(c);
        mine.add(c);
        try {
            c.ensureOpen();
        } catch (SerialPortException e) {
            // kept: the owner's I/O reopens it when the port appears; the reason is in lastError()
        }
        return c;
    }

    @Override
    public ProbeResult probe(PortSelector port, SerialSettings settings, byte[] query, int timeoutMs, int quietMs)
            throws SerialPortException {
        ManagedConnection c = new ManagedConnection(port, settings, "probe", registry, this, initialDelayMs, maxDelayMs, verify);
        registry.register(c);
        List<RawFrame> frames = new CopyOnWriteArrayList<>();
        c.addFrameListener(frames::add);
        try {
            c.ensureOpen();
            String device = c.systemPath();
            c.discardInput();
            frames.clear();
            c.write(query);
            long written = System.nanoTime();
            long deadline = written + timeoutMs * 1_000_000L;
            java.io.ByteArrayOutputStream reply = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[512];
            double firstMs = Double.NaN;
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                int wait = reply.size() == 0 ? (int) left : (int) Math.min(left, quietMs);
                int n = c.readSome(buf, 0, buf.length, Math.max(1, wait));
                if (n == 0) {
                    if (reply.size() > 0) {
                        break;
                    }
                    continue;
                }
                if (reply.size() == 0) {
                    firstMs = (System.nanoTime() - written) / 1e6;
                }
                reply.write(buf, 0, n);
            }
            return new ProbeResult(c.id(), device, settings, query.clone(), reply.toByteArray(), firstMs,
                    frames.stream().filter(f -> f.direction() == Direction.TX || f.direction() == Direction.RX).toList());
        } finally {
            c.close();
        }
    }

    @Override
    public List<SerialConnection> connections() {
        return registry.all();
    }

    @Override
    public Optional<SerialConnection> connection(String id) {
        return registry.find(id);
    }

    void forget(ManagedConnection c) {
        mine.remove(c);
    }

    static int parity(Parity p) {
        return switch (p) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }

    static int stopBits(StopBits s) {
        return switch (s) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    static int flow(FlowControl f) {
        return switch (f) {
            case NONE -> SerialPort.FLOW_CONTROL_DISABLED;
            case RTS_CTS -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case XON_XOFF -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
        };
    }
}
