/**
 * The impedance analysis outside OSGi: {@link org.presslab.impedance.ImpedanceAnalysis} returns the
 * implementations of the {@code org.presslab.impedance.api} services, and
 * {@link org.presslab.impedance.BenchmarkSet} generates the project's synthetic benchmark spectra. Inside
 * OSGi, use the services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.impedance;
