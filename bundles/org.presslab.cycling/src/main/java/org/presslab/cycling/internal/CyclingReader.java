package org.presslab.cycling.internal;

import java.io.IOException;

import org.presslab.cycling.CyclingLog;

/** One file format: a probe on the file's head and a reader of the whole content. */
interface CyclingReader {

    int CERTAIN = 100;
    int LIKELY = 80;
    int POSSIBLE = 50;

    String format();

    /** 0 (not mine) to 100 (certain) for the first bytes (up to 64 KiB) of a file. */
    int probe(byte[] head, String fileName);

    /** Reads the whole file; every failure is a located {@link org.presslab.cycling.CyclingFormatException}. */
    CyclingLog read(byte[] content, String source) throws IOException;
}
