/**
 * The control core outside OSGi: the command-line runner, benchmarks and other modules' tests build a
 * real station with {@link org.presslab.control.Stations} from a {@link org.presslab.control.StationSpec}
 * and read, parse and write recipe files with {@link org.presslab.control.Recipes}. Inside OSGi, use the
 * services of {@code org.presslab.control.api} instead (stations are configured with Configuration Admin).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.presslab.control;
