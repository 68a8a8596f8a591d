package org.presslab.press.ascii.internal;

import java.util.Locale;
import java.util.Optional;

/** Units gauges and indicators print, with their factor to SI. Matching ignores case ("lbF", "KGF"). */
enum GaugeUnit {
    N(1, true, "n"), kN(1e3, true, "kn"), kgf(9.80665, true, "kgf", "kg"), lbf(4.4482216152605, true, "lbf", "lb"),
    ozf(0.27801385095378, true, "ozf", "oz"), gf(0.00980665, true, "gf", "g"),
    MPa(1e6, false, "mpa"), kPa(1e3, false, "kpa"), Pa(1, false, "pa"), bar(1e5, false, "bar"), psi(6894.757293168, false, "psi");

    final double toSi;
    final boolean force;
    private final String[] names;

    GaugeUnit(double toSi, boolean force, String... names) {
        this.toSi = toSi;
        this.force = force;
        this.names = names;
    }

    static Optional<GaugeUnit> find(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (GaugeUnit u : values()) {
            for (String n : u.names) {
                if (n.equals(t)) {
                    return Optional.of(u);
                }
            }
        }
        return Optional.empty();
    }
}
