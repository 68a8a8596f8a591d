package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;
import org.presslab.control.api.RecipeStep;

class RecipeCodecTest {

    private final RecipeCodec codec = new RecipeCodec();

    private String refused(String json) {
        RecipeFormatException e = assertThrows(RecipeFormatException.class, () -> codec.parse(json, "bad.json"));
        System.out.println("REFUSED: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void defaultRecipeIsTheAssbPlan() {
        Recipe r = BuiltInRecipes.assbDefault();
        assertEquals("assb-default", r.name());
        assertEquals(4, r.steps().size());
        RecipeStep.Ramp ramp = (RecipeStep.Ramp) r.steps().get(0);
        assertEquals(74e6, ramp.targetPa(), 1);
        assertEquals(2e6, ramp.ratePaPerS(), 1);
        assertEquals(300, ((RecipeStep.Dwell) r.steps().get(1)).durationS());
        RecipeStep.Release rel = (RecipeStep.Release) r.steps().get(2);
        assertEquals(15e6, rel.targetPa(), 1);
        RecipeStep.Hold hold = (RecipeStep.Hold) r.steps().get(3);
        assertEquals(15e6, hold.targetPa(), 1);
        assertEquals(0.05e6, hold.tolerancePa(), 1);
    }

    @Test
    void roundTripsThroughTheFileFormat() throws Exception {
        Recipe r = BuiltInRecipes.assbDefault();
        Recipe back = codec.parse(codec.toJson(r), "roundtrip");
        assertEquals(r, back);
    }

    @Test
    void unknownStepTypeIsNamed() {
        String m = refused("{\"name\":\"x\",\"steps\":[{\"type\":\"ramp\",\"targetMPa\":10,\"rateMPaPerS\":1},{\"type\":\"squeeze\"}]}");
        assertTrue(m.contains("bad.json: step 2: unknown step type 'squeeze'"), m);
    }

    @Test
    void negativeRateIsNamed() {
        String m = refused("{\"name\":\"x\",\"steps\":[{\"type\":\"ramp\",\"targetMPa\":10,\"rateMPaPerS\":-1}]}");
        assertTrue(m.contains("step 1 (ramp): field 'rateMPaPerS' must be positive, was -1"), m);
    }

    @Test
    void pressureAboveTheRecipeRatingIsNamed() {
        String m = refused("{\"name\":\"x\",\"maxPressureMPa\":80,\"steps\":[{\"type\":\"ramp\",\"targetMPa\":90,\"rateMPaPerS\":1}]}");
        assertTrue(m.contains("step 1 (ramp): field 'targetMPa' 90 MPa is above the recipe's maxPressureMPa (80 MPa)"), m);
    }

    @Test
    void missingFieldIsNamed() {
        String m = refused("{\"name\":\"x\",\"steps\":[{\"type\":\"hold\",\"targetMPa\":15,\"durationS\":60}]}");
        assertTrue(m.contains("step 1 (hold): field 'toleranceMPa' is missing"), m);
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        String m = refused("{\n  \"name\": \"x\",\n  \"steps\": [ { \"type\": \"dwell\" \"durationS\": 5 } ]\n}");
        assertTrue(m.startsWith("bad.json: malformed JSON at line 3, column"), m);
    }

    @Test
    void everyProblemIsListedAtOnceAndTyposAreCaught() {
        String m = refused("{\"name\":\"x\",\"steps\":[{\"type\":\"ramp\",\"targetMPa\":-5,\"rateMPaPerS\":1},"
                + "{\"type\":\"dwell\",\"duration\":5},{\"type\":\"temperature\"}]}");
        assertTrue(m.startsWith("bad.json: 4 problems: "), m);
        assertTrue(m.contains("step 1 (ramp): field 'targetMPa' must not be negative"), m);
        assertTrue(m.contains("step 2 (dwell): field 'duration' unknown field"), m);
        assertTrue(m.contains("step 2 (dwell): field 'durationS' is missing"), m);
        assertTrue(m.contains("step 3 (temperature): field 'temperatureC' is missing"), m);
    }

    @Test
    void conditionsAndOperatorStepsParse() throws Exception {
        Recipe r = codec.parse("{\"name\":\"manual\",\"steps\":[{\"type\":\"operator\",\"instruction\":\"Pump to 74 MPa\","
                + "\"targetMPa\":74,\"toleranceMPa\":1,\"settleS\":5,\"timeoutS\":600},{\"type\":\"hold\",\"targetMPa\":15,"
                + "\"toleranceMPa\":0.05,\"durationS\":60,\"conditions\":[{\"kind\":\"temperatureInBand\",\"lowC\":20,\"highC\":30,"
                + "\"holdGoodS\":2}]}]}", "manual.json");
        RecipeStep.Operator op = (RecipeStep.Operator) r.steps().get(0);
        assertEquals(74e6, op.targetPa(), 1);
        assertEquals(293.15, r.steps().get(1).conditions().get(0).low(), 1e-9);
    }
}
