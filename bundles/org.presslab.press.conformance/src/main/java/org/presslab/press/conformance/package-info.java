/**
 * The Presslab driver conformance kit: checks that a {@link org.presslab.press.api.PressDriver}
 * honours the SPI contract (see {@code org.presslab.press.api}), the same way for every vendor.
 *
 * <p>A vendor describes how to start and stop its driver in a {@link
 * org.presslab.press.conformance.DriverFixture} (plain Java: {@code new} + start/close; OSGi:
 * {@link org.presslab.press.conformance.OsgiDriverFixture} over a bundle or a configuration),
 * optionally with a {@link org.presslab.press.conformance.DeviceLink} that silences and restores
 * the device, then runs {@link org.presslab.press.conformance.ConformanceKit#run} and asserts on
 * the {@link org.presslab.press.conformance.ConformanceReport}:
 *
 * <pre>
 * ConformanceReport report = ConformanceKit.defaults().run(fixture);
 * System.out.println(report.format());
 * report.assertPassed();   // AssertionError with the report when a check failed
 * </pre>
 *
 * <p>The kit needs no test framework: it works under JUnit 4 (Pax Exam), JUnit 5 or a main
 * method. It commands an actuator only with harmless commands (hold the present force, raw
 * output 0, the safe states) and, to check that a driver refuses setpoints above its rating,
 * one setpoint at 150 % of the rating; a driver that wrongly accepts it is put into HOLD at
 * once. Run it on a test rig or a simulated device, never on a press holding a cell.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.press.conformance;
