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

/** A passive disc-spring pressure frame with a load cell, preloaded at assembly. */
@Component(name = SpringFrameComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {PressDriver.class, SimulatedDevice.class})
@Designate(ocd = SpringFrameComponent.Config.class, factory = true)
@PressDriverProperties(kind = DeviceKind.SPRING_FRAME, capabilities = {Capability.SENSE_FORCE})
public final class SpringFrameComponent extends SimDriverComponent {

    static final String PID = "org.presslab.press.sim.springframe";

    @ObjectClassDefinition(name = "Presslab simulated spring frame", description = "A passive disc-spring pressure frame with a load cell, preloaded at assembly.")
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
        double anodeThicknessUm() default 70;

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

        @AttributeDefinition(description = "Load cell range, kN")
        double loadCellRangeKN() default 10;

        @AttributeDefinition(description = "Load cell resolution, N")
        double loadCellResolutionN() default 0.2;

        @AttributeDefinition(description = "Load cell noise, N rms")
        double loadCellNoiseN() default 0.5;

        @AttributeDefinition(description = "Disc-spring stack stiffness, N/mm")
        double springStiffnessNmm() default 200;

        @AttributeDefinition(description = "Frame, bolt and plunger stiffness, kN/mm")
        double frameStiffnessKNmm() default 20;

        @AttributeDefinition(description = "Pressure on the cell set at assembly, MPa")
        double preloadMPa() default 15;

        @AttributeDefinition(description = "Frame force rating, kN")
        double ratedForceKN() default 10;

        @AttributeDefinition(description = "Restore the plant state saved at the last deactivation when at most "
                + "this old, s (0 = never; the press then comes back unloaded)")
        long restoreMaxAgeS() default 3600;

        String webconsole_configurationFactory_nameHint() default "{presslab.driver.id}";
    }

    @Activate
    public SpringFrameComponent(@Reference TimeSource time, Config c, BundleContext context) {
        super(time, PID, spec(c), c.cyclingCurrentDensityMAcm2(), c.cyclingCapacityMAhcm2(), c.cyclingHalfCycles(), dataFiles(context),
                c.restoreMaxAgeS());
    }

    static SimSpec spec(Config c) {
        SimSpec s = Specs.common(PID, DeviceKind.SPRING_FRAME, c.presslab_driver_id(), c.cellDiameterMm(), c.seed(),
                c.sampleRateHz(), c.anodeThicknessUm(), c.geometryFactor(), c.counterElectrodeCompensation(),
                c.stackStiffnessKNmm());
        s.cell().geometryReferenceThicknessM(100e-6);
        Specs.loadCell(PID, s, c.loadCellRangeKN(), c.loadCellResolutionN(), c.loadCellNoiseN());
        Specs.frame(PID, s, c.springStiffnessNmm(), c.frameStiffnessKNmm(), c.preloadMPa(), c.ratedForceKN());
        return s;
    }

    @Deactivate
    void deactivate() {
        deactivated();
    }
}
