package org.presslab.control.shell.internal.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.presslab.press.api.PressDriver;

/** Completes the ids of the registered press drivers. */
@Service
public class DriverIdCompleter implements Completer {

    @Reference(optional = true)
    List<PressDriver> drivers;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (drivers != null) {
            drivers.stream().map(PressDriver::id).forEach(delegate.getStrings()::add);
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
