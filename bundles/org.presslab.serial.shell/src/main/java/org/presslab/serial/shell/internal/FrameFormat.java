package org.presslab.serial.shell.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.presslab.serial.RawFrame;

/** One line per raw frame: time, direction, length, hex and/or ASCII. */
public final class FrameFormat {

    /** What to show of the bytes. */
    public enum Mode { HEX, ASCII, BOTH }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private FrameFormat() {
    }

    public static String line(RawFrame f, Mode mode) {
        String head = TIME.format(f.time()) + " " + f.direction() + " " + String.format("%4d", f.bytes().length) + "  ";
        return switch (mode) {
            case HEX -> head + f.hex();
            case ASCII -> head + f.ascii();
            case BOTH -> head + f.hex() + "  |" + f.ascii() + "|";
        };
    }
}
