package org.presslab.runs.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.runs.api.Note;
import org.presslab.runs.shell.internal.completers.RunIdCompleter;

/** run:note */
@Service
@Command(scope = "run", name = "note", description = "Adds a note to a run, signed by the shell user, at the present time.")
public class RunNoteCommand extends RunCommandSupport {

    @Argument(index = 0, name = "id", description = "The run id.", required = true)
    @Completion(RunIdCompleter.class)
    String id;

    @Argument(index = 1, name = "text", description = "The note.", required = true, multiValued = true)
    List<String> text;

    @Override
    protected void doExecute() {
        Note n = runs.note(id, shellUser(), String.join(" ", text));
        out.printf("note added to run %s at %s by %s%n", id, n.time(), n.author());
    }
}
