/**
 * Simulated presses, frames and the sodium cell stack behind them: the embedded default
 * drivers, so that every machine can run the platform with no hardware.
 *
 * <h2>Use outside OSGi</h2>
 * Build a {@link org.presslab.press.sim.SimSpec} (defaults per {@link org.presslab.press.api.DeviceKind},
 * every number SI and changeable), then call {@link org.presslab.press.sim.SimulatedDevices#create}
 * with a {@link org.presslab.time.TimeSource}. The result is a {@link org.presslab.press.api.PressDriver}
 * ({@link org.presslab.press.sim.SimulatedDevice}) with two extra handles: the
 * {@link org.presslab.press.sim.SimulatedCell} (cell current, cycling, the true stack state) and the
 * {@link org.presslab.press.sim.FaultInjector}.
 *
 * <h2>Time and determinism</h2>
 * A device has no thread. Each call ({@code read()}, {@code command()}, {@code plantState()}, ...)
 * integrates the physics up to {@code timeSource.nanoTime()} on a fixed grid (the integration step,
 * counted from the device's creation), so the result depends only on the commands, their times and
 * the seed, never on how often the device is polled. Sensor samples are taken at the device's own
 * sample rate and delivered after a conversion latency (default one sample), each carrying the time
 * it was measured; the noise of sample {@code k} is a pure function of the seed and {@code k}. On a
 * {@link org.presslab.time.VirtualTimeSource} everything is exact and runs much faster than real time.
 *
 * <h2>The plant outlives its driver</h2>
 * {@link org.presslab.press.sim.SimulatedDevice#snapshot()} captures the physical state (a
 * {@link org.presslab.press.sim.PlantSnapshot}, serialisable to {@link java.util.Properties});
 * {@link org.presslab.press.sim.SimulatedDevices#create(org.presslab.time.TimeSource, org.presslab.press.sim.SimSpec, org.presslab.press.sim.PlantSnapshot)}
 * builds the same plant again in that state, holding, as a real press keeps its load on its check valve
 * while its driver is replaced (1.1).
 *
 * <h2>The crimper (1.3)</h2>
 * {@link org.presslab.press.api.DeviceKind#CRIMPER}: an electro-hydraulic coin-cell crimper with a 20 mm die
 * closing a CR2032 can that deforms elastically, yields and hardens ({@link org.presslab.press.sim.CoinCanParameters}),
 * sealed, left unsealed or crushed according to the force it saw ({@link org.presslab.press.sim.CoinCell}).
 *
 * <h2>Threading</h2>
 * Every method is thread-safe (one lock per device) and bounded in work per unit of simulated time.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.presslab.press.sim;

import org.presslab.time.TimeSource;
import org.presslab.time.VirtualTimeSource;
