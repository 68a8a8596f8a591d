package org.presslab.emulators;

/**
 * The data model of an emulated Modbus device. Every method runs on the slave's thread. Return a
 * Modbus exception code by throwing {@link ModbusError}.
 */
public interface RegisterBank {

    /** Called before each request is carried out: latch the measurements, so a 32-bit value is never torn between two samples. */
    default void beginRequest() {
    }

    int readHolding(int address) throws ModbusError;

    int readInput(int address) throws ModbusError;

    boolean readCoil(int address) throws ModbusError;

    void writeHolding(int address, int value) throws ModbusError;

    /** Called after a multiple-register write that touched {@code [address, address+count)}. */
    default void afterWriteMultiple(int address, int count) throws ModbusError {
    }

    void writeCoil(int address, boolean value) throws ModbusError;

    /** Called on the slave's thread about every millisecond and after each request: run the device's own loop here. */
    void tick(long nanoTime);

    /** A Modbus exception: 1 illegal function, 2 illegal data address, 3 illegal data value, 4 device failure. */
    final class ModbusError extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        public ModbusError(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
