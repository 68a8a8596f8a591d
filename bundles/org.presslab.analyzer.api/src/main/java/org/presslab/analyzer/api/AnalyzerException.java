package org.presslab.analyzer.api;

/** A measurement failed on the instrument's side: overload, too few valid points, a lost link, an abort. */
public class AnalyzerException extends Exception {

    private static final long serialVersionUID = 1L;

    public AnalyzerException(String message) {
        super(message);
    }

    public AnalyzerException(String message, Throwable cause) {
        super(message, cause);
    }
}
