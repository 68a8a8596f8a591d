package org.presslab.press.sim.internal.ds;

import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.SimSpec;

/** Turns edge-unit configuration (mm, kN, MPa, °C) into a {@link SimSpec} (SI), checking each key. */
final class Specs {

    private Specs() {
    }

    static SimSpec common(String pid, DeviceKind kind, String id, double cellDiameterMm, long seed, double sampleRateHz,
            double anodeThicknessUm, double geometryFactor, double counterElectrodeCompensation,
            double stackStiffnessKNmm) {
        SimSpec s = SimSpec.defaults(kind).id(ConfigCheck.id(pid, id)).seed(seed);
        s.serial("SIM-" + Long.toHexString(seed).toUpperCase(java.util.Locale.ROOT));
        s.sampleRateHz(ConfigCheck.positive(pid, "sampleRateHz", sampleRateHz));
        if (s.integrationStepS() > 1 / sampleRateHz) {
            s.integrationStepS(1 / sampleRateHz);
        }
        s.cell().diameterM(ConfigCheck.positive(pid, "cellDiameterMm", cellDiameterMm) * 1e-3)
                .anodeThicknessM(ConfigCheck.positive(pid, "anodeThicknessUm", anodeThicknessUm) * 1e-6)
                .geometryFactor(ConfigCheck.positive(pid, "geometryFactor", geometryFactor))
                .counterElectrodeCompensation(ConfigCheck.nonNegative(pid, "counterElectrodeCompensation",
                        counterElectrodeCompensation))
                .stackStiffnessNpm(ConfigCheck.positive(pid, "stackStiffnessKNmm", stackStiffnessKNmm) * 1e6);
        return s;
    }

    static void loadCell(String pid, SimSpec s, double rangeKN, double resolutionN, double noiseN) {
        s.loadCell().range(ConfigCheck.positive(pid, "loadCellRangeKN", rangeKN) * 1e3)
                .resolution(ConfigCheck.nonNegative(pid, "loadCellResolutionN", resolutionN))
                .noiseRms(ConfigCheck.nonNegative(pid, "loadCellNoiseN", noiseN));
    }

    static void hydraulics(String pid, SimSpec s, double ratedForceKN, double ramDiameterMm, double pumpFlowMm3s,
            double oilVolumeCm3, double oilBulkModulusMPa, double frameStiffnessKNmm, double reliefPressureMPa,
            double commandDelayMs, double actuatorTimeConstantMs) {
        double d = ConfigCheck.positive(pid, "ramDiameterMm", ramDiameterMm) * 1e-3;
        s.hydraulics().ratedForceN(ConfigCheck.positive(pid, "ratedForceKN", ratedForceKN) * 1e3)
                .ramAreaM2(Math.PI * d * d / 4)
                .pumpFlowM3s(ConfigCheck.positive(pid, "pumpFlowMm3s", pumpFlowMm3s) * 1e-9)
                .oilVolumeM3(ConfigCheck.positive(pid, "oilVolumeCm3", oilVolumeCm3) * 1e-6)
                .oilBulkModulusPa(ConfigCheck.positive(pid, "oilBulkModulusMPa", oilBulkModulusMPa) * 1e6)
                .frameStiffnessNpm(ConfigCheck.positive(pid, "frameStiffnessKNmm", frameStiffnessKNmm) * 1e6)
                .reliefPressurePa(ConfigCheck.positive(pid, "reliefPressureMPa", reliefPressureMPa) * 1e6)
                .commandDelayS(ConfigCheck.nonNegative(pid, "commandDelayMs", commandDelayMs) * 1e-3)
                .actuatorTimeConstantS(ConfigCheck.nonNegative(pid, "actuatorTimeConstantMs", actuatorTimeConstantMs) * 1e-3);
    }

    static void frame(String pid, SimSpec s, double springStiffnessNmm, double frameStiffnessKNmm, double preloadMPa,
            double ratedForceKN) {
        if (!Double.isInfinite(s.frame().springStiffnessNpm())) {
            s.frame().springStiffnessNpm(ConfigCheck.positive(pid, "springStiffnessNmm", springStiffnessNmm) * 1e3);
        }
        s.frame().frameStiffnessNpm(ConfigCheck.positive(pid, "frameStiffnessKNmm", frameStiffnessKNmm) * 1e6)
                .preloadPressurePa(ConfigCheck.nonNegative(pid, "preloadMPa", preloadMPa) * 1e6)
                .ratedForceN(ConfigCheck.positive(pid, "ratedForceKN", ratedForceKN) * 1e3);
    }
}
