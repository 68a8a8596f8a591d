package org.presslab.control.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeService;
import org.presslab.control.api.Station;

/** Base of the recipe commands: a recipe by name or from a JSON file. */
public abstract class RecipeCommandSupport extends StationCommandSupport {

    @Reference
    protected RecipeService recipes;

    /** How the follow loop waits between polls; tests advance a virtual clock instead. */
    protected RecipeFollower.Sleeper sleeper = Thread::sleep;

    /**
     * A recipe from a file when {@code nameOrFile} names a readable file (a path or a name ending in
     * .json), else the recipe of that name.
     */
    protected Recipe recipe(String nameOrFile) throws RecipeFormatException, CommandRefused {
        Path file = Path.of(nameOrFile);
        boolean looksLikeFile = nameOrFile.endsWith(".json") || nameOrFile.contains("/") || nameOrFile.contains("\\");
        if (Files.isRegularFile(file)) {
            try {
                return recipes.parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
            } catch (IOException e) {
                throw new CommandRefused("cannot read recipe file " + file.toAbsolutePath() + ": " + e.getMessage());
            }
        }
        if (looksLikeFile) {
            throw new CommandRefused("no recipe file " + file.toAbsolutePath());
        }
        return recipes.get(nameOrFile);
    }

    /** Follows a run in the console until it ends or Ctrl-C. */
    protected RecipeFollower.End follow(Station station, RecipeRun run) {
        out.println("following recipe '" + run.recipe().name() + "' on " + station.id() + " (Ctrl-C stops following, not the recipe)");
        return new RecipeFollower(out, sleeper, LocalTime::now, 500, 10).follow(run, station::status);
    }
}
