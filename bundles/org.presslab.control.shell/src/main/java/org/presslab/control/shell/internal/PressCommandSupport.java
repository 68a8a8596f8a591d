package org.presslab.control.shell.internal;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.presslab.press.api.PressDriver;
import org.presslab.time.TimeSource;

/** Base of the press commands: the registered drivers, by id. */
public abstract class PressCommandSupport extends PresslabCommandSupport {

    /** Every registered driver; Karaf injects a snapshot for each command run. */
    @Reference(optional = true)
    protected List<PressDriver> drivers;

    /** The platform clock that reading times refer to; System.nanoTime when absent. */
    @Reference(optional = true)
    protected TimeSource time;

    protected long nanoTime() {
        return time == null ? System.nanoTime() : time.nanoTime();
    }

    protected List<PressDriver> drivers() {
        return drivers == null ? List.of() : drivers.stream().sorted(Comparator.comparing(PressDriver::id)).toList();
    }

    protected PressDriver driver(String id) throws CommandRefused {
        List<PressDriver> all = drivers();
        return all.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new CommandRefused("no press driver '" + id + "'" + (all.isEmpty()
                        ? "; no driver is registered (install a driver feature or bundle)"
                        : "; drivers: " + all.stream().map(PressDriver::id).collect(Collectors.joining(", ")))));
    }
}
