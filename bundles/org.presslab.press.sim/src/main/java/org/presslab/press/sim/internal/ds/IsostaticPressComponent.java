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

/** A simulated cold isostatic press: vessel pressure sensed and actuated; the pressure on the cell is the vessel pressure. */
@Component(name = IsostaticPressComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {PressDriver.class, SimulatedDevice.class})
@Designate(ocd = IsostaticPressComponent.Config.class, factory = true)
@PressDriverProperties(kind = DeviceKind.ISOSTATIC_PRESS, capabilities = {Capability.SENSE_PRESSURE, Capability.ACTUATE})
public final class IsostaticPressComponent extends SimDriverComponent {

    static final String PID = "org.presslab.press.sim.isostatic";

    @ObjectClassDefinition(name = "Presslab simulated isostatic press",
            description = "A cold isostatic press (CIP): vessel pressure sensed and actuated (PRESSURE_SETPOINT or RAW_OUTPUT).")
    @interface Config {
        @AttributeDefinition(name = "Driver id", description = "Stable id stations filter on")
        String presslab_driver_id();

        @AttributeDefinition(description = "Pellet diameter, mm")
        double cellDiameterMm() default 10;

        @AttributeDefinition(description = "Seed of noise and randomness")
        long seed() default 1;

        @AttributeDefinition(description = "Sensor sample rate, Hz")
        double sampleRateHz() default 100;

        @AttributeDefinition(description = "Sodium foil thickness, µm")
        double anodeThicknessUm() default 100;

        @AttributeDefinition(description = "Geometry factor g of the foil (sigma_eff = P/g) at 100 µm")
        double geometryFactor() default 150;

        @AttributeDefinition(description = "0 = full cell, 1 = symmetric Na|SE|Na")
        double counterElectrodeCompensation() default 0;

        @AttributeDefinition(description = "Elastic stack stiffness, kN/mm")
        double stackStiffnessKNmm() default 5000;

        @AttributeDefinition(description = "Cycling current density, mA/cm² (0 = no cycling)")
        double cyclingCurrentDensityMAcm2() default 0;

        @AttributeDefinition(description = "Capacity per half cycle, mAh/cm² (0 = no cycling)")
        double cyclingCapacityMAhcm2() default 0;

        @AttributeDefinition(description = "Half cycles to run (0 = endless)")
        int cyclingHalfCycles() default 0;

        @AttributeDefinition(description = "Vessel pressure rating, MPa")
        double ratedPressureMPa() default 400;

        @AttributeDefinition(description = "Relief valve pressure, MPa")
        double reliefPressureMPa() default 400;

        @AttributeDefinition(description = "Vessel fluid volume, cm³")
        double vesselVolumeCm3() default 2000;

        @AttributeDefinition(description = "Intensifier flow at full output, mm³/s")
        double pumpFlowMm3s() default 2000;

        @AttributeDefinition(description = "Ramp rate of the press's own pressure controller, MPa/s")
        double setpointRateMPas() default 1;

        @AttributeDefinition(description = "Restore the plant state saved at the last deactivation when at most "
                + "this old, s (0 = never; the press then comes back unloaded)")
        long restoreMaxAgeS() default 3600;

        String webconsole_configurationFactory_nameHint() default "{presslab.driver.id}";
    }

    @Activate
    public IsostaticPressComponent(@Reference TimeSource time, Config c, BundleContext context) {
        super(time, PID, spec(c), c.cyclingCurrentDensityMAcm2(), c.cyclingCapacityMAhcm2(), c.cyclingHalfCycles(), dataFiles(context),
                c.restoreMaxAgeS());
    }

    static SimSpec spec(Config c) {
        SimSpec s = Specs.common(PID, DeviceKind.ISOSTATIC_PRESS, c.presslab_driver_id(), c.cellDiameterMm(), c.seed(),
                c.sampleRateHz(), c.anodeThicknessUm(), c.geometryFactor(), c.counterElectrodeCompensation(),
                c.stackStiffnessKNmm());
        s.vessel().ratedPressurePa(ConfigCheck.positive(PID, "ratedPressureMPa", c.ratedPressureMPa()) * 1e6)
                .reliefPressurePa(ConfigCheck.positive(PID, "reliefPressureMPa", c.reliefPressureMPa()) * 1e6)
                .vesselVolumeM3(ConfigCheck.positive(PID, "vesselVolumeCm3", c.vesselVolumeCm3()) * 1e-6)
                .pumpFlowM3s(ConfigCheck.positive(PID, "pumpFlowMm3s", c.pumpFlowMm3s()) * 1e-9)
                .setpointRatePaPerS(ConfigCheck.positive(PID, "setpointRateMPas", c.setpointRateMPas()) * 1e6);
        return s;
    }

    @Deactivate
    void deactivate() {
        deactivated();
    }
}
