package org.presslab.report.internal;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
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
import org.presslab.report.Reports;
import org.presslab.report.api.ReportRenderer;
import org.presslab.report.api.ReportRequest;
import org.presslab.report.api.ReportSection;
import org.presslab.report.api.ReportService;
import org.presslab.runs.api.RunExporter;
import org.presslab.runs.api.RunQuery;
import org.presslab.runs.api.RunService;

/**
 * The report service: the sections and renderers registered now, on the engine's own executor, built by
 * {@link Reports} as outside OSGi.
 */
@Component(service = ReportService.class, configurationPid = "org.presslab.report",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ReportServiceComponent.Config.class)
public final class ReportServiceComponent implements ReportService {

    @ObjectClassDefinition(name = "Presslab reports", description = "How reports are made.")
    @interface Config {
        @AttributeDefinition(name = "Worker threads", min = "1", max = "4",
                description = "Reports made at the same time, on low-priority threads of their own")
        int threads() default 1;

        @AttributeDefinition(name = "Queue", min = "1", max = "100", description = "Reports that may wait; more are refused at once")
        int queue() default 8;

        @AttributeDefinition(name = "Points per chart", min = "100", max = "20000",
                description = "Samples asked of the run store per chart (decimated: min, max, mean per bucket)")
        int maxPointsPerChart() default 2000;
    }

    private final Map<ServiceKey, ReportSection> sections = new ConcurrentSkipListMap<>();
    private final Map<String, ReportRenderer> renderers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Reports.Engine engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RunExporter exporter;

    @Activate
    public ReportServiceComponent(@Reference RunService runs, @Reference RunQuery query, BundleContext bc, Config config) {
        String software = "Presslab " + bc.getBundle().getVersion() + " (" + bc.getBundle().getSymbolicName() + ")";
        this.engine = Reports.builder(runs, query).exporter(() -> exporter).sections(this::sections)
                .renderers(() -> new TreeMap<>(renderers)).threads(config.threads()).queue(config.queue())
                .maxPointsPerChart(config.maxPointsPerChart()).software(software).build();
    }

    /** Sorted by order, then by service id, so two sections with one order keep a stable place. */
    private record ServiceKey(int order, long id) implements Comparable<ServiceKey> {
        @Override
        public int compareTo(ServiceKey o) {
            return Comparator.comparingInt(ServiceKey::order).thenComparingLong(ServiceKey::id).compare(this, o);
        }
    }

    private static ServiceKey key(Map<String, Object> props) {
        Object o = props.get(ReportSection.ORDER);
        int order = o instanceof Number n ? n.intValue() : 1000;
        return new ServiceKey(order, ((Number) props.get("service.id")).longValue());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSection(ReportSection s, Map<String, Object> props) {
        sections.put(key(props), s);
    }

    void removeSection(ReportSection s, Map<String, Object> props) {
        sections.remove(key(props), s);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRenderer(ReportRenderer r) {
        renderers.put(r.format().toLowerCase(java.util.Locale.ROOT), r);
    }

    void removeRenderer(ReportRenderer r) {
        renderers.remove(r.format().toLowerCase(java.util.Locale.ROOT), r);
    }

    private List<ReportSection> sections() {
        return new ArrayList<>(sections.values());
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    @Override
    public Set<String> formats() {
        return engine.formats();
    }

    @Override
    public CompletableFuture<List<Path>> generate(ReportRequest request, Consumer<String> progress) {
        return engine.generate(request, progress);
    }

    @Override
    public CompletableFuture<Void> render(List<String> runIds, String format, OutputStream out) {
        return engine.render(runIds, format, out);
    }

    @Override
    public String fileName(List<String> runIds, String format) {
        return engine.fileName(runIds, format);
    }
}
