package org.presslab.impedance;

import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.KramersKronig;
import org.presslab.impedance.internal.CnlsFitter;
import org.presslab.impedance.internal.LinKk;

/** The analysis implementations without OSGi: the same classes the DS components register. Thread-safe. */
public final class ImpedanceAnalysis {

    private ImpedanceAnalysis() {
    }

    /** The CNLS circuit fitter. */
    public static CircuitFitter fitter() {
        return new CnlsFitter();
    }

    /** The Lin-KK test. */
    public static KramersKronig kramersKronig() {
        return new LinKk();
    }
}
