package org.presslab.impedance.api;

/**
 * A circuit string that could not be read. The message names the position (0-based character
 * index) and what was expected there, e.g. {@code expected ')' at position 12 in "R0-p(R1,C1"}.
 */
public class CircuitSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String circuit;
    private final int position;
    private final String expected;

    public CircuitSyntaxException(String circuit, int position, String expected) {
        super(expected + " at position " + position + " in \"" + circuit + "\"" + pointer(circuit, position));
        this.circuit = circuit;
        this.position = position;
        this.expected = expected;
    }

    private static String pointer(String circuit, int position) {
        if (circuit == null || circuit.isEmpty() || circuit.indexOf('\n') >= 0) {
            return "";
        }
        return "\n  " + circuit + "\n  " + " ".repeat(Math.max(0, Math.min(position, circuit.length()))) + "^";
    }

    /** The circuit string as given. */
    public String circuit() {
        return circuit;
    }

    /** 0-based character index of the problem. */
    public int position() {
        return position;
    }

    /** What the parser expected there, in words. */
    public String expected() {
        return expected;
    }
}
