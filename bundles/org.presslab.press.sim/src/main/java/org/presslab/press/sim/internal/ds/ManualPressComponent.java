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

/** A simulated manual hydraulic press with a load cell and a simulated operator who follows OperatorChannel instructions. */
@Component(name = ManualPressComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {PressDriver.class, SimulatedDevice.class})
@Designate(ocd = ManualPressComponent.Config.class, factory = true)
@PressDriverProperties(kind = DeviceKind.MANUAL_HYDRAULIC_PRESS, capabilities = {Capability.SENSE_FORCE})
public final class ManualPressComponent extends SimDriverComponent {

    static final String PID = "org.presslab.press.sim.manual";

    @ObjectClassDefinition(name = "Presslab simulated manual hydraulic press",
            description = "A hand-pumped lab press with a load cell; a simulated operator pumps toward what the platform asks.")
    @interface Config {
        @AttributeDefinition(name = "Driver id", description = "Stable id stations filter on")
        String presslab_driver_id();

        @AttributeDefinition(description = "Pellet diameter, mm")
        double cellDiameterMm() default 10;

        @AttributeDefinition(description = "Seed of noise and randomness")
        long seed() default 1;

        @AttributeDefinition(description = "Sensor sample rate, Hz")
        double sampleRateHz() default 50;

        @AttributeDefinition(description = "Sodium foil thickness, µm")
        double anodeThicknessUm() default 100;

        @AttributeDefinition(description = "Geometry factor g of the foil (sigma_eff = P/g)")
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

        @AttributeDefinition(description = "Load cell range, kN")
        double loadCellRangeKN() default 50;

        @AttributeDefinition(description = "Load cell resolution, N")
        double loadCellResolutionN() default 0.5;

        @AttributeDefinition(description = "Load cell noise, N rms")
        double loadCellNoiseN() default 1.5;

        @AttributeDefinition(description = "Force rating, kN")
        double ratedForceKN() default 147.1;

        @AttributeDefinition(description = "Ram diameter, mm")
        double ramDiameterMm() default 51.71;


        @AttributeDefinition(description = "Oil volume under pressure, cm³")
        double oilVolumeCm3() default 100;

        @AttributeDefinition(description = "Effective oil bulk modulus, MPa")
        double oilBulkModulusMPa() default 700;

        @AttributeDefinition(description = "Frame, platen and die stiffness, kN/mm")
        double frameStiffnessKNmm() default 500;

        @AttributeDefinition(description = "Relief valve line pressure, MPa")
        double reliefPressureMPa() default 70;



        @AttributeDefinition(description = "Operator's mean pause between actions, s")
        double operatorReactionS() default 1.0;

        @AttributeDefinition(description = "Largest stroke of the hand pump, cm³")
        double operatorMaxStrokeCm3() default 1.0;

        @AttributeDefinition(description = "Restore the plant state saved at the last deactivation when at most "
                + "this old, s (0 = never; the press then comes back unloaded)")
        long restoreMaxAgeS() default 3600;

        String webconsole_configurationFactory_nameHint() default "{presslab.driver.id}";
    }

    @Activate
    public ManualPressComponent(@Reference TimeSource time, Config c, BundleContext context) {
        super(time, PID, spec(DeviceKind.MANUAL_HYDRAULIC_PRESS, c), c.cyclingCurrentDensityMAcm2(),
                c.cyclingCapacityMAhcm2(), c.cyclingHalfCycles(), dataFiles(context),
                c.restoreMaxAgeS());
    }

    static SimSpec spec(DeviceKind kind, Config c) {
        SimSpec s = Specs.common(PID, kind, c.presslab_driver_id(), c.cellDiameterMm(), c.seed(), c.sampleRateHz(),
                c.anodeThicknessUm(), c.geometryFactor(), c.counterElectrodeCompensation(), c.stackStiffnessKNmm());
        Specs.loadCell(PID, s, c.loadCellRangeKN(), c.loadCellResolutionN(), c.loadCellNoiseN());
        Specs.hydraulics(PID, s, c.ratedForceKN(), c.ramDiameterMm(), s.hydraulics().pumpFlowM3s() * 1e9,
                c.oilVolumeCm3(), c.oilBulkModulusMPa(), c.frameStiffnessKNmm(), c.reliefPressureMPa(),
                s.hydraulics().commandDelayS() * 1e3, s.hydraulics().actuatorTimeConstantS() * 1e3);
        s.operator().reactionTimeS(ConfigCheck.positive(PID, "operatorReactionS", c.operatorReactionS()))
                .maxStrokeVolumeM3(ConfigCheck.positive(PID, "operatorMaxStrokeCm3", c.operatorMaxStrokeCm3()) * 1e-6);
        return s;
    }

    @Deactivate
    void deactivate() {
        deactivated();
    }
}
