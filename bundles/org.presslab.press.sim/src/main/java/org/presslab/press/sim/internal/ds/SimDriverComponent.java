package org.presslab.press.sim.internal.ds;

import java.io.File;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.OperatorChannel;
import org.presslab.press.api.Reading;
import org.presslab.press.api.TemperatureControl;
import org.presslab.press.sim.FaultInjector;
import org.presslab.press.sim.PlantSnapshot;
import org.presslab.press.sim.PlantState;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimUnits;
import org.presslab.press.sim.SimulatedCell;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.press.sim.internal.PlantStore;
import org.presslab.time.Scheduled;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the DS components: validates the edge-unit configuration, builds the device and delegates to
 * it. Each subclass is one factory PID with its own metatype.
 */
abstract class SimDriverComponent implements SimulatedDevice {

    private static final Logger LOG = LoggerFactory.getLogger(SimDriverComponent.class);

    /** How far the physics may fall behind the clock when nobody reads, ns (bounds the work of one read()). */
    private static final long KEEP_UP_PERIOD_NANOS = 100_000_000L;

    private final SimulatedDevice device;
    private final Scheduled keepUp;
    private final PlantStore store; // null: no persistent data area

    /**
     * @param dataFiles the bundle's persistent data area ({@link #dataFiles(BundleContext)}), where the plant
     *        snapshot is kept across deactivation; null, or one that answers null (a framework without file
     *        system support), keeps no plant state
     * @param restoreMaxAgeS restore the saved plant state when at most this old, s (0 = never)
     */
    SimDriverComponent(TimeSource time, String pid, SimSpec spec, double cyclingCurrentDensityMAcm2,
            double cyclingCapacityMAhcm2, int cyclingHalfCycles, Function<String, File> dataFiles,
            long restoreMaxAgeS) {
        ConfigCheck.nonNegative(pid, "cyclingCurrentDensityMAcm2", cyclingCurrentDensityMAcm2);
        ConfigCheck.nonNegative(pid, "cyclingCapacityMAhcm2", cyclingCapacityMAhcm2);
        ConfigCheck.nonNegative(pid, "cyclingHalfCycles", cyclingHalfCycles);
        if ((cyclingCurrentDensityMAcm2 > 0) != (cyclingCapacityMAhcm2 > 0)) {
            throw new IllegalArgumentException(pid + " (" + spec.id() + "): cyclingCurrentDensityMAcm2 and "
                    + "cyclingCapacityMAhcm2 must both be > 0 to cycle, or both 0; were " + cyclingCurrentDensityMAcm2
                    + " and " + cyclingCapacityMAhcm2);
        }
        ConfigCheck.nonNegative(pid, "restoreMaxAgeS", restoreMaxAgeS);
        File data = dataFiles == null ? null : dataFiles.apply(PlantStore.fileName(spec.id()));
        this.store = data == null ? null : new PlantStore(data.toPath());
        boolean restored;
        try {
            if (store == null) {
                this.device = SimulatedDevices.create(time, spec);
                restored = false;
            } else {
                // the plant outlives its driver: a real press keeps its load while its driver is swapped
                PlantStore.Result r = store.createDevice(time, spec, restoreMaxAgeS);
                this.device = r.device();
                restored = r.restored();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pid + " (" + spec.id() + "): " + e.getMessage(), e);
        }
        // a device integrates lazily up to the present on each call; in real time, keep it current so that
        // a read() after a long quiet spell never has to integrate minutes of backlog
        this.keepUp = time.scheduleAtFixedRate("sim-" + spec.id() + "-integrate", KEEP_UP_PERIOD_NANOS,
                device::plantState);
        if (cyclingCurrentDensityMAcm2 > 0 && !restored) { // a restored cell keeps its own cycling progress
            device.cell().startCycling(SimUnits.mAPerCm2(cyclingCurrentDensityMAcm2),
                    SimUnits.mAhPerCm2(cyclingCapacityMAhcm2), cyclingHalfCycles);
        }
        LOG.info("Simulated {} '{}' active: cell Ø {} mm, seed {}, cycling {} mA/cm² x {} mAh/cm²", spec.kind(),
                spec.id(), spec.cell().diameterM() * 1e3, spec.seed(), cyclingCurrentDensityMAcm2,
                cyclingCapacityMAhcm2);
    }

    /** The bundle's persistent data area as a file lookup; null for a null context. */
    static Function<String, File> dataFiles(BundleContext context) {
        return context == null ? null : context::getDataFile;
    }

    /** Called from each subclass's @Deactivate: the device holds its load (package contract). */
    final void deactivated() {
        keepUp.cancel();
        device.close();
        if (store != null) {
            store.save(device); // after close(): the snapshot is of the held plant
        }
        LOG.info("Simulated device '{}' deactivated, actuator left in HOLD", device.id());
    }

    @Override
    public String id() {
        return device.id();
    }

    @Override
    public DeviceInfo info() {
        return device.info();
    }

    @Override
    public Set<Capability> capabilities() {
        return device.capabilities();
    }

    @Override
    public Reading read() {
        return device.read();
    }

    @Override
    public DeviceHealth health() {
        return device.health();
    }

    @Override
    public Optional<Actuator> actuator() {
        return device.actuator();
    }

    @Override
    public Optional<TemperatureControl> temperatureControl() {
        return device.temperatureControl();
    }

    @Override
    public Optional<OperatorChannel> operatorChannel() {
        return device.operatorChannel();
    }

    @Override
    public SimulatedCell cell() {
        return device.cell();
    }

    @Override
    public FaultInjector faults() {
        return device.faults();
    }

    @Override
    public PlantState plantState() {
        return device.plantState();
    }

    @Override
    public SimSpec spec() {
        return device.spec();
    }

    @Override
    public Optional<org.presslab.press.sim.CoinCell> coinCell() {
        return device.coinCell();
    }

    @Override
    public PlantSnapshot snapshot() {
        return device.snapshot();
    }

    @Override
    public void close() {
        device.close();
    }
}
