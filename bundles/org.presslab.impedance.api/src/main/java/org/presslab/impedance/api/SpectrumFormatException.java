package org.presslab.impedance.api;

import java.io.IOException;

/**
 * A spectrum file could not be imported: the format is unknown or unsupported, the file holds no
 * impedance data, is truncated, or holds a value that is not a finite number. The message always
 * names the file and, where it applies, the line (text formats) or byte offset (binary formats),
 * followed by the problem, e.g. {@code "data.mpt, line 63: -Im(Z)/Ohm is NaN"}.
 */
public class SpectrumFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final long byteOffset;
    private final String problem;

    /**
     * @param source the file name or other source description
     * @param line 1-based line number, or -1 when not applicable
     * @param byteOffset 0-based byte offset, or -1 when not applicable
     * @param problem what is wrong, in words a user understands
     */
    public SpectrumFormatException(String source, int line, long byteOffset, String problem) {
        this(source, line, byteOffset, problem, null);
    }

    public SpectrumFormatException(String source, int line, long byteOffset, String problem, Throwable cause) {
        super(format(source, line, byteOffset, problem), cause);
        this.source = source;
        this.line = line;
        this.byteOffset = byteOffset;
        this.problem = problem;
    }

    /** A problem located at a text line (1-based). */
    public static SpectrumFormatException atLine(String source, int line, String problem) {
        return new SpectrumFormatException(source, line, -1, problem);
    }

    /** A problem located at a byte offset (0-based) of a binary file. */
    public static SpectrumFormatException atByte(String source, long offset, String problem) {
        return new SpectrumFormatException(source, -1, offset, problem);
    }

    /** A problem with the file as a whole. */
    public static SpectrumFormatException inFile(String source, String problem) {
        return new SpectrumFormatException(source, -1, -1, problem);
    }

    private static String format(String source, int line, long byteOffset, String problem) {
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

    /** 1-based line number, or -1. */
    public int line() {
        return line;
    }

    /** 0-based byte offset, or -1. */
    public long byteOffset() {
        return byteOffset;
    }

    /** The problem without the location prefix. */
    public String problem() {
        return problem;
    }
}
