package org.presslab.cycling;

import java.io.IOException;

/**
 * A cycling file could not be imported: unknown format, no cycling data, truncated, or a value that is
 * not a finite number. The message always names the file and, where it applies, the line (text formats)
 * or byte offset (binary formats), then the problem, e.g. {@code "cell.mpt, line 63: Ewe/V is NaN"}.
 */
public class CyclingFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final long byteOffset;
    private final String problem;

    /**
     * @param source the file name or other source description
     * @param line 1-based line number, or -1
     * @param byteOffset 0-based byte offset, or -1
     * @param problem what is wrong, in words a user understands
     */
    public CyclingFormatException(String source, long line, long byteOffset, String problem, Throwable cause) {
        super(format(source, line, byteOffset, problem), cause);
        this.source = source;
        this.line = line;
        this.byteOffset = byteOffset;
        this.problem = problem;
    }

    /** A problem at a text line (1-based). */
    public static CyclingFormatException atLine(String source, long line, String problem) {
        return new CyclingFormatException(source, line, -1, problem, null);
    }

    /** A problem at a byte offset (0-based) of a binary file. */
    public static CyclingFormatException atByte(String source, long offset, String problem) {
        return new CyclingFormatException(source, -1, offset, problem, null);
    }

    /** A problem with the file as a whole. */
    public static CyclingFormatException inFile(String source, String problem) {
        return new CyclingFormatException(source, -1, -1, problem, null);
    }

    private static String format(String source, long line, long byteOffset, String problem) {
        StringBuilder b = new StringBuilder(source == null ? "<unnamed>" : source);
        if (line > 0) {
            b.append(", line ").append(line);
        }
        if (byteOffset >= 0) {
            b.append(", byte offset ").append(byteOffset);
        }
        return b.append(": ").append(problem).toString();
    }

    /** The file name or source description. */
    public String source() {
        return source;
    }

    /** 1-based line, or -1. */
    public long line() {
        return line;
    }

    /** 0-based byte offset, or -1. */
    public long byteOffset() {
        return byteOffset;
    }

    /** The problem without the location. */
    public String problem() {
        return problem;
    }
}
