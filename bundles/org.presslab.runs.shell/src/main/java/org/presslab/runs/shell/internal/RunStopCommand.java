package org.presslab.runs.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.runs.api.Run;
import org.presslab.runs.shell.internal.completers.RunIdCompleter;

/** run:stop */
@Service
@Command(scope = "run", name = "stop", description = "Stops a run (outcome COMPLETED). The station is not moved: stopping a"
        + " run only stops recording into it.")
public class RunStopCommand extends RunCommandSupport {

    @Argument(index = 0, name = "id", description = "The run id.", required = true)
    @Completion(RunIdCompleter.class)
    String id;

    @Option(name = "-r", aliases = "--reason", description = "Why, in words.")
    String reason = "";

    @Override
    protected void doExecute() {
        Run r = runs.stop(id, shellUser(), reason);
        out.printf("run %s stopped at %s (%s)%n", r.id(), r.end(), duration(r));
    }
}
