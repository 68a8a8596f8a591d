package org.presslab.serial.shell.internal.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.presslab.serial.SerialConnection;
import org.presslab.serial.SerialPortInfo;
import org.presslab.serial.SerialPortManager;

/** Completes port paths, their stable aliases, USB identities and live connection ids. */
@Service
public class PortCompleter implements Completer {

    @Reference
    SerialPortManager ports;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (SerialPortInfo p : ports.listPorts()) {
            delegate.getStrings().add(p.path());
            delegate.getStrings().addAll(p.aliases());
            if (p.isUsb()) {
                delegate.getStrings().add(p.stableSelector().id());
            }
        }
        ports.connections().stream().map(SerialConnection::id).forEach(delegate.getStrings()::add);
        return delegate.complete(session, commandLine, candidates);
    }
}
