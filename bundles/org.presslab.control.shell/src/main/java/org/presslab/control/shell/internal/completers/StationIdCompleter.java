package org.presslab.control.shell.internal.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;

/** Completes station ids. */
@Service
public class StationIdCompleter implements Completer {

    @Reference
    StationRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        registry.stations().stream().map(Station::id).forEach(delegate.getStrings()::add);
        return delegate.complete(session, commandLine, candidates);
    }
}
