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

/** A simulated automatic hydraulic press (15 t lab press by default), one per factory configuration. */
@Component(name = HydraulicPressComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {PressDriver.class, SimulatedDevice.class})
@Designate(ocd = HydraulicPressComponent.Config.class, factory = true)
@PressDriverProperties(kind = DeviceKind.AUTOMATIC_HYDRAULIC_PRESS, capabilities = {Capability.SENSE_FORCE, Capability.SENSE_PRESSURE, Capability.SENSE_POSITION, Capability.ACTUATE})
public final class HydraulicPressComponent extends SimDriverComponent {

    static final String PID = "org.presslab.press.sim.hydraulic";

    @ObjectClassDefinition(name = "Presslab simulated automatic hydraulic press",
            description = "A hydraulic lab press with pump, release and relief valves, oil compliance and a load cell, on a simulated sodium cell.")
    @interface Config {
        @AttributeDefinition(name = "Driver id", description = "Stable id stations filter on")
        String presslab_driver_id();

        @AttributeDefinition(description = "Pellet diameter, mm")
        double cellDiameterMm() default 10;

        @AttributeDefinition(description = "Seed of noise and randomness")
        long seed() default 1;

        @AttributeDefinition(description = "Sensor sample rate, Hz")
        double sampleRateHz() default 500;

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

        @AttributeDefinition(description = "Pump flow at full output, mm³/s")
        double pumpFlowMm3s() default 200;

        @AttributeDefinition(description = "Oil volume under pressure, cm³")
        double oilVolumeCm3() default 50;

        @AttributeDefinition(description = "Effective oil bulk modulus, MPa")
        double oilBulkModulusMPa() default 1000;

        @AttributeDefinition(description = "Frame, platen and die stiffness, kN/mm")
        double frameStiffnessKNmm() default 500;

        @AttributeDefinition(description = "Relief valve line pressure, MPa")
        double reliefPressureMPa() default 70;

        @AttributeDefinition(description = "Command dead time, ms")
        double commandDelayMs() default 10;

        @AttributeDefinition(description = "Pump/valve time constant, ms")
        double actuatorTimeConstantMs() default 20;

        @AttributeDefinition(description = "Load cell zero offset after the tare, N (0 = ideal zero)")
        double loadCellOffsetN() default 0;

        @AttributeDefinition(description = "Load cell zero drift, N per hour, linear from the driver's start (0 = none)")
        double loadCellDriftNPerH() default 0;

        @AttributeDefinition(description = "Flows the reported feed-forward model assumes, × the true ones (1 = exact model)")
        double modelFlowFactor() default 1;

        @AttributeDefinition(description = "Report a feed-forward model (false: none, as with Modbus and ASCII drivers)")
        boolean reportModel() default true;

        @AttributeDefinition(description = "Coulomb friction of the ram seals, N (0 = none)")
        double sealFrictionN() default 0;

        @AttributeDefinition(description = "Pump and valve deadband, fraction of full output in [0, 0.99) (0 = none)")
        double valveDeadband() default 0;

        @AttributeDefinition(description = "Ram and platen mass, kg (0 = quasi-static ram)")
        double ramMassKg() default 0;

        @AttributeDefinition(description = "Restore the plant state saved at the last deactivation when at most "
                + "this old, s (0 = never; the press then comes back unloaded)")
        long restoreMaxAgeS() default 3600;

        String webconsole_configurationFactory_nameHint() default "{presslab.driver.id}";
    }

    @Activate
    public HydraulicPressComponent(@Reference TimeSource time, Config c, BundleContext context) {
        super(time, PID, spec(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS, c), c.cyclingCurrentDensityMAcm2(),
                c.cyclingCapacityMAhcm2(), c.cyclingHalfCycles(), dataFiles(context),
                c.restoreMaxAgeS());
    }

    static SimSpec spec(DeviceKind kind, Config c) {
        SimSpec s = Specs.common(PID, kind, c.presslab_driver_id(), c.cellDiameterMm(), c.seed(), c.sampleRateHz(),
                c.anodeThicknessUm(), c.geometryFactor(), c.counterElectrodeCompensation(), c.stackStiffnessKNmm());
        Specs.loadCell(PID, s, c.loadCellRangeKN(), c.loadCellResolutionN(), c.loadCellNoiseN());
        Specs.hydraulics(PID, s, c.ratedForceKN(), c.ramDiameterMm(), c.pumpFlowMm3s(), c.oilVolumeCm3(),
                c.oilBulkModulusMPa(), c.frameStiffnessKNmm(), c.reliefPressureMPa(), c.commandDelayMs(),
                c.actuatorTimeConstantMs());
        // realism and plant mismatch (1.2); the defaults keep the ideal press of 1.1, SimSpec.validate checks each
        s.loadCell().offset(c.loadCellOffsetN()).driftPerS(c.loadCellDriftNPerH() / 3600);
        s.hydraulics().modelFlowFactor(c.modelFlowFactor()).reportModel(c.reportModel()).sealFrictionN(c.sealFrictionN())
                .valveDeadband(c.valveDeadband()).ramMassKg(c.ramMassKg());
        return s;
    }

    @Deactivate
    void deactivate() {
        deactivated();
    }
}
