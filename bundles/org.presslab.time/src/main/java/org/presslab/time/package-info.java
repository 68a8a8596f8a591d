/**
 * One injectable source of time for everything that runs on a schedule in Presslab: the
 * control loops, the safety supervisor, the recipe executor and the simulated devices.
 *
 * <p>Production code takes a {@link org.presslab.time.TimeSource} service and never calls
 * {@code System.nanoTime()} or starts its own timer threads. In production the service is a
 * {@link org.presslab.time.SystemTimeSource}: each periodic task gets its own thread, paced
 * on absolute deadlines. Tests use a {@link org.presslab.time.VirtualTimeSource}: nothing
 * runs until the test advances time, and then every due task runs on the test's thread in
 * deadline order, so hours of simulated cycling take seconds and are deterministic.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.time;
