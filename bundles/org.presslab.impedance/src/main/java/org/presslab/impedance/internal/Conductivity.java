package org.presslab.impedance.internal;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.ArrheniusResult;
import org.presslab.impedance.api.ArrheniusResult.ArrheniusForm;
import org.presslab.impedance.api.ConductivityCalculator;

/** sigma = L/(R A), ASR = R A, and the Arrhenius activation energy by linear regression of ln sigma on 1/T. */
@Component(service = ConductivityCalculator.class)
public final class Conductivity implements ConductivityCalculator {

    /** Boltzmann constant in eV/K. */
    static final double K_B_EV = 8.617333262e-5;

    @Override
    public double conductivity(double resistanceOhm, double thicknessM, double areaM2) {
        positive("resistance", resistanceOhm);
        positive("thickness", thicknessM);
        positive("area", areaM2);
        return thicknessM / (resistanceOhm * areaM2);
    }

    @Override
    public double areaSpecificResistance(double resistanceOhm, double areaM2) {
        if (!(resistanceOhm >= 0) || Double.isInfinite(resistanceOhm)) {
            throw new IllegalArgumentException("resistance must be finite and not negative, was " + resistanceOhm);
        }
        positive("area", areaM2);
        return resistanceOhm * areaM2;
    }

    @Override
    public ArrheniusResult arrhenius(double[] t, double[] sigma, ArrheniusForm form) {
        if (t.length != sigma.length) {
            throw new IllegalArgumentException(t.length + " temperatures but " + sigma.length + " conductivities");
        }
        if (t.length < 3) {
            throw new IllegalArgumentException("an Arrhenius fit with an error estimate needs at least 3 temperatures, got "
                    + t.length);
        }
        SimpleRegression reg = new SimpleRegression(true);
        for (int i = 0; i < t.length; i++) {
            if (!(t[i] > 0) || Double.isInfinite(t[i])) {
                throw new IllegalArgumentException("temperature " + i + " must be a positive number of kelvin, was " + t[i]);
            }
            if (!(sigma[i] > 0) || Double.isInfinite(sigma[i])) {
                throw new IllegalArgumentException("conductivity " + i + " must be positive, was " + sigma[i]);
            }
            double y = form == ArrheniusForm.SIGMA_T ? Math.log(sigma[i] * t[i]) : Math.log(sigma[i]);
            reg.addData(1 / t[i], y);
        }
        double ea = -reg.getSlope() * K_B_EV;
        double se = t.length > 2 ? reg.getSlopeStdErr() * K_B_EV : Double.NaN;
        return new ArrheniusResult(form, ea, se, Math.exp(reg.getIntercept()), reg.getInterceptStdErr(), reg.getRSquare(),
                t.length);
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, was " + v);
        }
    }
}
