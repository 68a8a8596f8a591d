/**
 * Stations, recipes and interlocks as front ends (shell, web console, REST, reporting) see them.
 *
 * <p>A {@link org.presslab.control.api.Station} is one cell fixture bound to one press driver.
 * Every command that can move a press goes through the station's safety supervisor, which
 * refuses anything beyond the station's {@link org.presslab.control.api.PressureLimits} with a
 * {@link org.presslab.control.api.CommandRefusedException} naming the limit. Pressures are the
 * pressure on the cell, in pascals; rates in Pa/s; durations in seconds.
 *
 * <p>Live data reach consumers through the {@link org.presslab.control.api.StationListener}
 * whiteboard and through EventAdmin under the topics in {@link org.presslab.control.api.StationTopics},
 * always from a dispatcher thread, never from a control loop: a slow consumer only loses its own
 * samples (counted), it never slows a loop.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.presslab.control.api;
