package org.presslab.serial.shell.internal;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.serial.ProbeResult;
import org.presslab.serial.RawFrame;
import org.presslab.serial.SerialSettings;
import org.presslab.serial.shell.internal.completers.PortCompleter;

/** serial:probe */
@Service
@Command(scope = "serial", name = "probe", description = "Opens a free port, sends a query, prints the reply in hex and ASCII "
        + "with the time to the first byte, and closes the port. E.g. serial:probe /dev/ttyUSB0 -b 9600 'W\\r\\n' or "
        + "serial:probe -x /dev/ttyUSB0 '01 03 00 00 00 02 C4 0B'.")
public class SerialProbeCommand extends SerialCommandSupport {

    @Argument(index = 0, name = "port", description = "A path (/dev/ttyUSB0, /dev/serial/by-id/...) or usb:VID:PID[:SERIAL].", required = true)
    @Completion(PortCompleter.class)
    String port;

    @Argument(index = 1, name = "query", description = "What to send: text with \\r \\n \\t \\xHH escapes, or hex bytes with --hex. "
            + "Default: nothing (listen only).")
    String query = "";

    @Option(name = "-b", aliases = "--baud", description = "Baud rate (default 9600).")
    int baud = 9600;

    @Option(name = "-f", aliases = "--frame", description = "Data bits, parity, stop bits (default 8N1), e.g. 8E1, 7O2.")
    String frame = "8N1";

    @Option(name = "--flow", description = "Flow control: none (default), rtscts, xonxoff.")
    String flow = "none";

    @Option(name = "-x", aliases = "--hex", description = "The query is hex bytes.")
    boolean hex;

    @Option(name = "-t", aliases = "--timeout", description = "Longest wait for the whole reply, ms (default 1000).")
    int timeoutMs = 1000;

    @Option(name = "-q", aliases = "--quiet", description = "The reply ends after this many ms without a byte (default 50).")
    int quietMs = 50;

    @Override
    protected void doExecute() throws Exception {
        SerialSettings settings = SerialArgs.settings(baud, frame, flow);
        byte[] bytes = hex ? SerialArgs.hex(query) : SerialArgs.escaped(query);
        ProbeResult r = ports.probe(SerialArgs.port(port), settings, bytes, timeoutMs, quietMs);
        print(r);
    }

    void print(ProbeResult r) {
        out.printf(Locale.ROOT, "port     %s -> %s, %s%n", r.port(), r.systemPath(), r.settings().describe());
        out.printf(Locale.ROOT, "sent     %d bytes%n", r.sent().length);
        if (!r.answered()) {
            out.printf(Locale.ROOT, "reply    none within %d ms: check baud rate, frame, wiring (TX/RX crossed?), slave address%n",
                    timeoutMs);
        } else {
            out.printf(Locale.ROOT, "reply    %d bytes, first after %.1f ms%n", r.reply().length, r.firstByteMs());
        }
        for (RawFrame f : r.frames()) {
            out.println("  " + FrameFormat.line(f, FrameFormat.Mode.BOTH));
        }
    }
}
