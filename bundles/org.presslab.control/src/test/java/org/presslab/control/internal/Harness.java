package org.presslab.control.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.presslab.time.TimeSources;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.PressDriver;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.VirtualTimeSource;

/** A station on a simulated device in virtual time, with a recording listener. */
final class Harness implements AutoCloseable {

    final VirtualTimeSource time = TimeSources.virtual();
    final StationEngine station;
    final List<StationSample> samples = Collections.synchronizedList(new ArrayList<>());
    final List<StationEvent> events = Collections.synchronizedList(new ArrayList<>());

    volatile boolean recordSamples = true;

    Harness(StationSettings.Builder settings) {
        station = new StationEngine(settings.build(), time);
        station.addListener(new StationListener() {
            @Override
            public void onSample(StationSample s) {
                if (recordSamples) {
                    samples.add(s);
                }
            }

            @Override
            public void onEvent(StationEvent e) {
                events.add(e);
            }
        });
        station.start();
    }

    static StationSettings.Builder settings(String driverId) {
        return StationSettings.builder("st-1").cellDiameterMm(10).fixtureRatingMPa(100)
                .driverFilter("(presslab.driver.id=" + driverId + ")");
    }

    /**
     * The simulated automatic press with the ram 50 µm short of the stack: room for the anode to
     * grow (the sim's default gap of 0 bottoms the ram as soon as the cell thickens), closed by
     * the station's approach phase.
     */
    SimulatedDevice press(String id, long seed) {
        SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id(id).seed(seed);
        spec.hydraulics().initialGapM(50e-6);
        return SimulatedDevices.create(time, spec);
    }

    /**
     * A station on the simulated press (seed {@code seed}) ramped at 2 MPa/s to {@code mpa} and holding there: the
     * starting point of most fault tests.
     */
    static Harness holding(StationSettings.Builder b, double mpa, long seed) {
        Harness h = new Harness(b);
        h.bind(h.press("sim-press-1", seed));
        h.run(0.5);
        try {
            h.station.ramp(mpa * 1e6, 2e6);
        } catch (org.presslab.control.api.CommandRefusedException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        h.run(mpa / 2 + 20);
        if (h.station.status().state() != org.presslab.control.api.StationState.HOLDING) {
            throw new AssertionError("not holding " + mpa + " MPa: " + h.station.status());
        }
        return h;
    }

    /** Advances in 1 ms steps until the station trips or {@code maxS} passed; returns the trip or null. */
    org.presslab.control.api.Trip runUntilTrip(double maxS) {
        return runUntilTrip(maxS, null, new double[1]);
    }

    /**
     * The same, also tracking the plant's true pressure on {@code watch} (when not null) in {@code maxTruePa[0]}.
     */
    org.presslab.control.api.Trip runUntilTrip(double maxS, SimulatedDevice watch, double[] maxTruePa) {
        long end = time.nanoTime() + Math.round(maxS * 1e9);
        while (time.nanoTime() < end) {
            time.advanceNanos(1_000_000L);
            if (watch != null) {
                maxTruePa[0] = Math.max(maxTruePa[0], watch.plantState().cellPressurePa());
            }
            if (station.trip() != null) {
                return station.trip();
            }
        }
        return null;
    }

    Harness bind(PressDriver d) {
        station.bindDriver(d);
        return this;
    }

    void run(double seconds) {
        time.advanceSeconds(seconds);
    }

    /** Mean pressure of each whole second in [fromS, toS) of sample time, Pa. */
    double[] secondMeans(double fromS, double toS) {
        List<double[]> out = new ArrayList<>();
        int n = (int) Math.floor(toS - fromS);
        double[] sum = new double[n];
        int[] count = new int[n];
        synchronized (samples) {
            for (StationSample s : samples) {
                double t = s.timeNanos() / 1e9;
                if (t >= fromS && t < fromS + n && !s.gap() && !Double.isNaN(s.pressurePa())) {
                    int k = (int) Math.floor(t - fromS);
                    sum[k] += s.pressurePa();
                    count[k]++;
                }
            }
        }
        double[] means = new double[n];
        for (int k = 0; k < n; k++) {
            means[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
        }
        return means;
    }

    double maxPressure(double fromS, double toS) {
        double m = Double.NEGATIVE_INFINITY;
        synchronized (samples) {
            for (StationSample s : samples) {
                double t = s.timeNanos() / 1e9;
                if (t >= fromS && t < toS && !Double.isNaN(s.pressurePa())) {
                    m = Math.max(m, s.pressurePa());
                }
            }
        }
        return m;
    }

    /** Whether an event of this type was delivered; first lets the dispatcher and the listener run (50 ms). */
    boolean hasEvent(org.presslab.control.api.StationEventType type) {
        time.advanceSeconds(0.05);
        synchronized (events) {
            return events.stream().anyMatch(e -> e.type() == type);
        }
    }

    @Override
    public void close() {
        station.close();
    }
}
