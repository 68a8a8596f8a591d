package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.presslab.time.TimeSources;
import org.presslab.analyzer.sim.SimAnalyzerSpec;
import org.presslab.analyzer.sim.SimulatedAnalyzer;
import org.presslab.analyzer.sim.SimulatedAnalyzers;
import org.presslab.control.api.EisSettings;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationState;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.TimeSource;

/**
 * A short pressure sweep in real time through a real station: the loop on its own thread, the analyzer's
 * points on the time source's threads, the fits on the station's EIS thread. The analyzer measures fast
 * (0.02 s least per point) so the test takes about 20 s of wall time.
 */
class EisRealTimeTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aShortSweepInRealTimeRecoversTheLawWhileTheLoopKeepsRunning() throws Exception {
        TimeSource time = TimeSources.system();
        StationEngine s = new StationEngine(Harness.settings("sim-press-1").maxRateMPaPerS(5).build(), time);
        List<StationEvent> events = Collections.synchronizedList(new ArrayList<>());
        s.addListener(new StationListener() {
            @Override
            public void onEvent(StationEvent e) {
                events.add(e);
            }
        });
        s.start();
        SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("sim-press-1").seed(5);
        spec.hydraulics().initialGapM(50e-6);
        SimulatedDevice press = SimulatedDevices.create(time, spec);
        SimulatedAnalyzer analyzer = SimulatedAnalyzers.create(time, SimAnalyzerSpec.defaults().minPointS(0.02), press);
        s.eis.setFitter(ImpedanceAnalysis.circuitFitter());
        s.eis.bindAnalyzer(analyzer);
        try {
            s.bindDriver(press);
            Thread.sleep(300);
            EisSettings eis = new EisSettings(1e6, 10, 6, 0.01, EisSettings.DEFAULT_CIRCUIT, false, 60);
            RecipeRun run = s.start(new Recipe("rt-sweep", 1, "", 30e6, List.of(new RecipeStep.Ramp(12e6, 5e6, 0.2e6, List.of()),
                    new RecipeStep.PressureSweep(List.of(12e6, 8e6, 5e6, 3e6), 5e6, 0.5, 0.2e6, eis, "R2", Double.NaN, Double.NaN,
                            List.of()))));
            long t0 = System.nanoTime();
            while (!run.state().isFinished() && System.nanoTime() - t0 < 80e9) {
                Thread.sleep(50);
            }
            double wallS = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(200);
            assertEquals(RecipeRun.State.COMPLETED, run.state(), run.message());
            StationEvent done;
            synchronized (events) {
                assertEquals(4, events.stream().filter(e -> e.type() == StationEventType.SPECTRUM_MEASURED).count());
                done = events.stream().filter(e -> e.type() == StationEventType.SWEEP_COMPLETED).findFirst().orElseThrow();
            }
            double slope = (Double) done.properties().get("exponent");
            System.out.printf(Locale.ROOT, "real-time sweep 12/8/5/3 MPa: %.1f s wall, slope %.4f, loop %.1f Hz, overruns %d%n",
                    wallS, slope, s.achievedRateHz, s.loopTask.overruns());
            assertEquals(-0.5, slope, 0.05);
            assertEquals(StationState.HOLDING, s.status().state());
            assertEquals(3e6, press.cell().pressurePa(), 0.3e6);
            // the loop's rate is printed, not asserted: on the shared 2-core machine it dips with other builds' load
            // (86.8 Hz once), which says nothing about this code; what must hold is that nothing tripped
            assertEquals(null, s.trip(), "no trip while the analyzer measured and the fits ran");
        } finally {
            s.close();
            press.close();
        }
    }
}
