package org.presslab.runs.api;

import java.util.Objects;

/**
 * The cell under test, SI units. Unknown strings are empty, unknown numbers NaN.
 *
 * @param cellId the lab's id for the cell (as written on its label or in the notebook)
 * @param electrolyte the solid electrolyte, e.g. "Na3Zr2Si2PO12"
 * @param anode the anode, e.g. "Na metal"
 * @param cathode the cathode, e.g. "Na3V2(PO4)3"
 * @param pelletDiameterM pellet diameter, metres
 * @param pelletThicknessM pellet thickness, metres
 * @param dieId the die or fixture the cell was pressed in
 * @param notes free text
 */
public record CellInfo(String cellId, String electrolyte, String anode, String cathode, double pelletDiameterM,
        double pelletThicknessM, String dieId, String notes) {

    /** Nothing known about the cell. */
    public static final CellInfo UNKNOWN = new CellInfo("", "", "", "", Double.NaN, Double.NaN, "", "");

    /**
     * @throws IllegalArgumentException if a dimension is zero, negative or infinite (NaN means unknown)
     */
    public CellInfo {
        cellId = Objects.requireNonNullElse(cellId, "");
        electrolyte = Objects.requireNonNullElse(electrolyte, "");
        anode = Objects.requireNonNullElse(anode, "");
        cathode = Objects.requireNonNullElse(cathode, "");
        dieId = Objects.requireNonNullElse(dieId, "");
        notes = Objects.requireNonNullElse(notes, "");
        checkDimension("pellet diameter", pelletDiameterM);
        checkDimension("pellet thickness", pelletThicknessM);
    }

    /** A cell known only by its id. */
    public static CellInfo of(String cellId) {
        return new CellInfo(cellId, "", "", "", Double.NaN, Double.NaN, "", "");
    }

    private static void checkDimension(String what, double m) {
        if (!Double.isNaN(m) && !(m > 0 && m < 10)) {
            throw new IllegalArgumentException(what + " must be positive and below 10 m, was " + m + " m");
        }
    }
}
