package org.presslab.emulators;

/** Line formats of the emulated gauge. */
public enum AsciiFormat {
    /** A&amp;D-style continuous output: {@code ST,+00123.45 N} (US = unstable, OL = overload). */
    AND_STREAM,
    /** Mark-10-style reply to {@code ?}: {@code 123.4 N}. */
    MARK10_POLLED
}
