package org.presslab.control.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.PressureLimits;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationConfig;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationStatus;
import org.presslab.press.api.PressDriver;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station as a DS factory component (PID {@value #PID}). The driver reference is optional,
 * dynamic and greedy: the station outlives its driver, makes the device safe when it leaves,
 * records the gap and rebinds by itself when a matching driver returns. The {@link Station}
 * service is registered by hand so that it carries {@link Station#PROP_ID}.
 */
@Component(configurationPid = StationComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = StationConfiguration.class, factory = true)
public class StationComponent implements Station {

    public static final String PID = "org.presslab.control.station";
    private static final Logger LOG = LoggerFactory.getLogger(StationComponent.class);

    private final StationEngine engine;
    private final ServiceRegistration<Station> registration;

    @Activate
    public StationComponent(StationConfiguration config, BundleContext context, Map<String, Object> properties,
            @Reference TimeSource time) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", PID));
        StationSettings settings;
        try {
            settings = StationSettings.from(config, pid);
            try {
                FrameworkUtil.createFilter(config.driver_target());
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException("Invalid configuration of station '" + config.id() + "' (" + pid
                        + "): 'driver.target' is not a valid LDAP filter: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("{}", e.getMessage());
            throw e;
        }
        engine = new StationEngine(settings, time);
        engine.start();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Station.PROP_ID, settings.config().id());
        props.put("presslab.station.driver.target", settings.config().driverFilter());
        registration = context.registerService(Station.class, this, props);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping the bundle
        }
        engine.close();
    }

    @Reference(name = "driver", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDriver(PressDriver driver) {
        engine().bindDriver(driver);
    }

    void unbindDriver(PressDriver driver) {
        engine().unbindDriver(driver);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindListener(StationListener l, Map<String, Object> props) {
        Object only = props.get(StationListener.PROP_STATION);
        if (only == null || engine().id().equals(String.valueOf(only))) {
            engine().addListener(l);
        }
    }

    void unbindListener(StationListener l) {
        engine().removeListener(l);
    }

    /**
     * DS may call bind methods of dynamic references from the constructor's caller before
     * the constructor returns only for static references; dynamic ones come after activation.
     */
    private StationEngine engine() {
        return engine;
    }

    @Override
    public String id() {
        return engine.id();
    }

    @Override
    public StationConfig config() {
        return engine.config();
    }

    @Override
    public StationStatus status() {
        return engine.status();
    }

    @Override
    public PressureLimits limits() {
        return engine.limits();
    }

    @Override
    public List<InterlockStatus> interlocks() {
        return engine.interlocks();
    }

    @Override
    public List<StationSample> history(double seconds) {
        return engine.history(seconds);
    }

    @Override
    public void ramp(double targetPa, double ratePaPerS) throws CommandRefusedException {
        engine.ramp(targetPa, ratePaPerS);
    }

    @Override
    public void hold(double targetPa) throws CommandRefusedException {
        engine.hold(targetPa);
    }

    @Override
    public void release(double targetPa, double ratePaPerS) throws CommandRefusedException {
        engine.release(targetPa, ratePaPerS);
    }

    @Override
    public void emergencyStop(String reason) {
        engine.emergencyStop(reason);
    }

    @Override
    public void reset() throws CommandRefusedException {
        engine.reset();
    }

    @Override
    public RecipeRun start(Recipe recipe) throws CommandRefusedException {
        return engine.start(recipe);
    }

    @Override
    public Optional<RecipeRun> run() {
        return engine.run();
    }

    @Override
    public DryRunReport dryRun(Recipe recipe) {
        return engine.dryRun(recipe);
    }

    @Override
    public void acknowledgeOperator() throws CommandRefusedException {
        engine.acknowledgeOperator();
    }
}
