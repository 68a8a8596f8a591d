/**
 * Import of instrument export files into runs: {@link org.presslab.runs.imports.FileImporter} reads an
 * impedance or cycling file, finds the run whose time covers its measurement, tags it with the stack
 * pressure (and force and temperature) at that time and attaches it; a watch folder does this for every new
 * file an instrument's own software writes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.runs.imports;
