/**
 * Support for press driver writers: the parts of the SPI contract ({@code org.presslab.press.api})
 * that every driver implements the same way, written once and tested once.
 *
 * <ul>
 * <li>{@link org.presslab.press.support.LatestReading}: the latest measurement, handed to the
 * control loop without blocking, with a sequence that always increases. A reading older than the
 * stale limit (or dated further ahead than the limit, when the clock went backwards) is returned as
 * {@code STALE} with its original time; a non-finite value in a quantity the device measures is
 * never passed on as {@code GOOD}, {@code UNSTABLE} or {@code OVERLOAD}, always as {@code FAULT}.</li>
 * <li>{@link org.presslab.press.support.LinkHealth}: the driver's
 * {@link org.presslab.press.api.DeviceHealth}: named counters, a window of the last exchanges
 * ({@code DEGRADED} when too many of them needed retries or were unusable), the consecutive-failure
 * rule ({@code DISCONNECTED} after N unanswered exchanges), and whether the device is there at all
 * (its port present), with a listener told of every change.</li>
 * <li>{@link org.presslab.press.support.DriverRegistration}: the {@code PressDriver} service of a
 * device whose port can vanish: registered while the device is there, withdrawn while it is gone,
 * withdrawn for good when the component deactivates, and never left registered after that, whatever
 * thread reports the device back.</li>
 * </ul>
 *
 * <p>A driver keeps its protocol, its units and its messages; these classes keep the rules. A typical
 * acquisition step:
 *
 * <pre>
 * try {
 *     double force = poll();                                    // the driver's own I/O
 *     link.answered(retried);                                   // the window: retries count as trouble
 *     latest.set(time.nanoTime(), force, NaN, NaN, NaN, Quality.GOOD);
 *     link.up(bad -&gt; bad + " of the last " + link.window() + " polls needed retries");
 * } catch (TimeoutException e) {
 *     timeouts.increment();
 *     if (link.unanswered() &gt;= link.disconnectAfter()) {
 *         latest.markStale();
 *         link.disconnected("no answer from " + port + ": check power and cable");
 *     } else {
 *         link.degraded("no answer, retrying");
 *     }
 * }
 * ...
 * public Reading read() { return latest.read(time.nanoTime()); }
 * public DeviceHealth health() { return link.health(); }
 * </pre>
 *
 * <p>Every class is thread-safe: the acquisition thread writes, the control loop (up to 1 kHz) and
 * any other thread read, and reading never blocks on a writer. The package imports only the press
 * API and {@code org.osgi.framework}; it logs through {@link java.lang.System.Logger}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.press.support;
