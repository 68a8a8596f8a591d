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

    private BuiltInRecipes() {
    }

    /** The default ASSB recipe: ramp to 74 MPa at 2 MPa/s, dwell 300 s, release to 15 MPa at 1 MPa/s, hold 15 MPa ±0.05 MPa for 24 h. */
    public static Recipe assbDefault() {
        try {
            return new RecipeCodec().parse(builtInJson(RecipeService.DEFAULT_RECIPE), RecipeService.DEFAULT_RECIPE + ".json (built in)");
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
