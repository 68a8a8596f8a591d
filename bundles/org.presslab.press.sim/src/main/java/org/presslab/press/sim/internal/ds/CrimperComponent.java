package org.presslab.press.sim.internal.ds;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Capability;
import org.presslab.press.api.PressDriverProperties;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.time.TimeSource;

/**
 * A simulated electro-hydraulic coin-cell crimper (2 t, 20 mm CR2032 die) with a can in its die, one per factory
 * configuration. A station on it uses the die diameter as its cell diameter, so it controls the die pressure.
 */
@Component(name = CrimperComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {PressDriver.class, SimulatedDevice.class})
@Designate(ocd = CrimperComponent.Config.class, factory = true)
@PressDriverProperties(kind = DeviceKind.CRIMPER, capabilities = {Capability.SENSE_FORCE, Capability.SENSE_POSITION, Capability.ACTUATE})
public final class CrimperComponent extends SimDriverComponent {

    static final String PID = "org.presslab.press.sim.crimper";

    @ObjectClassDefinition(name = "Presslab simulated coin-cell crimper",
            description = "An electro-hydraulic crimper with a load cell under its die, closing a coin-cell can that yields, seals or is crushed.")
    @interface Config {
        @AttributeDefinition(name = "Driver id", description = "Stable id stations filter on")
        String presslab_driver_id();

        @AttributeDefinition(description = "Die (can) diameter, mm: 20 for CR2032, CR2025 and CR2016")
        double dieDiameterMm() default 20;

        @AttributeDefinition(description = "Seed of noise and randomness")
        long seed() default 1;

        @AttributeDefinition(description = "Sensor sample rate, Hz")
        double sampleRateHz() default 500;

        @AttributeDefinition(description = "Load cell range, kN")
        double loadCellRangeKN() default 30;

        @AttributeDefinition(description = "Load cell resolution, N")
        double loadCellResolutionN() default 1;

        @AttributeDefinition(description = "Load cell noise, N rms")
        double loadCellNoiseN() default 2;

        @AttributeDefinition(description = "Force rating, kN (2 t)")
        double ratedForceKN() default 19.61;

        @AttributeDefinition(description = "Ram diameter, mm")
        double ramDiameterMm() default 40;

        @AttributeDefinition(description = "Pump flow at full output, mm³/s")
        double pumpFlowMm3s() default 600;

        @AttributeDefinition(description = "Oil volume under pressure, cm³")
        double oilVolumeCm3() default 10;

        @AttributeDefinition(description = "Effective oil bulk modulus, MPa")
        double oilBulkModulusMPa() default 1200;

        @AttributeDefinition(description = "Frame and die stiffness, kN/mm")
        double frameStiffnessKNmm() default 200;

        @AttributeDefinition(description = "Relief valve line pressure, MPa (default: the rating over the ram area)")
        double reliefPressureMPa() default 15.61;

        @AttributeDefinition(description = "Command dead time, ms")
        double commandDelayMs() default 10;

        @AttributeDefinition(description = "Pump/valve time constant, ms")
        double actuatorTimeConstantMs() default 20;

        @AttributeDefinition(description = "Height of the assembled cell before crimping, mm")
        double canHeightMm() default 3.45;

        @AttributeDefinition(description = "Height at which the can is sealed, mm (3.2 for CR2032)")
        double sealedHeightMm() default 3.2;

        @AttributeDefinition(description = "Elastic stiffness of can and stack, kN/mm")
        double canStiffnessKNmm() default 20;

        @AttributeDefinition(description = "Force at which the lip starts to fold (yield), kN")
        double yieldForceKN() default 4.9;

        @AttributeDefinition(description = "Plastic hardening of the folding lip, kN/mm")
        double hardeningKNmm() default 12;

        @AttributeDefinition(description = "Force at which can and cell are crushed, kN")
        double crushForceKN() default 15.7;

        @AttributeDefinition(description = "Restore the plant state saved at the last deactivation when at most "
                + "this old, s (0 = never)")
        long restoreMaxAgeS() default 3600;

        String webconsole_configurationFactory_nameHint() default "{presslab.driver.id}";
    }

    @Activate
    public CrimperComponent(@Reference TimeSource time, Config c, BundleContext context) {
        super(time, PID, spec(c), 0, 0, 0, dataFiles(context), c.restoreMaxAgeS());
    }

    static SimSpec spec(Config c) {
        SimSpec s = SimSpec.defaults(DeviceKind.CRIMPER).id(ConfigCheck.id(PID, c.presslab_driver_id())).seed(c.seed());
        s.serial("SIM-" + Long.toHexString(c.seed()).toUpperCase(java.util.Locale.ROOT));
        s.sampleRateHz(ConfigCheck.positive(PID, "sampleRateHz", c.sampleRateHz()));
        if (s.integrationStepS() > 1 / c.sampleRateHz()) {
            s.integrationStepS(1 / c.sampleRateHz());
        }
        s.cell().diameterM(ConfigCheck.positive(PID, "dieDiameterMm", c.dieDiameterMm()) * 1e-3);
        Specs.loadCell(PID, s, c.loadCellRangeKN(), c.loadCellResolutionN(), c.loadCellNoiseN());
        Specs.hydraulics(PID, s, c.ratedForceKN(), c.ramDiameterMm(), c.pumpFlowMm3s(), c.oilVolumeCm3(),
                c.oilBulkModulusMPa(), c.frameStiffnessKNmm(), c.reliefPressureMPa(), c.commandDelayMs(),
                c.actuatorTimeConstantMs());
        s.coinCan().initialHeightM(ConfigCheck.positive(PID, "canHeightMm", c.canHeightMm()) * 1e-3)
                .sealedHeightM(ConfigCheck.positive(PID, "sealedHeightMm", c.sealedHeightMm()) * 1e-3)
                .canStiffnessNpm(ConfigCheck.positive(PID, "canStiffnessKNmm", c.canStiffnessKNmm()) * 1e6)
                .yieldForceN(ConfigCheck.positive(PID, "yieldForceKN", c.yieldForceKN()) * 1e3)
                .hardeningNpm(ConfigCheck.positive(PID, "hardeningKNmm", c.hardeningKNmm()) * 1e6)
                .crushForceN(ConfigCheck.positive(PID, "crushForceKN", c.crushForceKN()) * 1e3);
        return s;
    }

    @Deactivate
    void deactivate() {
        deactivated();
    }
}
