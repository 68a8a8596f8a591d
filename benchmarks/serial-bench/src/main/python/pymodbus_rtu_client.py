#!/usr/bin/python3
"""The baseline beside the Presslab driver in ModbusRtuBench: pymodbus's synchronous RTU client
reads the same 5 input registers from the same emulator over the same kind of socat pty pair, one
transaction after another, for a fixed time. Prints one line: transactions, errors, seconds.

Run by ModbusRtuBench (needs Debian's python3-pymodbus: apt-get install python3-pymodbus);
by hand: pymodbus_rtu_client.py <port> <baud> <seconds>
"""
import sys
import time

from pymodbus.client import ModbusSerialClient


def main():
    port, baud, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    # a timeout below 1 s makes pymodbus 3.0.0rc1 (Debian bookworm) give up on every reply at once
    client = ModbusSerialClient(port=port, baudrate=baud, timeout=1)
    if not client.connect():
        print("cannot open", port, file=sys.stderr)
        return 2
    # warm up as the Java side does (first connection, caches)
    end = time.monotonic() + 1.0
    while time.monotonic() < end:
        try:
            client.read_input_registers(0, 5, slave=1)
        except Exception:  # pylint: disable=broad-except
            pass
    tx = errors = 0
    t0 = time.monotonic()
    end = t0 + seconds
    while time.monotonic() < end:
        tx += 1
        try:
            r = client.read_input_registers(0, 5, slave=1)
            if r.isError() or len(r.registers) != 5:
                errors += 1
        except Exception:  # pylint: disable=broad-except
            errors += 1
    elapsed = time.monotonic() - t0
    client.close()
    print(f"tx={tx} errors={errors} seconds={elapsed:.3f} version={__import__('pymodbus').__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
