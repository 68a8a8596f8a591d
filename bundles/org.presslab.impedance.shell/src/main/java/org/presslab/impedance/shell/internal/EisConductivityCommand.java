package org.presslab.impedance.shell.internal;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.presslab.impedance.api.ArrheniusResult;
import org.presslab.impedance.api.ConductivityCalculator;

/** eis:conductivity */
@Service
@Command(scope = "eis", name = "conductivity", description = "Ionic conductivity sigma = L/(R A) and area-specific resistance of a pellet "
        + "from a resistance (e.g. a fitted R1); or, with --arrhenius, the activation energy from conductivities at several temperatures.")
public class EisConductivityCommand extends EisCommandSupport {

    @Reference
    ConductivityCalculator calc;

    @Option(name = "-r", aliases = "--resistance", description = "Resistance, Ω (bulk + grain boundary, or the one to convert).")
    double resistance = Double.NaN;

    @Option(name = "-t", aliases = "--thickness", description = "Pellet thickness, mm.")
    double thicknessMm = Double.NaN;

    @Option(name = "-d", aliases = "--diameter", description = "Pellet diameter, mm.")
    double diameterMm = Double.NaN;

    @Option(name = "-a", aliases = "--area", description = "Electrode area, cm² (instead of --diameter).")
    double areaCm2 = Double.NaN;

    @Option(name = "--arrhenius", description = "T:sigma pairs, sigma in S/cm, T in K or with C for °C: 25C:1.2e-3,45C:2.6e-3,65C:5.0e-3")
    String arrhenius;

    @Option(name = "--sigma-t", description = "Fit ln(sigma T) instead of ln(sigma).")
    boolean sigmaT;

    @Override
    protected void doExecute() {
        if (arrhenius != null) {
            arrhenius();
            return;
        }
        if (!(resistance > 0)) {
            throw new IllegalArgumentException("--resistance must be a positive number of ohms");
        }
        if (!(thicknessMm > 0)) {
            throw new IllegalArgumentException("--thickness must be a positive number of millimetres");
        }
        double areaM2;
        if (areaCm2 > 0) {
            areaM2 = areaCm2 * 1e-4;
        } else if (diameterMm > 0) {
            areaM2 = Math.PI * diameterMm * diameterMm / 4 * 1e-6;
        } else {
            throw new IllegalArgumentException("give the pellet --diameter (mm) or the --area (cm²)");
        }
        double sigma = calc.conductivity(resistance, thicknessMm * 1e-3, areaM2);
        double asr = calc.areaSpecificResistance(resistance, areaM2);
        out.printf(Locale.ROOT, "R %s Ω, L %s mm, A %s cm²%n", Eng.g(resistance), Eng.g(thicknessMm), Eng.g(areaM2 * 1e4));
        out.printf(Locale.ROOT, "sigma = %s S/cm (%s S/m, %s mS/cm)%n", Eng.g(sigma / 100), Eng.g(sigma), Eng.g(sigma * 10));
        out.printf(Locale.ROOT, "ASR   = %s Ω·cm²%n", Eng.g(asr * 1e4));
    }

    private void arrhenius() {
        String[] pairs = arrhenius.split(",");
        double[] t = new double[pairs.length];
        double[] s = new double[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            String[] kv = pairs[i].trim().split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--arrhenius pair " + (i + 1) + " '" + pairs[i] + "' must be T:sigma, e.g. 25C:1.2e-3");
            }
            try {
                t[i] = Eng.temperatureK(kv[0]);
                s[i] = Double.parseDouble(kv[1].trim()) * 100; // S/cm -> S/m
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--arrhenius pair " + (i + 1) + " '" + pairs[i] + "' is not T:sigma numbers");
            }
        }
        ArrheniusResult r = calc.arrhenius(t, s, sigmaT ? ArrheniusResult.ArrheniusForm.SIGMA_T : ArrheniusResult.ArrheniusForm.SIGMA);
        out.printf(Locale.ROOT, "Arrhenius fit of ln(%s) over %d temperatures%n", sigmaT ? "sigma T" : "sigma", r.points());
        out.printf(Locale.ROOT, "Ea = %.4f ± %.4f eV  (%.2f ± %.2f kJ/mol), R² = %.5f%n", r.activationEnergyEv(),
                r.activationEnergyStdErrorEv(), r.activationEnergyJPerMol() / 1e3, r.activationEnergyStdErrorJPerMol() / 1e3,
                r.rSquared());
        out.printf(Locale.ROOT, "sigma(25 °C) = %s S/cm%n", Eng.g(r.conductivityAt(298.15) / 100));
    }
}
