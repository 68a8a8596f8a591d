package org.presslab.control.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;
import org.presslab.control.api.RecipeService;

/** The built-in recipes, shipped as resources next to this class. */
public final class BuiltInRecipes {

    /** The sweep that chooses an operating pressure (#9): stack at 74 MPa, EIS at falling pressures, stop within 50 %. */
    public static final String PRESSURE_SWEEP = "assb-pressure-sweep";

    private BuiltInRecipes() {
    }

    /** The built-in recipe of that name, if there is one. */
    public static java.util.Optional<Recipe> named(String name) {
        return BUILT_IN.contains(name) ? java.util.Optional.of(builtIn(name)) : java.util.Optional.empty();
    }

    /** The default ASSB recipe: ramp to 74 MPa at 2 MPa/s, dwell 300 s, release to 15 MPa at 1 MPa/s, hold 15 MPa ±0.05 MPa for 24 h. */
    public static Recipe assbDefault() {
        try {
            return new RecipeCodec().parse(builtInJson(RecipeService.DEFAULT_RECIPE), RecipeService.DEFAULT_RECIPE + ".json (built in)");
        } catch (RecipeFormatException e) {
            throw new IllegalStateException("the built-in recipe is invalid: " + e.getMessage(), e);
        }
    }

    /** The name of the built-in coin-cell crimp: ramp the 20 mm die to 28 MPa (0.9 t) at 3 MPa/s, dwell 5 s, release at 5 MPa/s. */
    public static final String CR2032_CRIMP = "cr2032-crimp";

    /** The names of the built-in recipes, sorted. */
    public static final java.util.List<String> BUILT_IN = java.util.List.of(RecipeService.DEFAULT_RECIPE, PRESSURE_SWEEP,
            CR2032_CRIMP);

    /** The coin-cell crimp for a crimper station (cell diameter = the die's 20 mm); see {@link #CR2032_CRIMP}. */
    public static Recipe cr2032Crimp() {
        return builtIn(CR2032_CRIMP);
    }

    /** A built-in recipe by name. */
    static Recipe builtIn(String name) {
        try {
            return new RecipeCodec().parse(builtInJson(name), name + ".json (built in)");
        } catch (RecipeFormatException e) {
            throw new IllegalStateException("the built-in recipe is invalid: " + e.getMessage(), e);
        }
    }

    static String builtInJson(String name) {
        try (InputStream in = BuiltInRecipes.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("built-in recipe resource missing: " + name + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
