package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** press:list */
@Service
@Command(scope = "press", name = "list", description = "Lists the press drivers with device, connection and latest reading.")
public class PressListCommand extends PressCommandSupport {

    @Override
    protected void doExecute() {
        if (drivers().isEmpty()) {
            out.println("No press driver is registered.");
            return;
        }
        DriverViews.list(drivers(), this::nanoTime, out);
    }
}
