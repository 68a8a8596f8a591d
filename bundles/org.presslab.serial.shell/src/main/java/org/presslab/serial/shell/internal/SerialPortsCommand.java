package org.presslab.serial.shell.internal;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.presslab.serial.SerialConnection;
import org.presslab.serial.SerialPortInfo;

/** serial:ports */
@Service
@Command(scope = "serial", name = "ports", description = "Lists the serial ports with USB identity (vid:pid sn=...), stable aliases, "
        + "and the connections Presslab holds.")
public class SerialPortsCommand extends SerialCommandSupport {

    @Override
    protected void doExecute() {
        ShellTable t = new ShellTable();
        t.column("PORT");
        t.column("USB");
        t.column("DESCRIPTION");
        t.column("LOCATION");
        t.column("ALIASES");
        t.column("HELD BY");
        Map<String, SerialConnection> bySystemPath = ports.connections().stream()
                .filter(c -> !c.systemPath().isEmpty())
                .collect(Collectors.toMap(SerialConnection::systemPath, Function.identity(), (a, b) -> a));
        for (SerialPortInfo p : ports.listPorts()) {
            SerialConnection held = bySystemPath.get(p.path());
            t.addRow().addContent(p.path(), p.usbIdentity().isEmpty() ? "-" : p.usbIdentity(), p.description(),
                    p.location().isEmpty() ? "-" : p.location(), p.aliases().isEmpty() ? "-" : String.join(" ", p.aliases()),
                    held == null ? "-" : held.owner() + " (" + held.state() + ")");
        }
        t.print(out, true);
        if (!ports.connections().isEmpty()) {
            out.println();
            ShellTable c = new ShellTable();
            c.column("CONNECTION");
            c.column("OWNER");
            c.column("STATE");
            c.column("DEVICE");
            c.column("SETTINGS");
            c.column("TX bytes").alignRight();
            c.column("RX bytes").alignRight();
            c.column("REOPENS").alignRight();
            c.column("LAST ERROR");
            for (SerialConnection s : ports.connections()) {
                c.addRow().addContent(s.id(), s.owner(), s.state(), s.systemPath().isEmpty() ? "-" : s.systemPath(),
                        s.settings().describe(), s.bytesSent(), s.bytesReceived(), s.reopens(),
                        s.lastError().map(Throwable::getMessage).orElse("-"));
            }
            c.print(out, true);
        }
    }
}
