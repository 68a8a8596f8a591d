package org.presslab.impedance.api;

import org.osgi.annotation.versioning.ProviderType;

/** Distribution of relaxation times by non-negative Tikhonov regularisation. Thread-safe. */
@ProviderType
public interface DrtAnalyzer {

    DrtResult analyze(Spectrum spectrum, DrtOptions options);

    default DrtResult analyze(Spectrum spectrum) {
        return analyze(spectrum, DrtOptions.DEFAULT);
    }
}
