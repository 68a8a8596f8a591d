package org.presslab.press.modbus.internal;

import java.util.concurrent.locks.LockSupport;

import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.ModbusRTUTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;

/**
 * j2mod's RTU framing and CRC, with the master's timing done here instead of by j2mod 3.3.0:
 *
 * <ul>
 * <li>j2mod waits after every write for the request's transmission time: below 1 ms (115200 baud)
 * it busy-spins at the lowest thread priority, from 1 ms on it sleeps 1.7 times the whole
 * milliseconds (and throws away the sleep, IllegalArgumentException caught, when the fraction
 * exceeds 0.67 ms, as at 38400 baud). The wait buys nothing: the reply cannot come before the request
 * has left, and the read timeout covers the wire time. This transport writes and reads at once.</li>
 * <li>j2mod keeps the 3.5-character gap only between transactions of one
 * {@code ModbusSerialTransaction} object; a new object per request (as the driver uses) keeps none.
 * This transport keeps the silent interval the Modbus serial line spec asks between frames
 * (3.5 characters of 11 bits, 1.75 ms above 19200 baud), counted from the last byte received,
 * to the tenth of a millisecond rather than in whole-millisecond sleeps.</li>
 * </ul>
 */
final class RtuMasterTransport extends ModbusRTUTransport {

    private final ConnectionAdapter adapter;
    private final long silentNanos;

    RtuMasterTransport(ConnectionAdapter adapter, int baudRate) {
        this.adapter = adapter;
        this.silentNanos = silentIntervalNanos(baudRate);
    }

    /** The inter-frame silence: 3.5 characters of 11 bits, 1.75 ms above 19200 baud. */
    static long silentIntervalNanos(int baudRate) {
        return baudRate > 19200 ? 1_750_000L : (long) Math.ceil(3.5 * 11 * 1e9 / baudRate);
    }

    long silentNanos() {
        return silentNanos;
    }

    @Override
    public void writeRequest(ModbusRequest msg) throws ModbusIOException {
        if (!adapter.isOpen()) {
            // as j2mod's own write does: open (the port failure is kept by the adapter for the driver)
            try {
                adapter.open();
            } catch (java.io.IOException e) {
                throw new ModbusIOException("Cannot open port " + adapter.getDescriptivePortName());
            }
        }
        awaitSilence(adapter.lastReceivedNanos() + silentNanos);
        // j2mod's framing, CRC and input clearing, without its post-write wait
        writeMessageOut(msg);
    }

    /** Waits until {@code until} (a {@link System#nanoTime()}): parks, then spins the last 0.1 ms. */
    static void awaitSilence(long until) {
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            if (left > 150_000L) {
                LockSupport.parkNanos(left - 100_000L);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
