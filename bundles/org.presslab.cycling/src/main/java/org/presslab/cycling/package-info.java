/**
 * Galvanostatic cycling logs: a {@link org.presslab.cycling.CyclingLog} read from an instrument export by a
 * {@link org.presslab.cycling.CyclingImporter} (BioLogic EC-Lab .mpt and .mpr, Neware and Arbin CSV exports, a
 * plain CSV of time, current and voltage), the {@link org.presslab.cycling.ShortCircuitDetector} that flags a
 * sudden voltage collapse, and a {@link org.presslab.cycling.Trace} that gives a pressure (or any sampled
 * quantity) at a cycling point's time, NaN inside a gap. SI units: s, A, V, C.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.cycling;
