package org.presslab.press.modbus.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.presslab.press.modbus.ModbusDrivers;
import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.press.modbus.internal.RegisterValue.Table;
import org.presslab.press.modbus.internal.TxFailure.Kind;
import org.presslab.press.support.LatestReading;
import org.presslab.press.support.LinkHealth;
import org.presslab.serial.SerialConnection;
import org.presslab.serial.SerialPortException;
import org.presslab.serial.SerialPortManager;
import org.presslab.time.Scheduled;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.io.ModbusSerialTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

/**
 * A press controller or indicator on Modbus RTU, described by a register map. One polling task
 * (on the {@link TimeSource}, so its own thread in real time) writes the latest command and
 * reads the measurement every period; {@link #read()} and {@link #command} only touch memory.
 *
 * <p>Retries: j2mod's own retry sleeps 250 ms or more between tries, so each j2mod transaction
 * makes one try and this driver retries at once (after the 3.5-character gap
 * {@link RtuMasterTransport} keeps before every request),
 * counting each cause (timeouts, CRC errors, truncated or garbled replies, replies from another
 * slave, exceptions).
 */
public final class ModbusPressDriver implements ModbusDrivers.StandaloneDriver, Actuator {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusPressDriver.class);

    private final ModbusSettings s;
    private final TimeSource time;
    private final SerialConnection conn;
    private final ConnectionAdapter adapter;
    private final DeviceInfo info;
    private final Set<Capability> capabilities;
    private final Set<ActuationMode> modes;
    private final Set<SafeAction> safeActions;
    private final ReentrantLock io = new ReentrantLock();
    private final Scheduled poll;
    /** The latest measurement with the stale.after.ms rule; the link's state, window and counters. */
    private final LatestReading latest;
    private final LinkHealth link;
    private final LinkHealth.Counter polls;
    private final LinkHealth.Counter failedPolls;
    private final LinkHealth.Counter transactions;
    private final LinkHealth.Counter retries;
    private final LinkHealth.Counter timeouts;
    private final LinkHealth.Counter crcErrors;
    private final LinkHealth.Counter truncated;
    private final LinkHealth.Counter garbled;
    private final LinkHealth.Counter wrongUnit;
    private final LinkHealth.Counter exceptions;
    private final LinkHealth.Counter portErrors;

    private volatile Desired desired;
    private volatile boolean closed;

    // poll thread only
    private Integer knownCommand;
    private Boolean knownEnable;
    private int[] knownSetpoint;
    private int[] knownOutput;

    /** The command or safe state control asked for last (latest wins). */
    private record Desired(ActuatorCommand command, SafeAction safe) {
    }

    ModbusPressDriver(ModbusSettings settings, SerialPortManager ports, TimeSource time) throws SerialPortException {
        this.s = settings;
        this.time = time;
        this.modes = settings.modes().isEmpty() ? EnumSet.noneOf(ActuationMode.class) : EnumSet.copyOf(settings.modes());
        this.safeActions = settings.safeActions().isEmpty() ? EnumSet.noneOf(SafeAction.class) : EnumSet.copyOf(settings.safeActions());
        EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
        settings.force().ifPresent(f -> caps.add(Capability.SENSE_FORCE));
        settings.pressure().ifPresent(f -> caps.add(Capability.SENSE_PRESSURE));
        if (!modes.isEmpty()) {
            if (safeActions.isEmpty()) {
                throw new IllegalArgumentException("Modbus device '" + settings.id() + "': a map with a setpoint or output also needs a way"
                        + " to make the press safe: 'command.hold', 'command.stop' or 'enable.coil'");
            }
            caps.add(Capability.ACTUATE);
        }
        this.capabilities = Set.copyOf(caps);
        this.info = DeviceInfo.builder(settings.kind()).identity(settings.vendor(), settings.model(), "", "")
                .force(settings.forceRangeN(), settings.force().map(ModbusPressDriver::resolution).orElse(Double.NaN), settings.forceRatingN())
                .pressure(settings.pressureRangePa(), settings.pressureRatingPa())
                .ramArea(settings.ramAreaM2()).maxForceRate(settings.maxForceRateNps())
                .sampleRate(1000.0 / settings.pollPeriodMs()).build();
        this.latest = new LatestReading(capabilities, Duration.ofMillis(settings.staleAfterMs()), time.nanoTime());
        this.link = new LinkHealth(LinkHealth.DEFAULT_WINDOW, LinkHealth.DEFAULT_DEGRADED_AT, settings.disconnectAfter());
        this.polls = link.counter("polls");
        this.failedPolls = link.counter("failedPolls");
        this.transactions = link.counter("transactions");
        this.retries = link.counter("retries");
        this.timeouts = link.counter("timeouts");
        this.crcErrors = link.counter("crcErrors");
        this.truncated = link.counter("truncatedFrames");
        this.garbled = link.counter("garbledFrames");
        this.wrongUnit = link.counter("wrongSlaveReplies");
        this.exceptions = link.counter("exceptions");
        this.portErrors = link.counter("portErrors");
        link.connecting("opening " + settings.port().id());
        this.desired = new Desired(null, null);
        this.conn = ports.open(settings.port(), settings.serial(), "Modbus driver " + settings.id());
        link.gauge("reconnects", conn::reopens);
        try {
            this.adapter = new ConnectionAdapter(conn);
            adapter.rtu().setTimeout(settings.timeoutMs());
        } catch (java.io.IOException e) {
            conn.close();
            throw new IllegalStateException("cannot attach j2mod to " + settings.port().id(), e);
        }
        conn.lastError().ifPresent(e -> link.disconnected(e.getMessage()));
        this.poll = time.scheduleAtFixedRate("modbus-" + settings.id(), TimeUnit.MILLISECONDS.toNanos(settings.pollPeriodMs()), this::cycle);
    }

    /**
     * Told on the polling thread when the port goes away (adapter pulled: false) and when the
     * device answers again after that (true). The component unregisters and registers the driver
     * service, so a station sees an ordinary driver loss and return (and resumes by its rebind policy).
     */
    public void onAvailability(java.util.function.Consumer<Boolean> listener) {
        link.onAvailability(listener);
    }

    /** One count of an integer register in SI; a float's resolution is not known from the map. */
    private static double resolution(RegisterValue v) {
        return v.type() == RegisterValue.DataType.FLOAT32 || v.unit() == null ? Double.NaN : Math.abs(v.scale()) * v.unit().toSi;
    }

    private static boolean gone(SerialPortException e) {
        return e != null && (e.reason() == SerialPortException.Reason.VANISHED || e.reason() == SerialPortException.Reason.ABSENT);
    }

    /**
     * Builds a driver from configuration properties outside OSGi (benchmarks, tools); the keys are
     * those of the factory configuration.
     *
     * @throws IllegalArgumentException naming the first invalid key
     */
    public static ModbusPressDriver create(Map<String, ?> properties, SerialPortManager ports, TimeSource time) throws SerialPortException {
        return new ModbusPressDriver(ModbusSettings.parse(properties), ports, time);
    }

    // ---- PressDriver

    @Override
    public String id() {
        return s.id();
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Reading read() {
        return latest.read(time.nanoTime());
    }

    @Override
    public DeviceHealth health() {
        return link.health();
    }

    /** The running counts, also in {@link DeviceHealth#counters()}. */
    public Map<String, Long> counters() {
        return link.counters();
    }

    @Override
    public Optional<Actuator> actuator() {
        return capabilities.contains(Capability.ACTUATE) ? Optional.of(this) : Optional.empty();
    }

    // ---- Actuator

    @Override
    public Set<ActuationMode> modes() {
        return modes;
    }

    @Override
    public Set<SafeAction> safeActions() {
        return safeActions;
    }

    @Override
    public void command(ActuatorCommand command) {
        if (!modes.contains(command.mode())) {
            throw new IllegalArgumentException("Modbus device '" + s.id() + "' does not take " + command.mode() + " (its map offers " + modes + ")");
        }
        double forceN = switch (command.mode()) {
            case FORCE_SETPOINT -> command.value();
            case PRESSURE_SETPOINT -> Double.isFinite(s.ramAreaM2()) ? command.value() * s.ramAreaM2() : Double.NaN;
            case RAW_OUTPUT -> 0;
        };
        if (command.mode() != ActuationMode.RAW_OUTPUT && command.value() < 0) {
            // a setpoint below zero (a ramp starting from a noisy zero reading) means "no load": send 0
            command = new ActuatorCommand(command.mode(), 0);
        }
        if (command.mode() == ActuationMode.PRESSURE_SETPOINT && !Double.isFinite(forceN)) {
            throw new IllegalArgumentException("Modbus device '" + s.id() + "': a pressure setpoint needs 'ramArea.mm2' to check it against the force rating");
        }
        if (forceN > s.forceRatingN()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "setpoint %.1f N is above the rating of '%s' (%.1f N)", forceN, s.id(), s.forceRatingN()));
        }
        desired = new Desired(command, null);
    }

    @Override
    public void enterSafeState(SafeAction action) {
        SafeAction a = safeActions.contains(action) ? action
                : safeActions.contains(SafeAction.HOLD) ? SafeAction.HOLD : safeActions.iterator().next();
        desired = new Desired(null, a);
    }

    @Override
    public Optional<SafeAction> safeState() {
        return Optional.ofNullable(desired.safe());
    }

    // ---- the polling task

    private void cycle() {
        if (closed || !io.tryLock()) {
            return;
        }
        try {
            if (closed) {
                return;
            }
            polls.increment();
            try {
                conn.ensureOpen();
            } catch (SerialPortException e) {
                unanswered();
                portDown(e.getMessage(), e);
                return;
            }
            int before = (int) (retries.get() + timeouts.get() + crcErrors.get() + truncated.get() + garbled.get() + wrongUnit.get());
            applyCommand();
            measure();
            int after = (int) (retries.get() + timeouts.get() + crcErrors.get() + truncated.get() + garbled.get() + wrongUnit.get());
            succeeded(after != before);
        } catch (TxFailure f) {
            failed(f);
        } catch (RuntimeException e) {
            LOG.error("Modbus device '{}': poll failed unexpectedly", s.id(), e);
            failed(new TxFailure(Kind.GARBLED, e.toString()));
        } finally {
            io.unlock();
        }
    }

    private void applyCommand() throws TxFailure {
        Desired d = desired;
        if (d.safe() != null) {
            switch (d.safe()) {
                case HOLD -> {
                    if (s.commandFor(ModbusSettings.HOLD).isPresent()) {
                        writeCommand(s.commandFor(ModbusSettings.HOLD).get());
                    } else {
                        writeOutput(0);
                    }
                }
                case VENT -> writeCommand(s.commandFor(ModbusSettings.VENT).orElseThrow());
                case STOP -> {
                    if (s.commandFor(ModbusSettings.STOP).isPresent()) {
                        writeCommand(s.commandFor(ModbusSettings.STOP).get());
                    }
                    if (s.enableCoil() >= 0) {
                        writeEnable(false);
                    }
                }
            }
            return;
        }
        ActuatorCommand c = d.command();
        if (c == null) {
            return;
        }
        if (c.mode() == ActuationMode.RAW_OUTPUT) {
            writeOutput(c.value());
            writeEnable(true);
            s.commandFor(ModbusSettings.RAW).ifPresent(this::writeCommandUnchecked);
            if (pendingFailure != null) {
                throw takePending();
            }
        } else {
            writeSetpoint(c.value());
            writeEnable(true);
            s.commandFor(ModbusSettings.RUN).ifPresent(this::writeCommandUnchecked);
            if (pendingFailure != null) {
                throw takePending();
            }
        }
    }

    private TxFailure pendingFailure;
    /** When the request of the last transaction went out: the device measured after this, so a reading never claims to be fresher. */
    private long lastSendNanos;

    private TxFailure takePending() {
        TxFailure f = pendingFailure;
        pendingFailure = null;
        return f;
    }

    private void writeCommandUnchecked(int value) {
        try {
            writeCommand(value);
        } catch (TxFailure f) {
            pendingFailure = f;
        }
    }

    private void writeCommand(int value) throws TxFailure {
        if (knownCommand != null && knownCommand == value) {
            return;
        }
        exec(new WriteSingleRegisterRequest(s.commandAddress(), new SimpleRegister(value)), "writing command register " + s.commandAddress());
        knownCommand = value;
    }

    private void writeEnable(boolean on) throws TxFailure {
        if (s.enableCoil() < 0 || knownEnable != null && knownEnable == on) {
            return;
        }
        exec(new WriteCoilRequest(s.enableCoil(), on), "writing enable coil " + s.enableCoil());
        knownEnable = on;
    }

    private void writeSetpoint(double si) throws TxFailure {
        RegisterValue v = s.setpoint().orElseThrow();
        int[] words = v.encode(si);
        if (java.util.Arrays.equals(words, knownSetpoint)) {
            return;
        }
        writeWords(v, words, "writing the setpoint to ");
        knownSetpoint = words;
    }

    private void writeOutput(double u) throws TxFailure {
        if (s.output().isEmpty()) {
            return;
        }
        RegisterValue v = s.output().get();
        int[] words = v.encode(u);
        if (java.util.Arrays.equals(words, knownOutput)) {
            return;
        }
        writeWords(v, words, "writing the output to ");
        knownOutput = words;
    }

    private void writeWords(RegisterValue v, int[] words, String what) throws TxFailure {
        if (words.length == 1) {
            exec(new WriteSingleRegisterRequest(v.address(), new SimpleRegister(words[0])), what + v);
        } else {
            Register[] regs = new Register[words.length];
            for (int i = 0; i < words.length; i++) {
                regs[i] = new SimpleRegister(words[i]);
            }
            exec(new WriteMultipleRegistersRequest(v.address(), regs), what + v);
        }
    }

    private void measure() throws TxFailure {
        double force = Double.NaN;
        double pressure = Double.NaN;
        int status = 0;
        long t;
        Block block = block();
        if (block != null) {
            // one transaction for everything: the usual case when the map keeps them together
            int[] regs = readRegisters(block.table, block.start, block.count, "reading " + block.table.name().toLowerCase(Locale.ROOT)
                    + " registers " + block.start + ".." + (block.start + block.count - 1));
            t = lastSendNanos;
            if (s.force().isPresent()) {
                force = s.force().get().decode(regs, s.force().get().address() - block.start);
            }
            if (s.pressure().isPresent()) {
                pressure = s.pressure().get().decode(regs, s.pressure().get().address() - block.start);
            }
            if (s.statusAddress() >= 0) {
                status = regs[s.statusAddress() - block.start];
            }
        } else {
            if (s.force().isPresent()) {
                force = readValue(s.force().get());
            }
            t = lastSendNanos;
            if (s.pressure().isPresent()) {
                pressure = readValue(s.pressure().get());
            }
            if (s.statusAddress() >= 0) {
                status = readRegisters(s.statusTable(), s.statusAddress(), 1, "reading the status register")[0];
            }
        }
        List<String> faults = new ArrayList<>();
        Quality q = Quality.GOOD;
        if ((status & s.alarmMask()) != 0) {
            faults.add(String.format("alarm bits 0x%04X set in status register %d", status & s.alarmMask(), s.statusAddress()));
            q = Quality.FAULT;
        }
        if ((status & s.overloadMask()) != 0) {
            faults.add(String.format("overload bit 0x%04X set in status register %d", status & s.overloadMask(), s.statusAddress()));
            if (q == Quality.GOOD) {
                q = Quality.OVERLOAD;
            }
        }
        if ((status & s.holdMask()) != 0 && desired.safe() == null && desired.command() != null) {
            // the device dropped to its own hold (its watchdog): write the latest command again
            knownCommand = null;
            knownEnable = null;
        }
        // a decoded NaN or infinity (a FLOAT32 register, a transmitter whose ADC failed) is no measurement:
        // FAULT, never GOOD and never OVERLOAD, naming the register
        if (s.force().isPresent() && !Double.isFinite(force)) {
            faults.add("force " + force + " decoded from " + s.force().get() + ": not a finite number");
            q = Quality.FAULT;
        }
        if (s.pressure().isPresent() && !Double.isFinite(pressure)) {
            faults.add("pressure " + pressure + " decoded from " + s.pressure().get() + ": not a finite number");
            q = Quality.FAULT;
        }
        if (Double.isFinite(s.forceRangeN()) && force > s.forceRangeN() * 1.02 && q == Quality.GOOD) {
            q = Quality.OVERLOAD;
            faults.add(String.format(Locale.ROOT, "force %.0f N beyond the range %.0f N", force, s.forceRangeN()));
        }
        latest.set(t, force, pressure, Double.NaN, Double.NaN, q);
        lastFaults = faults;
    }

    private List<String> lastFaults = List.of();

    private record Block(Table table, int start, int count) {
    }

    /** The single read that covers force, pressure and status, when they share a table within 32 registers. */
    private Block block() {
        Table table = null;
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (RegisterValue v : new RegisterValue[] {s.force().orElse(null), s.pressure().orElse(null)}) {
            if (v == null) {
                continue;
            }
            if (table != null && table != v.table()) {
                return null;
            }
            table = v.table();
            lo = Math.min(lo, v.address());
            hi = Math.max(hi, v.address() + v.count() - 1);
        }
        if (s.statusAddress() >= 0) {
            if (table != null && table != s.statusTable()) {
                return null;
            }
            table = s.statusTable();
            lo = Math.min(lo, s.statusAddress());
            hi = Math.max(hi, s.statusAddress());
        }
        if (table == null || hi - lo + 1 > 32) {
            return null;
        }
        return new Block(table, lo, hi - lo + 1);
    }

    private double readValue(RegisterValue v) throws TxFailure {
        int[] regs = readRegisters(v.table(), v.address(), v.count(), "reading " + v);
        return v.decode(regs, 0);
    }

    private int[] readRegisters(Table table, int address, int count, String what) throws TxFailure {
        ModbusResponse r = exec(table == Table.INPUT ? new ReadInputRegistersRequest(address, count)
                : new ReadMultipleRegistersRequest(address, count), what);
        int words = table == Table.INPUT ? ((ReadInputRegistersResponse) r).getWordCount() : ((ReadMultipleRegistersResponse) r).getWordCount();
        if (words != count) {
            garbled.increment();
            throw new TxFailure(Kind.GARBLED, "garbled reply " + what + ": " + words + " registers for " + count + " asked (a late reply to an earlier request?)");
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = (table == Table.INPUT ? ((ReadInputRegistersResponse) r).getRegisterValue(i)
                    : ((ReadMultipleRegistersResponse) r).getRegisterValue(i)) & 0xFFFF;
        }
        return out;
    }

    private ModbusResponse exec(ModbusRequest req, String what) throws TxFailure {
        req.setUnitID(s.slaveId());
        TxFailure last = null;
        for (int attempt = 0; attempt <= s.retries(); attempt++) {
            if (closed) {
                throw new TxFailure(Kind.PORT, "driver closed");
            }
            if (attempt > 0) {
                retries.increment();
            }
            transactions.increment();
            lastSendNanos = time.nanoTime();
            ModbusSerialTransaction tx = new ModbusSerialTransaction(req);
            tx.setTransport(adapter.rtu());
            tx.setRetries(1);
            tx.setCheckingValidity(true);
            try {
                tx.execute();
                return tx.getResponse();
            } catch (ModbusSlaveException e) {
                exceptions.increment();
                throw new TxFailure(Kind.EXCEPTION, String.format("slave %d answered exception %d (%s) %s", s.slaveId(), e.getType(),
                        e.getMessage(), what));
            } catch (ModbusIOException e) {
                SerialPortException pe = adapter.takePortError();
                if (pe != null) {
                    portErrors.increment();
                    TxFailure f = new TxFailure(Kind.PORT, pe.getMessage(), pe);
                    throw f;
                }
                Kind k = TxFailure.classify(e.getMessage());
                count(k);
                last = new TxFailure(k, describe(k) + " " + what);
            } catch (ModbusException e) {
                garbled.increment();
                last = new TxFailure(Kind.GARBLED, describe(Kind.GARBLED) + " " + what + ": " + e.getMessage());
            }
        }
        throw last;
    }

    private void count(Kind k) {
        switch (k) {
            case TIMEOUT -> timeouts.increment();
            case CRC -> crcErrors.increment();
            case TRUNCATED -> truncated.increment();
            case WRONG_UNIT -> wrongUnit.increment();
            default -> garbled.increment();
        }
    }

    private String describe(Kind k) {
        return switch (k) {
            case TIMEOUT -> "no reply from slave " + s.slaveId() + " within " + s.timeoutMs() + " ms";
            case CRC -> "reply with a bad CRC";
            case TRUNCATED -> "truncated reply";
            case GARBLED -> "garbled reply";
            case WRONG_UNIT -> "reply from another slave id than " + s.slaveId();
            case EXCEPTION -> "exception";
            case PORT -> "port failure";
        };
    }

    private String fix(Kind k) {
        String port = s.port().id() + " (" + s.serial().describe() + ")";
        return switch (k) {
            case TIMEOUT -> "device on " + port + " does not answer: check its power, the wiring (A/B swapped?), baud rate, parity and slave id " + s.slaveId();
            case CRC -> "replies on " + port + " fail their CRC: check baud rate and parity, cable shielding and RS-485 termination";
            case TRUNCATED -> "replies on " + port + " are cut short: loose connection, or timeout.ms (" + s.timeoutMs() + ") too short for this baud rate";
            case GARBLED -> "replies on " + port + " are garbled: wrong baud rate, a second master on the bus, or line noise";
            case WRONG_UNIT -> "replies on " + port + " come from another slave id than " + s.slaveId() + ": two devices share an address, or slaveId is wrong";
            case EXCEPTION -> "check the register map against the manual (address.base, table, address)";
            case PORT -> port;
        };
    }

    private void succeeded(boolean hadErrors) {
        link.answered(hadErrors);
        List<String> faults = lastFaults;
        if (!faults.isEmpty()) {
            link.fault(String.join("; ", faults), faults);
        } else {
            link.up(bad -> String.format(
                    "%d of the last %d polls needed retries (timeouts %d, CRC errors %d, truncated %d, garbled %d, other slave %d)",
                    bad, link.window(), timeouts.get(), crcErrors.get(), truncated.get(), garbled.get(), wrongUnit.get()));
        }
    }

    private void failed(TxFailure f) {
        int inARow = unanswered();
        if (f.kind == Kind.PORT) {
            portDown(f.getMessage(), f.portError);
            return;
        }
        if (f.kind == Kind.EXCEPTION) {
            latest.markStale();
            link.fault(f.getMessage() + ": " + fix(f.kind), List.of(f.getMessage()));
            return;
        }
        if (link.lost()) {
            latest.markStale();
            link.disconnected(inARow + " polls failed in a row (last: " + f.getMessage() + "): " + fix(f.kind));
        } else {
            link.degraded("poll failed after " + (s.retries() + 1) + " tries: " + f.getMessage());
        }
        LOG.debug("Modbus device '{}': {}", s.id(), f.getMessage());
    }

    /** A poll without an answer: counted, and the device's state is unknown now, so everything is written again once it answers. */
    private int unanswered() {
        failedPolls.increment();
        knownCommand = null;
        knownEnable = null;
        knownSetpoint = null;
        knownOutput = null;
        return link.unanswered();
    }

    private void portDown(String message, SerialPortException e) {
        latest.markStale();
        if (gone(e)) {
            link.gone(message);
        } else {
            link.disconnected(message);
        }
    }

    /**
     * Stops polling, leaves the press safe and releases the port: a STOP or VENT in force stays, otherwise
     * the press holds (where the map allows).
     * Returns within the I/O timeout.
     */
    public void close() {
        poll.cancel();
        boolean locked = false;
        try {
            locked = io.tryLock(2L * s.timeoutMs() * (s.retries() + 1) + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (locked && !modes.isEmpty() && conn.state() == org.presslab.serial.PortState.OPEN) {
                desired = new Desired(null, closingSafeState(desired.safe()));
                knownCommand = null;
                knownEnable = null;
                knownOutput = null;
                try {
                    applyCommand();
                } catch (TxFailure | RuntimeException f) {
                    LOG.warn("Modbus device '{}': could not leave the press holding on shutdown: {}", s.id(), f.getMessage());
                }
            }
        } finally {
            closed = true;
            conn.close();
            if (locked) {
                io.unlock();
            }
        }
        latest.markStale();
        link.disconnected("driver stopped");
    }

    /**
     * The safe state to leave the press in when the driver stops: a STOP or VENT already in force stays
     * (a latched trip must not be downgraded to HOLD by a bundle update); otherwise HOLD where the map
     * has it, else the first safe action it has.
     */
    SafeAction closingSafeState(SafeAction inForce) {
        if ((inForce == SafeAction.STOP || inForce == SafeAction.VENT) && safeActions.contains(inForce)) {
            return inForce;
        }
        return safeActions.contains(SafeAction.HOLD) ? SafeAction.HOLD : safeActions.iterator().next();
    }

    /** The serial connection, for the frame monitor. */
    public SerialConnection connection() {
        return conn;
    }
}
