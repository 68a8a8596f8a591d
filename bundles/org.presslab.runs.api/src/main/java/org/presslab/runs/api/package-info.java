/**
 * The run store as front ends, reports, analyzers and importers see it.
 *
 * <p>A {@link org.presslab.runs.api.Run} is one experiment on one station: the recipe (its JSON and
 * SHA-256), the cell ({@link org.presslab.runs.api.CellInfo}), the operator, the device and driver
 * bundle it ran on, its start, end and {@link org.presslab.runs.api.RunOutcome}. While a run is open the
 * store records every station sample, event and command with both UTC wall-clock time and the station's
 * monotonic time; what it could not record is kept as a {@link org.presslab.runs.api.Gap} with its cause.
 *
 * <ul>
 * <li>{@link org.presslab.runs.api.RunService}: start and stop runs, notes, cell metadata, the store's health.</li>
 * <li>{@link org.presslab.runs.api.RunQuery}: read a run back (samples decimated to N points, events,
 * commands, gaps, notes, spectra, cycling logs).</li>
 * <li>{@link org.presslab.runs.api.RunAttachments}: attach impedance spectra and cycling logs to a run.</li>
 * <li>{@link org.presslab.runs.api.RunExporter}: one run to CSV or HDF5 files.</li>
 * </ul>
 *
 * <p>Units are SI throughout (Pa, N, K, m, s, A, V, Ah); unknown numbers are NaN. Every failure is a
 * {@link org.presslab.runs.api.RunStoreException} whose {@link org.presslab.runs.api.RunStoreException.Reason}
 * says whether the run is unknown, the input invalid, the request in conflict with the run's state, or the
 * store unavailable, and whose message names the run and the value.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.presslab.runs.api;
