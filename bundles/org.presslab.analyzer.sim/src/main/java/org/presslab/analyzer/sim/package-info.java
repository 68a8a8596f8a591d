/**
 * A simulated impedance analyzer on the simulated sodium cell of {@code org.presslab.press.sim}: the
 * spectrum of a Na | Na3Zr2Si2PO12-type pellet | Na stack whose interfacial arc follows the simulated
 * stack's pressure history (R_int ∝ P^-0.5, contact left by the stacking pressure, stripping voids and
 * their closure by creep, all from {@link org.presslab.press.sim.SimulatedCell}), with the bulk and
 * grain-boundary arcs of the electrolyte and measurement noise. Measuring takes the time a real
 * analyzer takes (a few periods per frequency), on the injected {@link org.presslab.time.TimeSource},
 * so it runs fast and deterministically in virtual time.
 *
 * <p>Use outside OSGi: {@link org.presslab.analyzer.sim.SimulatedAnalyzers#create}. In OSGi the factory
 * PID {@code org.presslab.analyzer.sim} registers one {@link org.presslab.analyzer.api.Analyzer} per
 * configuration, bound to the simulated press whose {@code presslab.driver.id} it names.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.analyzer.sim;
