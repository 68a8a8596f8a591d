package org.presslab.control.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Recipes: the built-in ones and the files in the configured recipe folder. */
@ProviderType
public interface RecipeService {

    /** The name of the default ASSB recipe: ramp to 74 MPa, dwell, release to 15 MPa, hold 15 MPa. */
    String DEFAULT_RECIPE = "assb-default";

    /** Names of every recipe available, sorted. */
    List<String> names();

    /**
     * A recipe by name.
     *
     * @throws RecipeFormatException when it does not exist or its file is invalid (the message says which)
     */
    Recipe get(String name) throws RecipeFormatException;

    /**
     * Parses and validates recipe JSON. Every problem is reported with the step and field.
     *
     * @param source a name for messages (a file name)
     */
    Recipe parse(String json, String source) throws RecipeFormatException;

    /** The recipe as JSON in the file format (edge units: MPa, MPa/s, seconds, °C). */
    String toJson(Recipe recipe);
}
