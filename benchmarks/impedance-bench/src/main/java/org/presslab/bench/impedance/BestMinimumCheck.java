package org.presslab.bench.impedance;

import java.util.ArrayList;
import java.util.List;

import org.presslab.impedance.api.CircuitModel;
import org.presslab.impedance.api.FitOptions;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.ParameterConstraint;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.Weighting;
import org.presslab.impedance.internal.CnlsFitter;

/**
 * Does the fit from automatic guesses reach the best minimum? For each spectrum it compares the
 * chi-square of the automatic fit with that of a fit started at the true parameters (no
 * multi-start). Run: {@code java -cp benchmarks.jar org.presslab.bench.impedance.BestMinimumCheck}.
 */
public final class BestMinimumCheck {

    /** Counts of one check: worse = automatic fit ended above the reference minimum (relative 1e-6). */
    public record Report(String circuit, int spectra, int worse, int notConverged, double meanStarts) {
        @Override
        public String toString() {
            return String.format("best-minimum check %s: %d spectra, automatic fit worse than fit from truth in %d,"
                    + " not converged %d, mean starts %.3f", circuit, spectra, worse, notConverged, meanStarts);
        }
    }

    private BestMinimumCheck() {
    }

    public static Report check(String circuit, Spectrum[] spectra) {
        CnlsFitter fitter = new CnlsFitter();
        CircuitModel m = fitter.parse(circuit);
        double[] truth = Spectra.truth(circuit);
        List<ParameterConstraint> starts = new ArrayList<>();
        for (int k = 0; k < truth.length; k++) {
            starts.add(ParameterConstraint.start(m.parameterNames().get(k), truth[k]));
        }
        FitOptions fromTruth = new FitOptions(Weighting.MODULUS, starts, 1000, 0);
        int worse = 0;
        int notConverged = 0;
        long startsSum = 0;
        for (Spectrum s : spectra) {
            FitResult auto = fitter.fit(s, circuit);
            FitResult ref = fitter.fit(s, circuit, fromTruth);
            startsSum += auto.starts();
            if (auto.chiSquare() > ref.chiSquare() * (1 + 1e-6)) {
                worse++;
            }
            if (!auto.converged()) {
                notConverged++;
            }
        }
        return new Report(circuit, spectra.length, worse, notConverged, startsSum / (double) spectra.length);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        for (String c : new String[] {Spectra.TWO_CPE_W, Spectra.RC_WO}) {
            System.out.println(check(c, Spectra.noisy(c, n, 777)));
        }
    }
}
