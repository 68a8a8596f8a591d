package com.example.presslab.acme;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.PressDriverProperties;
import org.presslab.press.api.Reading;

/**
 * One Acme SP-5T per factory configuration of PID {@value #PID}. The component validates its
 * configuration, creates the device link and the driver, and closes them on deactivation (the
 * press brakes, the thread ends, the link closes). A configuration change deactivates and
 * re-activates it, which reopens the link with the new settings.
 */
@Component(configurationPid = AcmeServoPressComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = PressDriver.class)
@Designate(ocd = AcmeServoPressComponent.Config.class, factory = true)
@PressDriverProperties(kind = DeviceKind.MOTORIZED_FRAME, capabilities = {Capability.SENSE_FORCE, Capability.SENSE_POSITION, Capability.ACTUATE})
public class AcmeServoPressComponent implements PressDriver {

    public static final String PID = "com.example.presslab.acme";

    @ObjectClassDefinition(name = "Acme SP-5T servo press", description = "An Acme 5 t servo press with a load cell "
            + "(Presslab vendor driver example). The controller is simulated in process.")
    @interface Config {
        @AttributeDefinition(name = "Driver id", description = "presslab.driver.id: stations select the driver by it.")
        String presslab_driver_id();

        @AttributeDefinition(name = "Rated force (kN)", description = "The press rating; setpoints above it are refused.",
                min = "1", max = "100")
        double ratedForceKN() default 49.03;

        @AttributeDefinition(name = "Sample rate (Hz)", min = "1", max = "500")
        double sampleRateHz() default 100;

        @AttributeDefinition(name = "Answer timeout (ms)", min = "5")
        int answerTimeoutMs() default 50;

        @AttributeDefinition(name = "Stale after (ms)", description = "Readings turn STALE and health DISCONNECTED "
                + "when the controller has been silent this long.", min = "5")
        int staleAfterMs() default 200;

        @AttributeDefinition(name = "Simulated sample stiffness (kN/mm)", min = "0.1")
        double simulatedStiffnessKNPerMm() default 20;

        String webconsole_configurationFactory_nameHint() default "Acme SP-5T {presslab.driver.id}";
    }

    private final AcmeServoPressDriver driver;
    private final AcmeServoPressDevice device;

    @Activate
    public AcmeServoPressComponent(Config config) {
        if (config.presslab_driver_id() == null || config.presslab_driver_id().isBlank()) {
            throw new IllegalArgumentException(PID + ": presslab.driver.id is required");
        }
        if (!(config.simulatedStiffnessKNPerMm() > 0)) {
            throw new IllegalArgumentException(PID + " " + config.presslab_driver_id()
                    + ": simulatedStiffnessKNPerMm must be positive, was " + config.simulatedStiffnessKNPerMm());
        }
        AcmeServoPressDriver.Settings settings = new AcmeServoPressDriver.Settings(config.presslab_driver_id(),
                config.ratedForceKN() * 1e3, config.sampleRateHz(), config.answerTimeoutMs(), config.staleAfterMs());
        this.device = new AcmeServoPressDevice(System::nanoTime, config.simulatedStiffnessKNPerMm() * 1e6, 0.0005,
                settings.ratedForceN(), 1.0, "SIM-" + config.presslab_driver_id());
        this.driver = new AcmeServoPressDriver(settings, new SimulatedAcmeLink(device, 200), System::nanoTime);
        driver.start();
    }

    @Deactivate
    void deactivate() {
        driver.close();
    }

    @Override
    public String id() {
        return driver.id();
    }

    @Override
    public DeviceInfo info() {
        return driver.info();
    }

    @Override
    public Set<Capability> capabilities() {
        return driver.capabilities();
    }

    @Override
    public Reading read() {
        return driver.read();
    }

    @Override
    public DeviceHealth health() {
        return driver.health();
    }

    @Override
    public Optional<Actuator> actuator() {
        return driver.actuator();
    }
}
