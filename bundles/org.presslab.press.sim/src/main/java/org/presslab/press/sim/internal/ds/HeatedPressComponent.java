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

/** A simulated heated hydraulic press: the automatic press plus heated platens with their own controller. */
@Component(name = HeatedPressComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {PressDriver.class, SimulatedDevice.class})
@Designate(ocd = HeatedPressComponent.Config.class, factory = true)
@PressDriverProperties(kind = DeviceKind.HEATED_PRESS, capabilities = {Capability.SENSE_FORCE, Capability.SENSE_PRESSURE, Capability.SENSE_POSITION, Capability.SENSE_TEMPERATURE, Capability.ACTUATE, Capability.SET_TEMPERATURE})
public final class HeatedPressComponent extends SimDriverComponent {

    static final String PID = "org.presslab.press.sim.heated";

    @ObjectClassDefinition(name = "Presslab simulated heated press",
            description = "A heated hydraulic lab press with pump, release and relief valves, oil compliance and a load cell, on a simulated sodium cell.")
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

        @AttributeDefinition(description = "Ambient and start temperature, °C")
        double ambientC() default 25;

        @AttributeDefinition(description = "Highest settable temperature, °C")
        double maxTemperatureC() default 300;

        @AttributeDefinition(description = "Heater power, W")
        double heaterPowerW() default 800;

        @AttributeDefinition(description = "Thermal mass of the platens, J/K")
        double thermalMassJK() default 1200;

        @AttributeDefinition(description = "Restore the plant state saved at the last deactivation when at most "
                + "this old, s (0 = never; the press then comes back unloaded)")
        long restoreMaxAgeS() default 3600;

        String webconsole_configurationFactory_nameHint() default "{presslab.driver.id}";
    }

    @Activate
    public HeatedPressComponent(@Reference TimeSource time, Config c, BundleContext context) {
        super(time, PID, spec(DeviceKind.HEATED_PRESS, c), c.cyclingCurrentDensityMAcm2(),
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
        if (!Double.isFinite(c.ambientC()) || c.ambientC() < -273.15) {
            throw new IllegalArgumentException(PID + ": ambientC must be a temperature above absolute zero, was " + c.ambientC());
        }
        s.heater().ambientK(c.ambientC() + 273.15)
                .maxTemperatureK(c.maxTemperatureC() + 273.15)
                .maxPowerW(ConfigCheck.positive(PID, "heaterPowerW", c.heaterPowerW()))
                .thermalMassJPerK(ConfigCheck.positive(PID, "thermalMassJK", c.thermalMassJK()));
        if (!(c.maxTemperatureC() > c.ambientC())) {
            throw new IllegalArgumentException(PID + ": maxTemperatureC must be above ambientC (" + c.ambientC()
                    + " °C), was " + c.maxTemperatureC());
        }
        return s;
    }

    @Deactivate
    void deactivate() {
        deactivated();
    }
}
