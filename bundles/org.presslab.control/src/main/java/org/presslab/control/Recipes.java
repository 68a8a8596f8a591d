package org.presslab.control;

import java.nio.file.Path;

import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;
import org.presslab.control.api.RecipeService;
import org.presslab.control.internal.BuiltInRecipes;
import org.presslab.control.internal.RecipeCodec;
import org.presslab.control.internal.RecipeServiceImpl;

/** Recipe files outside OSGi: the built-in recipes, the JSON format, a recipe folder. */
public final class Recipes {

    private Recipes() {
    }

    /** The default ASSB recipe ({@value RecipeService#DEFAULT_RECIPE}): ramp to 74 MPa, dwell, release to 15 MPa, hold. */
    public static Recipe assbDefault() {
        return BuiltInRecipes.assbDefault();
    }

    /**
     * Parses a recipe file.
     *
     * @param source the file name for messages
     * @throws RecipeFormatException naming {@code source}, listing every problem
     */
    public static Recipe parse(String json, String source) throws RecipeFormatException {
        return new RecipeCodec().parse(json, source);
    }

    /** The recipe as a file, in the form {@link #parse} reads back to an equal recipe. */
    public static String toJson(Recipe recipe) {
        return new RecipeCodec().toJson(recipe);
    }

    /**
     * The recipe service the DS component registers, on a folder: the built-in recipes plus every
     * {@code *.json} file in {@code folder}, read on each call.
     *
     * @param folder the recipe folder, or null for the built-in recipes only
     */
    public static RecipeService service(Path folder) {
        return new RecipeServiceImpl(folder);
    }
}
