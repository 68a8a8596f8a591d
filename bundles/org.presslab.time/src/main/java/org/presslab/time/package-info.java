/**
 * One injectable source of time for everything that runs on a schedule in Presslab: the
 * control loops, the safety supervisor, the recipe executor and the simulated devices.
 *
 * <p>Production code takes a {@link org.presslab.time.TimeSource} service and never calls
 * {@code System.nanoTime()} or starts its own timer threads. In production the service is
 * real time ({@link org.presslab.time.TimeSources#system()}): each periodic task gets its own thread, paced
 * on absolute deadlines. Tests use a {@link org.presslab.time.VirtualTimeSource}
 * ({@link org.presslab.time.TimeSources#virtual()}): nothing
 * runs until the test advances time, and then every due task runs on the test's thread in
 * deadline order, so hours of simulated cycling take seconds and are deterministic.
 *
 * <p>2.0.0: the package holds interfaces and the {@link org.presslab.time.TimeSources} factory only;
 * the implementations moved to the bundle's internal package.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.presslab.time;
