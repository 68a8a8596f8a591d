package org.presslab.serial.shell.internal;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.serial.SerialConnection;
import org.presslab.serial.shell.internal.completers.PortCompleter;

/** serial:monitor */
@Service
@Command(scope = "serial", name = "monitor", description = "Shows the raw bytes a driver sends and receives on a live connection, "
        + "without disturbing it. Ctrl-C stops the monitor, not the driver.")
public class SerialMonitorCommand extends SerialCommandSupport {

    @Argument(index = 0, name = "connection", description = "The connection id as serial:ports lists it (the configured path or usb:VID:PID).",
            required = true)
    @Completion(PortCompleter.class)
    String id;

    @Option(name = "-m", aliases = "--mode", description = "hex, ascii or both (default both).")
    String mode = "both";

    @Option(name = "-n", aliases = "--count", description = "Stop after this many frames (default: until Ctrl-C).")
    long count;

    @Option(name = "-t", aliases = "--time", description = "Stop after this many seconds (default: until Ctrl-C).")
    double seconds;

    @Override
    protected void doExecute() throws Exception {
        FrameFormat.Mode m = switch (mode.toLowerCase(java.util.Locale.ROOT)) {
            case "hex" -> FrameFormat.Mode.HEX;
            case "ascii" -> FrameFormat.Mode.ASCII;
            case "both" -> FrameFormat.Mode.BOTH;
            default -> throw new IllegalArgumentException("mode '" + mode + "' must be hex, ascii or both");
        };
        SerialConnection c = ports.connection(id).orElseThrow(() -> new IllegalArgumentException("no live connection '" + id
                + "'" + (ports.connections().isEmpty() ? "; no driver holds a port (serial:probe talks to a free port)"
                        : "; connections: " + ports.connections().stream().map(SerialConnection::id).collect(Collectors.joining(", ")))));
        FrameMonitor monitor = new FrameMonitor(10_000);
        out.printf("monitoring %s (%s, %s, held by %s); Ctrl-C to stop%n", c.id(), c.systemPath(), c.settings().describe(), c.owner());
        c.addFrameListener(monitor);
        long printed;
        try {
            printed = monitor.print(out, m, count, (long) (seconds * 1e9));
        } finally {
            c.removeFrameListener(monitor);
        }
        out.printf("%d frame(s) shown, %d dropped%n", printed, monitor.dropped());
    }
}
