package org.presslab.impedance.io.internal;

import java.util.ArrayList;
import java.util.List;

import org.presslab.impedance.api.SpectrumReader;

/** The readers this bundle ships (each is also a DS component). */
public final class BuiltInReaders {

    private BuiltInReaders() {
    }

    public static List<SpectrumReader> all() {
        return new ArrayList<>(List.of(new BioLogicMptReader(), new BioLogicMprReader(), new GamryDtaReader(),
                new ZPlotReader(), new DelimitedTextReader(), new CountedTableReader(), new DfrReader(),
                new VersaStudioReader(), new PalmSensReader(), new IviumReader()));
    }
}
