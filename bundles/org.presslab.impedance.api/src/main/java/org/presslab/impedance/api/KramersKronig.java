package org.presslab.impedance.api;

import org.osgi.annotation.versioning.ProviderType;

/** Linear Kramers-Kronig validity test (Schönleber et al. 2014). Thread-safe. */
@ProviderType
public interface KramersKronig {

    KkResult test(Spectrum spectrum, KkOptions options);

    default KkResult test(Spectrum spectrum) {
        return test(spectrum, KkOptions.DEFAULT);
    }
}
