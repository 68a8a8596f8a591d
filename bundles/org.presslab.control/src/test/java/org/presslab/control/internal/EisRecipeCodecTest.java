package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.presslab.control.api.EisSettings;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;
import org.presslab.control.api.RecipeStep;

/** The EIS steps in the recipe file format: defaults, round trips, and errors that name the step and the field. */
class EisRecipeCodecTest {

    private final RecipeCodec codec = new RecipeCodec();

    private String refused(String json) {
        RecipeFormatException e = assertThrows(RecipeFormatException.class, () -> codec.parse(json, "bad.json"));
        System.out.println("REFUSED: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsEveryEisStepWithItsDefaults() throws Exception {
        Recipe r = codec.parse("""
                {"name": "eis", "maxPressureMPa": 80, "steps": [
                  {"type": "ramp", "targetMPa": 74, "rateMPaPerS": 2, "measureAtEnd": true},
                  {"type": "eis", "minFrequencyHz": 0.1, "amplitudeMV": 20, "circuit": "R0-p(R1,CPE1)", "kk": true},
                  {"type": "sweep", "pressuresMPa": [74, 45, 15], "rateMPaPerS": 1, "stopWithinPercent": 30},
                  {"type": "hold", "targetMPa": 15, "toleranceMPa": 0.05, "durationS": 3600, "measureEveryMin": 30,
                   "eis": {"maxFrequencyHz": 1e5}, "measureAtEnd": {"circuit": "R0-p(R1,CPE1)-p(R2,CPE2)"}}
                ]}""", "eis.json");
        RecipeStep.Ramp ramp = (RecipeStep.Ramp) r.steps().get(0);
        assertEquals(EisSettings.DEFAULT, ramp.measureAtEnd());
        RecipeStep.MeasureEis m = (RecipeStep.MeasureEis) r.steps().get(1);
        assertEquals(new EisSettings(1e6, 0.1, 8, 0.02, "R0-p(R1,CPE1)", true, Double.NaN), m.eis());
        RecipeStep.PressureSweep s = (RecipeStep.PressureSweep) r.steps().get(2);
        assertEquals(List.of(74e6, 45e6, 15e6), s.pressuresPa());
        assertEquals(60, s.settleS());
        assertEquals(EisSettings.DEFAULT_CIRCUIT, s.eis().circuit());
        assertEquals("R2", s.interfaceParameter());
        assertEquals(0.30, s.stopWithinFraction(), 1e-12);
        assertTrue(Double.isNaN(s.referencePa()));
        RecipeStep.Hold h = (RecipeStep.Hold) r.steps().get(3);
        assertEquals(1800, h.measureEveryS());
        assertEquals(1e5, h.measureEvery().maxFrequencyHz());
        assertEquals(EisSettings.DEFAULT_CIRCUIT, h.measureAtEnd().circuit());
        // an old-style hold has none of it
        RecipeStep.Hold plain = (RecipeStep.Hold) codec.parse(
                "{\"name\":\"x\",\"steps\":[{\"type\":\"hold\",\"targetMPa\":15,\"toleranceMPa\":0.05,\"durationS\":60}]}", "x")
                .steps().get(0);
        assertNull(plain.measureEvery());
        assertNull(plain.measureAtEnd());
        // and the whole recipe comes back the same through the file format
        assertEquals(r, codec.parse(codec.toJson(r), "roundtrip"));
    }

    @Test
    void theShippedSweepRecipeRoundTrips() throws Exception {
        Recipe r = BuiltInRecipes.named("assb-pressure-sweep").orElseThrow();
        assertTrue(r.steps().stream().anyMatch(s -> s instanceof RecipeStep.PressureSweep));
        assertEquals(r, codec.parse(codec.toJson(r), "roundtrip"));
    }

    @Test
    void errorsNameTheStepAndTheField() {
        String m = refused("""
                {"name": "x", "maxPressureMPa": 80, "steps": [
                  {"type": "sweep", "pressuresMPa": [74, 90, 0], "rateMPaPerS": 1, "referenceMPa": 50},
                  {"type": "eis", "minFrequencyHz": 1e7, "pointsPerDecade": 2.5, "amplitudeMV": -1, "kk": "yes", "colour": 1},
                  {"type": "ramp", "targetMPa": 10, "rateMPaPerS": 1, "measureAtEnd": {"maxFrequencyHz": "high"}},
                  {"type": "hold", "targetMPa": 10, "toleranceMPa": 0.1, "durationS": 60, "eis": true},
                  {"type": "sweep", "pressuresMPa": [10], "rateMPaPerS": 1, "eis": {"circuit": ""}}
                ]}""");
        assertTrue(m.contains("step 1 (sweep): field 'pressuresMPa[1]' 90 MPa is above the recipe's maxPressureMPa (80 MPa)"), m);
        assertTrue(m.contains("step 1 (sweep): field 'pressuresMPa[2]' must be above 0 MPa"), m);
        assertTrue(m.contains("step 1 (sweep): field 'referenceMPa' must be one of pressuresMPa"), m);
        assertTrue(m.contains("step 1 (sweep): field 'referenceMPa' applies to the stop"), m);
        assertTrue(m.contains("step 2 (eis): field 'colour' unknown field"), m);
        assertTrue(m.contains("step 2 (eis): field 'minFrequencyHz' is above maxFrequencyHz"), m);
        assertTrue(m.contains("step 2 (eis): field 'pointsPerDecade' must be a whole number, was 2.5"), m);
        assertTrue(m.contains("step 2 (eis): field 'amplitudeMV' must be in"), m);
        assertTrue(m.contains("step 2 (eis): field 'kk' must be true or false"), m);
        assertTrue(m.contains("step 3 (ramp): field 'measureAtEnd': field 'maxFrequencyHz' must be a number"), m);
        assertTrue(m.contains("step 4 (hold): field 'eis' applies to the periodic measurement"), m);
        assertTrue(m.contains("step 5 (sweep): field 'pressuresMPa' must be an array of at least two pressures"), m);
        assertTrue(m.contains("step 5 (sweep): field 'eis' a sweep fits every spectrum: give a circuit"), m);
    }
}
