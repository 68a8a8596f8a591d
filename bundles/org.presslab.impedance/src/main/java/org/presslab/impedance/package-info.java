/**
 * Plain-Java access to the impedance analysis implementations, for code outside OSGi (tests of other
 * bundles, the CLI, benchmarks): {@link org.presslab.impedance.ImpedanceAnalysis}. In OSGi use the services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.impedance;
