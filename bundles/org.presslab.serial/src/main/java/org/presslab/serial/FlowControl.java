package org.presslab.serial;

/** Flow control of a serial port. RS-485 Modbus uses none. */
public enum FlowControl {
    NONE, RTS_CTS, XON_XOFF
}
