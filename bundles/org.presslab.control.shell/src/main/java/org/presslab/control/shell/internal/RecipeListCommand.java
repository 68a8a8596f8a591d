package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;

/** recipe:list */
@Service
@Command(scope = "recipe", name = "list", description = "Lists the recipes: built-in ones and the files in the recipe folder.")
public class RecipeListCommand extends RecipeCommandSupport {

    @Override
    protected void doExecute() {
        ShellTable t = new ShellTable();
        t.column("NAME");
        t.column("VERSION").alignRight();
        t.column("STEPS").alignRight();
        t.column("MAX MPa").alignRight();
        t.column("DESCRIPTION");
        for (String name : recipes.names()) {
            try {
                Recipe r = recipes.get(name);
                t.addRow().addContent(name, r.version(), r.steps().size(), Quantities.mpa(r.maxPressurePa()), shorten(r.description(), 70));
            } catch (RecipeFormatException e) {
                t.addRow().addContent(name, "-", "-", "-", "INVALID: " + e.getMessage());
            }
        }
        t.print(out, true);
    }

    /** The first sentence, or the first {@code max} characters, of a description (recipe:show has it all). */
    static String shorten(String text, int max) {
        String t = text == null ? "" : text.strip();
        int dot = t.indexOf(". ");
        if (dot > 0 && dot < max) {
            return t.substring(0, dot + 1);
        }
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }
}
