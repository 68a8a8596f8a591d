package org.presslab.control.shell.internal.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.presslab.control.api.RecipeService;

/** Completes recipe names, and file paths for a recipe given as a file. */
@Service
public class RecipeNameCompleter implements Completer {

    @Reference
    RecipeService recipes;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String word = commandLine.getCursorArgument();
        if (word != null && (word.contains("/") || word.startsWith("."))) {
            return new FileCompleter().complete(session, commandLine, candidates);
        }
        StringsCompleter delegate = new StringsCompleter(recipes.names());
        return delegate.complete(session, commandLine, candidates);
    }
}
