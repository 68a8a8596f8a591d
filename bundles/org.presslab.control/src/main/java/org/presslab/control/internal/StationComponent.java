package org.presslab.control.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.presslab.analyzer.api.Analyzer;
import org.presslab.control.api.Actor;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.StationCommands;
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
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.KramersKronig;
import org.presslab.press.api.PressDriver;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station as a DS factory component (PID {@value #PID}). It sees every press driver (a dynamic,
 * multiple reference) and offers the engine those that match its {@code driver.target} filter, so
 * the station, not DS, decides which device it runs on: a second matching driver never takes over a
 * running station, and a changed filter is a configuration change the station can refuse. Configuration
 * changes arrive through {@code @Modified} without deactivating the station. The {@link Station}
 * service is registered by hand so that it carries {@link Station#PROP_ID}. The latch record lives in
 * {@code ${karaf.data}/presslab/stations}, or the bundle's data area outside Karaf.
 */
@Component(configurationPid = StationComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = StationConfiguration.class, factory = true)
public class StationComponent implements Station {

    public static final String PID = "org.presslab.control.station";
    private static final Logger LOG = LoggerFactory.getLogger(StationComponent.class);

    private final StationEngine engine;
    private final ServiceRegistration<Station> registration;
    private final String pid;
    private final Map<PressDriver, Map<String, Object>> drivers = new ConcurrentHashMap<>();
    private volatile Filter filter;
    private final Map<Analyzer, Map<String, Object>> analyzers = new ConcurrentHashMap<>();
    private volatile Filter analyzerFilter;
    private volatile String analyzerTarget = "";
    private volatile CircuitFitter fitter;
    private volatile KramersKronig kk;

    @Activate
    public StationComponent(StationConfiguration config, BundleContext context, Map<String, Object> properties,
            @Reference TimeSource time) {
        pid = String.valueOf(properties.getOrDefault("service.pid", PID));
        StationSettings settings;
        try {
            settings = StationSettings.from(config, pid);
            filter = filterOf(config.driver_target(), config.id());
            analyzerFilter = analyzerFilterOf(config.analyzer_target(), config.id());
            analyzerTarget = target(config.analyzer_target());
        } catch (RuntimeException e) {
            LOG.error("{}", e.getMessage());
            throw e;
        }
        engine = new StationEngine(settings, time, latchFolder(context));
        engine.eis.setAnalyzerTarget(analyzerTarget);
        if (fitter != null) {
            engine.eis.setFitter(fitter);
        }
        if (kk != null) {
            engine.eis.setKk(kk);
        }
        for (Map.Entry<Analyzer, Map<String, Object>> a : analyzers.entrySet()) {
            offerAnalyzer(a.getKey(), a.getValue());
        }
        engine.start();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Station.PROP_ID, settings.config().id());
        props.put("presslab.station.driver.target", settings.config().driverFilter());
        registration = context.registerService(Station.class, this, props);
        for (Map.Entry<PressDriver, Map<String, Object>> d : drivers.entrySet()) {
            offer(d.getKey(), d.getValue());
        }
    }

    private Filter filterOf(String target, String id) {
        try {
            return FrameworkUtil.createFilter(target);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("Invalid configuration of station '" + id + "' (" + pid
                    + "): 'driver.target' is not a valid LDAP filter: " + e.getMessage());
        }
    }

    private static String target(String t) {
        return t == null ? "" : t.trim();
    }

    /** The analyzer filter; null when the station has none (empty {@code analyzer.target}). */
    private Filter analyzerFilterOf(String target, String id) {
        String t = target(target);
        if (t.isEmpty()) {
            return null;
        }
        try {
            return FrameworkUtil.createFilter(t);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("Invalid configuration of station '" + id + "' (" + pid
                    + "): 'analyzer.target' is not a valid LDAP filter: " + e.getMessage());
        }
    }

    static Path latchFolder(BundleContext context) {
        String data = context.getProperty("karaf.data");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "presslab", "stations");
        }
        java.io.File f = context.getDataFile("stations");
        return f == null ? null : f.toPath();
    }

    /**
     * A configuration change. Invalid values leave the station running on its last valid settings, in
     * FAULT with the key named and the device held; plant changes are refused while a recipe runs or the
     * press is loaded (an event says so); everything else applies at once.
     */
    @Modified
    void modified(StationConfiguration config) {
        StationSettings next;
        Filter f;
        Filter af;
        try {
            next = StationSettings.from(config, pid);
            f = filterOf(config.driver_target(), config.id());
            af = analyzerFilterOf(config.analyzer_target(), config.id());
        } catch (RuntimeException e) {
            engine.configurationInvalid(e.getMessage());
            return;
        }
        String at = target(config.analyzer_target());
        if (!at.equals(analyzerTarget)) {
            // The analyzer is not part of the plant: a new filter applies at once; a measurement on an analyzer
            // that no longer matches fails at its next poll, naming it.
            String previous = analyzerTarget;
            analyzerFilter = af;
            analyzerTarget = at;
            engine.eis.setAnalyzerTarget(at);
            for (Map.Entry<Analyzer, Map<String, Object>> a : analyzers.entrySet()) {
                if (!matchesAnalyzer(a.getValue())) {
                    engine.eis.unbindAnalyzer(a.getKey());
                }
            }
            for (Map.Entry<Analyzer, Map<String, Object>> a : analyzers.entrySet()) {
                offerAnalyzer(a.getKey(), a.getValue());
            }
            String change = "'" + previous + "' -> '" + at + "'";
            engine.event(org.presslab.control.api.StationEventType.CONFIGURATION_CHANGED, "configuration changed: analyzer.target "
                    + change, Map.of("analyzer.target", change, "applied", true));
            LOG.info("Station '{}': analyzer.target now '{}'", config.id(), at);
        }
        try {
            Map<String, String> changed = engine.update(next);
            if (changed.containsKey("driver.target")) {
                filter = f;
                Hashtable<String, Object> props = new Hashtable<>();
                props.put(Station.PROP_ID, next.config().id());
                props.put("presslab.station.driver.target", next.config().driverFilter());
                registration.setProperties(props);
                for (Map.Entry<PressDriver, Map<String, Object>> d : drivers.entrySet()) {
                    if (!matches(d.getValue())) {
                        engine.unbindDriver(d.getKey());
                    }
                }
                for (Map.Entry<PressDriver, Map<String, Object>> d : drivers.entrySet()) {
                    offer(d.getKey(), d.getValue());
                }
            }
        } catch (CommandRefusedException e) {
            LOG.error("{}", e.getMessage());
        }
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

    @Reference(name = "drivers", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDriver(PressDriver driver, Map<String, Object> props) {
        drivers.put(driver, props);
        offer(driver, props);
    }

    void updatedDriver(PressDriver driver, Map<String, Object> props) {
        drivers.put(driver, props);
        if (!matches(props)) {
            engine().unbindDriver(driver);
        } else {
            offer(driver, props);
        }
    }

    void unbindDriver(PressDriver driver) {
        drivers.remove(driver);
        StationEngine e = engine();
        if (e != null) {
            e.unbindDriver(driver);
        }
    }

    private void offer(PressDriver driver, Map<String, Object> props) {
        StationEngine e = engine();
        if (e != null && matches(props)) {
            e.bindDriver(driver);
        }
    }

    private boolean matches(Map<String, Object> props) {
        Filter f = filter;
        return f != null && f.matches(props);
    }

    @Reference(name = "analyzers", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAnalyzer(Analyzer analyzer, Map<String, Object> props) {
        analyzers.put(analyzer, props);
        offerAnalyzer(analyzer, props);
    }

    void updatedAnalyzer(Analyzer analyzer, Map<String, Object> props) {
        analyzers.put(analyzer, props);
        StationEngine e = engine();
        if (e != null && !matchesAnalyzer(props)) {
            e.eis.unbindAnalyzer(analyzer);
        } else {
            offerAnalyzer(analyzer, props);
        }
    }

    void unbindAnalyzer(Analyzer analyzer) {
        analyzers.remove(analyzer);
        StationEngine e = engine();
        if (e != null) {
            e.eis.unbindAnalyzer(analyzer);
        }
    }

    private void offerAnalyzer(Analyzer analyzer, Map<String, Object> props) {
        StationEngine e = engine();
        if (e != null && matchesAnalyzer(props)) {
            e.eis.bindAnalyzer(analyzer);
        }
    }

    private boolean matchesAnalyzer(Map<String, Object> props) {
        Filter f = analyzerFilter;
        return f != null && f.matches(props);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindFitter(CircuitFitter f) {
        fitter = f;
        StationEngine e = engine();
        if (e != null) {
            e.eis.setFitter(f);
        }
    }

    void unbindFitter(CircuitFitter f) {
        if (fitter == f) {
            fitter = null;
        }
        StationEngine e = engine();
        if (e != null) {
            e.eis.unsetFitter(f);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindKk(KramersKronig k) {
        kk = k;
        StationEngine e = engine();
        if (e != null) {
            e.eis.setKk(k);
        }
    }

    void unbindKk(KramersKronig k) {
        if (kk == k) {
            kk = null;
        }
        StationEngine e = engine();
        if (e != null) {
            e.eis.unsetKk(k);
        }
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

    /** Dynamic references may be bound before the constructor has set the engine: then it is null. */
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

    @Override
    public StationCommands as(Actor actor) {
        return engine.as(actor);
    }
}
