package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.api.Recipe;
import org.presslab.control.shell.internal.completers.RecipeNameCompleter;

/** recipe:show */
@Service
@Command(scope = "recipe", name = "show", description = "Shows the steps of a recipe, or its JSON with --json.")
public class RecipeShowCommand extends RecipeCommandSupport {

    @Argument(index = 0, name = "recipe", description = "A recipe name or a recipe JSON file.", required = true)
    @Completion(RecipeNameCompleter.class)
    String recipe;

    @Option(name = "-j", aliases = "--json", description = "Print the recipe in the file format (JSON).")
    boolean json;

    @Override
    protected void doExecute() throws Exception {
        Recipe r = recipe(recipe);
        if (json) {
            out.println(recipes.toJson(r));
        } else {
            RecipeViews.steps(r, out);
        }
    }
}
