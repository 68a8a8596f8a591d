package org.presslab.control.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.control.shell.internal.completers.DriverIdCompleter;

/** press:info */
@Service
@Command(scope = "press", name = "info", description = "Shows a driver: identity, ranges and ratings, actuator, health and latest reading.")
public class PressInfoCommand extends PressCommandSupport {

    @Argument(index = 0, name = "driver", description = "The driver id (presslab.driver.id).", required = true)
    @Completion(DriverIdCompleter.class)
    String id;

    @Override
    protected void doExecute() throws Exception {
        DriverViews.info(driver(id), this::nanoTime, out);
    }
}
