package org.presslab.control.api;

/**
 * A recipe file that cannot be used. The message names the source, the step (1-based) and the
 * field where it can ("assb.json: step 2 (ramp): field 'rateMPaPerS' must be positive, was -1").
 */
public class RecipeFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public RecipeFormatException(String message) {
        super(message);
    }

    public RecipeFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
