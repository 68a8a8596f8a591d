/**
 * Impedance spectra and the analysis services of Presslab: circuit models, complex nonlinear
 * least-squares fitting, Kramers-Kronig validation, distribution of relaxation times, file
 * import and derived quantities. SI units throughout: hertz, ohms, farads, seconds, metres,
 * kelvin, pascals. Plain Java: usable outside OSGi too.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.presslab.impedance.api;
