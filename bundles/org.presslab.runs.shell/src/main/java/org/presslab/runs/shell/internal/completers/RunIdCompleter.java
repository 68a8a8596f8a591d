package org.presslab.runs.shell.internal.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunService;
import org.presslab.runs.api.RunStoreException;

/** Completes the ids of the 50 newest runs (nothing while the database is down). */
@Service
public class RunIdCompleter implements Completer {

    @Reference
    RunService runs;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        try {
            runs.list(RunFilter.ALL.limit(50)).stream().map(Run::id).forEach(delegate.getStrings()::add);
        } catch (RunStoreException e) {
            // no completion while the store is unavailable
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
