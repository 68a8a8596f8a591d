/**
 * Import of impedance spectra from instrument files: the {@link org.presslab.impedance.io.SpectrumReader}
 * SPI that one file format implements, and {@link org.presslab.impedance.io.SpectrumImporters} to get
 * an importer with the built-in readers outside OSGi. Inside OSGi, use the
 * {@link org.presslab.impedance.api.SpectrumImporter} service; it picks up every registered reader.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.impedance.io;
