package org.presslab.serial.shell.internal;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Locale;

import org.presslab.serial.FlowControl;
import org.presslab.serial.Parity;
import org.presslab.serial.PortSelector;
import org.presslab.serial.SerialSettings;
import org.presslab.serial.StopBits;

/** Parses what people type for ports, line settings and probe queries. */
public final class SerialArgs {

    private SerialArgs() {
    }

    /**
     * A port: a path ({@code /dev/ttyUSB0}, {@code /dev/serial/by-id/...}) or a USB identity
     * {@code usb:VID:PID[:SERIAL]} in hex.
     */
    public static PortSelector port(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a port is required: a path such as /dev/ttyUSB0 or usb:0403:6001[:serial]");
        }
        String t = text.trim();
        if (t.toLowerCase(Locale.ROOT).startsWith("usb:")) {
            String[] p = t.substring(4).split(":", 3);
            if (p.length < 2) {
                throw new IllegalArgumentException("'" + text + "': a USB identity is usb:VID:PID[:SERIAL], e.g. usb:0403:6001");
            }
            return PortSelector.byUsb(PortSelector.parseUsbId(p[0]), PortSelector.parseUsbId(p[1]), p.length == 3 ? p[2] : "");
        }
        return PortSelector.byPath(t);
    }

    /**
     * Line settings from a baud rate and a frame such as {@code 8N1}, {@code 8E1}, {@code 7O2}.
     */
    public static SerialSettings settings(int baud, String frame, String flow) {
        String f = frame == null ? "8N1" : frame.trim().toUpperCase(Locale.ROOT);
        if (!f.matches("[5-8][NEOMS](1|1\\.5|2)")) {
            throw new IllegalArgumentException("frame '" + frame + "' must be data bits, parity and stop bits, e.g. 8N1, 8E1, 7O2");
        }
        int dataBits = f.charAt(0) - '0';
        Parity parity = switch (f.charAt(1)) {
            case 'E' -> Parity.EVEN;
            case 'O' -> Parity.ODD;
            case 'M' -> Parity.MARK;
            case 'S' -> Parity.SPACE;
            default -> Parity.NONE;
        };
        StopBits stop = switch (f.substring(2)) {
            case "2" -> StopBits.TWO;
            case "1.5" -> StopBits.ONE_POINT_FIVE;
            default -> StopBits.ONE;
        };
        FlowControl fc;
        String fl = flow == null ? "none" : flow.trim().toLowerCase(Locale.ROOT);
        fc = switch (fl) {
            case "none" -> FlowControl.NONE;
            case "rtscts", "rts_cts", "hw" -> FlowControl.RTS_CTS;
            case "xonxoff", "xon_xoff", "sw" -> FlowControl.XON_XOFF;
            default -> throw new IllegalArgumentException("flow control '" + flow + "' must be none, rtscts or xonxoff");
        };
        return new SerialSettings(baud, dataBits, parity, stop, fc);
    }

    /**
     * A query as text with C-style escapes ({@code \r}, {@code \n}, {@code \t}, {@code \\},
     * {@code \xHH}), e.g. {@code "W\r\n"}.
     */
    public static byte[] escaped(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                if (c > 0xff) {
                    throw new IllegalArgumentException("query character '" + c + "' at " + i + " is not a byte; use \\xHH");
                }
                out.write(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException("query ends with a lone backslash");
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    String hh = text.substring(i + 1, Math.min(text.length(), i + 3));
                    if (!hh.matches("[0-9a-fA-F]{2}")) {
                        throw new IllegalArgumentException("\\x at " + (i - 1) + " needs two hex digits, found '" + hh + "'");
                    }
                    out.write(Integer.parseInt(hh, 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " at " + (i - 1)
                        + " (use \\r \\n \\t \\\\ \\xHH)");
            }
        }
        return out.toByteArray();
    }

    /** Hex bytes such as {@code 01 03 00 00 00 02 C4 0B} or {@code 010300000002C40B}. */
    public static byte[] hex(String text) {
        String t = text.replaceAll("[\\s:,]", "");
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.length() % 2 != 0 || !t.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException("'" + text + "' is not a sequence of hex bytes such as 01 03 00 00 00 02 C4 0B");
        }
        return HexFormat.of().parseHex(t);
    }
}
