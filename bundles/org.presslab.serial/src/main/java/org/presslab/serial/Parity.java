package org.presslab.serial;

/** Parity bit of a serial frame. */
public enum Parity {
    NONE('N'), EVEN('E'), ODD('O'), MARK('M'), SPACE('S');

    private final char letter;

    Parity(char letter) {
        this.letter = letter;
    }

    /** The letter used in "8N1"-style descriptions. */
    public char letter() {
        return letter;
    }
}
