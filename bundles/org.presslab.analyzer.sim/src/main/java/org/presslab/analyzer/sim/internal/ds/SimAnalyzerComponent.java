package org.presslab.analyzer.sim.internal.ds;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.presslab.analyzer.api.Analyzer;
import org.presslab.analyzer.api.AnalyzerHealth;
import org.presslab.analyzer.api.AnalyzerInfo;
import org.presslab.analyzer.api.Measurement;
import org.presslab.analyzer.api.MeasurementRequest;
import org.presslab.analyzer.sim.SimAnalyzerSpec;
import org.presslab.analyzer.sim.SimulatedAnalyzer;
import org.presslab.analyzer.sim.SimulatedAnalyzers;
import org.presslab.press.api.PressDriver;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated analyzer per factory configuration, measuring the cell of the simulated press whose
 * {@code presslab.driver.id} is {@code driverId}. It sees every {@link SimulatedDevice} (dynamic, greedy)
 * and uses the matching one, so it follows a press driver that is stopped and started (the new device
 * restores the same plant); while none matches it is DISCONNECTED and refuses to measure.
 */
@Component(name = SimAnalyzerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = Analyzer.class)
@Designate(ocd = SimAnalyzerComponent.Config.class, factory = true)
public final class SimAnalyzerComponent implements Analyzer {

    static final String PID = "org.presslab.analyzer.sim";
    private static final Logger LOG = LoggerFactory.getLogger(SimAnalyzerComponent.class);

    @ObjectClassDefinition(name = "Presslab simulated impedance analyzer",
            description = "An EIS analyzer on the simulated sodium cell of a simulated press: NASICON-type bulk and grain-boundary arcs and an interface arc that follows the stack's pressure history.")
    @interface Config {
        @AttributeDefinition(name = "Analyzer id", description = "Stable id stations select with analyzer.target")
        String presslab_analyzer_id();

        @AttributeDefinition(description = "presslab.driver.id of the simulated press whose cell this analyzer measures")
        String driverId();

        @AttributeDefinition(description = "Seed of the measurement noise")
        long seed() default 1;

        @AttributeDefinition(description = "Electrolyte pellet thickness, mm")
        double pelletThicknessMm() default 1.0;

        @AttributeDefinition(description = "Bulk conductivity, S/cm (Na3Zr2Si2PO12: 6e-4)")
        double bulkConductivitySPerCm() default 6e-4;

        @AttributeDefinition(description = "Total (bulk + grain boundary) conductivity, S/cm (classic NZSP: 1e-4)")
        double totalConductivitySPerCm() default 1e-4;

        @AttributeDefinition(description = "Relative noise of each impedance component at low frequency, % of |Z|")
        double noisePercent() default 0.2;

        @AttributeDefinition(description = "Periods measured per frequency")
        double periodsPerPoint() default 2;

        @AttributeDefinition(description = "Least time per frequency, s")
        double minPointS() default 0.1;

        @AttributeDefinition(description = "Highest frequency, Hz")
        double maxFrequencyHz() default 7e6;

        @AttributeDefinition(description = "Lowest frequency, Hz")
        double minFrequencyHz() default 1e-5;

        String webconsole_configurationFactory_nameHint() default "{presslab.analyzer.id} on {driverId}";
    }

    private final SimulatedAnalyzer analyzer;
    private final String driverId;
    private final Map<SimulatedDevice, String> devices = new ConcurrentHashMap<>();

    @Activate
    public SimAnalyzerComponent(@Reference TimeSource time, Config c) {
        this.driverId = c.driverId();
        if (driverId == null || driverId.isBlank()) {
            throw new IllegalArgumentException(PID + " (" + c.presslab_analyzer_id() + "): driverId is required: the "
                    + "presslab.driver.id of the simulated press whose cell it measures");
        }
        SimAnalyzerSpec spec = spec(c);
        try {
            this.analyzer = SimulatedAnalyzers.create(time, spec, this::device);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + " (" + c.presslab_analyzer_id() + "): " + e.getMessage(), e);
        }
        LOG.info("Simulated analyzer '{}' active on the cell of '{}'", spec.id(), driverId);
    }

    static SimAnalyzerSpec spec(Config c) {
        check("pelletThicknessMm", c.pelletThicknessMm());
        check("bulkConductivitySPerCm", c.bulkConductivitySPerCm());
        check("totalConductivitySPerCm", c.totalConductivitySPerCm());
        check("noisePercent", c.noisePercent());
        check("periodsPerPoint", c.periodsPerPoint());
        check("minPointS", c.minPointS());
        check("maxFrequencyHz", c.maxFrequencyHz());
        check("minFrequencyHz", c.minFrequencyHz());
        return SimAnalyzerSpec.defaults().id(c.presslab_analyzer_id()).seed(c.seed())
                .pelletThicknessM(c.pelletThicknessMm() * 1e-3).bulkConductivitySpm(c.bulkConductivitySPerCm() * 100)
                .totalConductivitySpm(c.totalConductivitySPerCm() * 100).noiseRelative(c.noisePercent() / 100)
                .periodsPerPoint(c.periodsPerPoint()).minPointS(c.minPointS())
                .frequencyRange(c.minFrequencyHz(), c.maxFrequencyHz());
    }

    private static void check(String key, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(PID + ": " + key + " must be a finite number, was " + v);
        }
    }

    private SimulatedDevice device() {
        for (Map.Entry<SimulatedDevice, String> e : devices.entrySet()) {
            if (driverId.equals(e.getValue())) {
                return e.getKey();
            }
        }
        return null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDevice(SimulatedDevice d, Map<String, Object> props) {
        devices.put(d, String.valueOf(props.get(PressDriver.PROP_ID)));
    }

    void unbindDevice(SimulatedDevice d) {
        devices.remove(d);
    }

    @Deactivate
    void deactivate() {
        analyzer.abort("analyzer component stopped");
    }

    @Override
    public String id() {
        return analyzer.id();
    }

    @Override
    public AnalyzerInfo info() {
        return analyzer.info();
    }

    @Override
    public AnalyzerHealth health() {
        return analyzer.health();
    }

    @Override
    public Measurement measure(MeasurementRequest request) {
        return analyzer.measure(request);
    }

    @Override
    public Optional<Measurement> current() {
        return analyzer.current();
    }
}
