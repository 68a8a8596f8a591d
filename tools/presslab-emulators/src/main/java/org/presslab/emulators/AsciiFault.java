package org.presslab.emulators;

/** What the emulated gauge does wrong, on purpose. */
public enum AsciiFault {
    NONE,
    /** Line noise between lines. */
    GARBAGE,
    /** Lines cut in the middle (no terminator; the next line follows). */
    PARTIAL,
    /** The load is beyond range: OL lines (A&amp;D) or {@code OL} replies. */
    OVERLOAD,
    /** The reading is settling: US lines. */
    UNSTABLE,
    /** Says nothing. */
    SILENT
}
