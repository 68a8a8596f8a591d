/**
 * Import of impedance spectra from instrument files outside OSGi: {@link org.presslab.impedance.io.SpectrumImporters}
 * gives an importer with the built-in readers. Inside OSGi, use the
 * {@link org.presslab.impedance.api.SpectrumImporter} service; it picks up every registered
 * {@link org.presslab.impedance.api.SpectrumReader}. 2.0.0: the {@code SpectrumReader} SPI moved to
 * {@code org.presslab.impedance.api}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.presslab.impedance.io;
