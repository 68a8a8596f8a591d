/**
 * The analyzer SPI: a potentiostat or impedance analyzer as a device, in the style of the press
 * driver SPI ({@code org.presslab.press.api}). A vendor driver compiles against this package and
 * {@code org.presslab.impedance.api} (for {@link org.presslab.impedance.api.Spectrum}) alone.
 *
 * <h2>Registering a driver</h2>
 * A driver registers one {@link org.presslab.analyzer.api.Analyzer} service per instrument (or per
 * channel of a multichannel instrument) with the service property
 * {@link org.presslab.analyzer.api.Analyzer#PROP_ID} (a stable name, unique in the installation; a
 * station selects its analyzer with an LDAP filter on it, {@code analyzer.target}).
 *
 * <h2>Measuring</h2>
 * {@link org.presslab.analyzer.api.Analyzer#measure(MeasurementRequest)} checks the request against
 * {@link org.presslab.analyzer.api.AnalyzerInfo} (frequency and amplitude ranges) and starts the
 * measurement, returning at once with a {@link org.presslab.analyzer.api.Measurement} handle: its
 * {@code result()} completes with the {@link org.presslab.impedance.api.Spectrum}, its
 * {@code progress()} runs from 0 to 1, and {@code abort(reason)} ends it. The measurement runs on the
 * driver's own thread (or the instrument's): {@code measure}, {@code progress} and {@code abort} never
 * block on the instrument. One measurement at a time per analyzer.
 *
 * <h2>Bounded time</h2>
 * A measurement takes about {@link org.presslab.analyzer.api.Measurement#expectedDurationS()}; the
 * driver completes {@code result()}, normally or exceptionally, within that time plus its own
 * communication timeout. Consumers must still bound their wait themselves (control aborts a
 * measurement that overruns its timeout) and treat a silent instrument as a failure.
 *
 * <h2>Results</h2>
 * Frequencies in hertz, impedance in ohms with Z'' negative for a capacitive response, as in the
 * impedance API. A point the instrument could not measure (overload, a non-finite value) is left out
 * and listed in the spectrum metadata's {@code extra} under {@link org.presslab.analyzer.api.Measurement#DROPPED_POINTS};
 * when fewer than half the requested points remain, the measurement fails with an
 * {@link org.presslab.analyzer.api.AnalyzerException} naming them. The metadata carry the instrument
 * (vendor model serial), the start time ({@code measuredAt}) and the amplitude.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.analyzer.api;
