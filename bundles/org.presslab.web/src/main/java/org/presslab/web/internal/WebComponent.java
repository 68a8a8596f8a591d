package org.presslab.web.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.Servlet;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.metatype.annotations.Designate;
import org.presslab.control.api.RecipeService;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationRegistry;
import org.presslab.control.api.StationSample;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.SpectrumImporter;
import org.presslab.press.api.PressDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DS face of {@link PresslabServlet}: registered with the HTTP Whiteboard at {@code /presslab/*}, and as a
 * {@link StationListener} that feeds the live stream and the audit list. Every service it reads is an optional or
 * multiple dynamic reference: without control the page says so, without impedance the fit endpoint does.
 */
@Component(service = {Servlet.class, StationListener.class}, configurationPid = WebComponent.PID)
@Designate(ocd = WebConfig.class)
@HttpWhiteboardServletPattern("/presslab/*")
@HttpWhiteboardServletAsyncSupported
public class WebComponent extends PresslabServlet implements StationListener {

    static final String PID = "org.presslab.web";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebComponent.class);

    /** The dynamic references, read by the API at each request. */
    static final class DynamicServices implements Api.Services {
        volatile StationRegistry registry;
        volatile RecipeService recipes;
        volatile SpectrumImporter importer;
        volatile CircuitFitter fitter;
        final Map<PressDriver, Map<String, Object>> drivers = new ConcurrentHashMap<>();

        @Override
        public Optional<StationRegistry> stations() {
            return Optional.ofNullable(registry);
        }

        @Override
        public Optional<RecipeService> recipes() {
            return Optional.ofNullable(recipes);
        }

        @Override
        public List<Map.Entry<PressDriver, Map<String, Object>>> drivers() {
            return List.copyOf(drivers.entrySet());
        }

        @Override
        public Optional<SpectrumImporter> importer() {
            return Optional.ofNullable(importer);
        }

        @Override
        public Optional<CircuitFitter> fitter() {
            return Optional.ofNullable(fitter);
        }
    }

    private final transient DynamicServices dyn;

    @Activate
    public WebComponent(WebConfig config) {
        this(config, new DynamicServices());
    }

    private WebComponent(WebConfig c, DynamicServices dyn) {
        super(new Settings(Duration.ofMinutes(c.sessionIdleMinutes()), c.maxSessions(), c.maxLiveClients(),
                c.liveUpdatesPerSecond(), c.liveQueueCapacity(), c.auditEntries(), Set.of(c.allowedOrigins())), dyn,
                new JaasAuthenticator(c.realm(), ProxyLoginModule.class.getClassLoader()));
        this.dyn = dyn;
        LOG.info("Presslab web page at /presslab/ (JAAS realm {})", c.realm());
    }

    @Deactivate
    void deactivate() {
        close();
    }

    @Override
    public void onSample(StationSample sample) {
        hub().onSample(sample);
    }

    @Override
    public void onEvent(StationEvent event) {
        audit().offer(event);
        hub().onEvent(event);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistry(StationRegistry r) {
        dyn.registry = r;
    }

    void unbindRegistry(StationRegistry r) {
        if (dyn.registry == r) {
            dyn.registry = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRecipes(RecipeService r) {
        dyn.recipes = r;
    }

    void unbindRecipes(RecipeService r) {
        if (dyn.recipes == r) {
            dyn.recipes = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindImporter(SpectrumImporter r) {
        dyn.importer = r;
    }

    void unbindImporter(SpectrumImporter r) {
        if (dyn.importer == r) {
            dyn.importer = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindFitter(CircuitFitter r) {
        dyn.fitter = r;
    }

    void unbindFitter(CircuitFitter r) {
        if (dyn.fitter == r) {
            dyn.fitter = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindDriver(PressDriver d, Map<String, Object> props) {
        dyn.drivers.put(d, Map.copyOf(props));
    }

    void unbindDriver(PressDriver d) {
        dyn.drivers.remove(d);
    }
}
