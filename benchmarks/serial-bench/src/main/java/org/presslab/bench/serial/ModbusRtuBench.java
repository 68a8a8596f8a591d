package org.presslab.bench.serial;

/** Placeholder; the harness follows. */
public final class ModbusRtuBench {
    private ModbusRtuBench() {
    }

    public static void main(String[] args) {
        System.out.println("serial-bench: not written yet");
    }
}
