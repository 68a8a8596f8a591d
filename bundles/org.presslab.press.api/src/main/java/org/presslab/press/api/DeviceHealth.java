package org.presslab.press.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The driver's view of its device: a value, never an exception.
 *
 * @param state the connection state
 * @param message one line for people: what is wrong and, where the driver knows, what to do
 *        ("port /dev/ttyUSB0 busy: another program holds it")
 * @param faults active device faults (alarm bits, overload), empty when none
 * @param counters running counts for diagnosis (e.g. "transactions", "timeouts", "crcErrors", "retries", "reconnects")
 */
public record DeviceHealth(ConnectionState state, String message, List<String> faults, Map<String, Long> counters) {

    public DeviceHealth {
        Objects.requireNonNull(state, "state");
        message = Objects.requireNonNullElse(message, "");
        faults = faults == null ? List.of() : List.copyOf(faults);
        counters = counters == null ? Map.of() : Map.copyOf(counters);
    }

    public static DeviceHealth connected() {
        return new DeviceHealth(ConnectionState.CONNECTED, "", List.of(), Map.of());
    }

    public static DeviceHealth of(ConnectionState state, String message) {
        return new DeviceHealth(state, message, List.of(), Map.of());
    }
}
