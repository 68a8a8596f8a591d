package org.presslab.impedance.shell.internal.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Offers the circuits a solid-electrolyte lab fits most. */
@Service
public class CircuitCompleter implements Completer {

    static final List<String> COMMON = List.of(
            "R0-p(R1,CPE1)",
            "R0-p(R1,CPE1)-CPE2",
            "R0-p(R1,CPE1)-p(R2,CPE2)",
            "R0-p(R1,CPE1)-p(R2,CPE2)-W1",
            "R0-p(R1,C1)-p(R2-Wo1,C2)",
            "R0-p(R1,CPE1)-Wo1",
            "L0-R0-p(R1,CPE1)-p(R2,CPE2)");

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(COMMON).complete(session, commandLine, candidates);
    }
}
