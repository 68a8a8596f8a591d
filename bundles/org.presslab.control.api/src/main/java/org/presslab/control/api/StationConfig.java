package org.presslab.control.api;

/**
 * A station's configuration, SI units.
 *
 * @param id stable station id
 * @param description free text (fixture, die id, cell)
 * @param cellAreaM2 the pressed area of the cell, m² (from the diameter when given as one)
 * @param cellDiameterM the cell diameter, m, or NaN when the area was given directly
 * @param fixtureRatingPa the die or fixture rating as pressure on the cell, Pa
 * @param driverFilter the LDAP filter that selects the driver service
 * @param loopRateHz the control loop rate
 * @param maxRatePaPerS the fastest allowed pressure change
 * @param defaultRatePaPerS the rate used where a command gives none
 * @param safeAction what the station does on a trip
 * @param rebindPolicy what it does when a driver comes back after a loss
 */
public record StationConfig(String id, String description, double cellAreaM2, double cellDiameterM,
        double fixtureRatingPa, String driverFilter, double loopRateHz, double maxRatePaPerS, double defaultRatePaPerS,
        org.presslab.press.api.SafeAction safeAction, RebindPolicy rebindPolicy) {
}
