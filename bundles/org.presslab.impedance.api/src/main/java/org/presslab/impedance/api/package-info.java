/**
 * Impedance spectra and the analysis services of Presslab: circuit models, complex nonlinear
 * least-squares fitting, Kramers-Kronig validation, distribution of relaxation times, file
 * import (the {@link org.presslab.impedance.api.SpectrumReader} SPI a file format implements) and
 * derived quantities. SI units throughout: hertz, ohms, farads, seconds, metres,
 * kelvin, pascals. Plain Java: usable outside OSGi too.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.presslab.impedance.api;
