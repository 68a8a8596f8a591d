package org.presslab.runs.internal;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.presslab.control.api.RecipeService;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationRegistry;
import org.presslab.control.api.StationSample;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.press.api.PressDriver;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.CommandRecord;
import org.presslab.runs.api.CyclingLog;
import org.presslab.runs.api.CyclingLogInfo;
import org.presslab.runs.api.DeviceIdentity;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Note;
import org.presslab.runs.api.RecordedSample;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunAttachments;
import org.presslab.runs.api.RunEvent;
import org.presslab.runs.api.RunExporter;
import org.presslab.runs.api.RunFilter;
import org.presslab.runs.api.RunQuery;
import org.presslab.runs.api.RunService;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.SampleSeries;
import org.presslab.runs.api.SpectrumEntry;
import org.presslab.runs.api.StoreHealth;
import org.presslab.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run store as a DS component: a {@link StationListener} of every station, and the run services. The
 * DataSource is a dynamic, optional reference: while none is bound (pax-jdbc-config not ready yet, a
 * datasource configuration being replaced) the store queues and then spools, so nothing is lost. The drivers
 * are tracked by reference only (never got), to name the driver bundle and version a run was recorded with.
 * Everything else is in {@link RunStore}.
 */
@Component(service = {StationListener.class, RunService.class, RunQuery.class, RunAttachments.class, RunExporter.class},
        configurationPid = "org.presslab.runs", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RunStoreConfig.class)
public final class RunStoreComponent implements StationListener, RunService, RunQuery, RunAttachments, RunExporter {

    private static final Logger LOG = LoggerFactory.getLogger(RunStoreComponent.class);

    private volatile DataSource dataSource;
    private volatile StationRegistry registry;
    private volatile RecipeService recipes;
    private final Map<String, ServiceReference<PressDriver>> drivers = new ConcurrentHashMap<>();
    private final RunStore store;

    @Activate
    public RunStoreComponent(@Reference TimeSource time, RunStoreConfig config) {
        Settings s = settings(config);
        LOG.info("Run store starting: instance '{}', DataSource {}, spool {}", s.instanceId(), s.dataSourceTarget(), s.spoolDir());
        this.store = new RunStore(() -> dataSource, s, time, new ControlLookup(() -> registry, () -> recipes, this::driver)).start();
    }

    static Settings settings(RunStoreConfig c) {
        String instance = c.instance_id() == null || c.instance_id().isBlank() ? defaultInstanceId() : c.instance_id().trim();
        String spool = c.spool_dir() == null || c.spool_dir().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data"), "presslab", "spool").toString()
                : c.spool_dir();
        if (c.spool_maxMB() < 1 || c.spool_maxMB() > (1L << 30)) {
            throw new IllegalArgumentException("spool.maxMB must be within 1..1073741824, was " + c.spool_maxMB());
        }
        return new Settings(instance, c.dataSource_target(), c.queue_capacity(), c.batch_size(), c.commit_intervalMs(),
                Path.of(spool), c.spool_maxMB() << 20, c.probe_intervalMs(), 10_000, c.sample_every(), c.retention_rawDays(),
                c.export_hdf5MaxRawSamples(), c.spectra_queueMax());
    }

    static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        String id = System.getProperty("karaf.name", "presslab") + "@" + host;
        return id.length() > 100 ? id.substring(0, 100) : id;
    }

    @Deactivate
    void deactivate() {
        store.close();
    }

    @Reference(name = "dataSource", target = "(dataSourceName=presslab)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindDataSource(DataSource ds) {
        this.dataSource = ds;
        LOG.info("Run store: DataSource bound");
        if (store != null) {
            store.dataSourceChanged();
        }
    }

    void unbindDataSource(DataSource ds) {
        if (this.dataSource == ds) {
            this.dataSource = null;
            LOG.warn("Run store: DataSource unbound; rows are spooled until one is bound again");
            if (store != null) {
                store.dataSourceChanged();
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistry(StationRegistry r) {
        this.registry = r;
    }

    void unbindRegistry(StationRegistry r) {
        if (this.registry == r) {
            this.registry = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRecipes(RecipeService r) {
        this.recipes = r;
    }

    void unbindRecipes(RecipeService r) {
        if (this.recipes == r) {
            this.recipes = null;
        }
    }

    @Reference(service = PressDriver.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDriver(ServiceReference<PressDriver> ref) {
        Object id = ref.getProperty(PressDriver.PROP_ID);
        if (id != null) {
            drivers.put(String.valueOf(id), ref);
        }
    }

    void unbindDriver(ServiceReference<PressDriver> ref) {
        drivers.values().remove(ref);
    }

    /** A driver's identity as far as its service tells: its id, bundle and bundle version. */
    private DeviceIdentity driver(String id) {
        ServiceReference<PressDriver> ref = drivers.get(id);
        Bundle b = ref == null ? null : ref.getBundle();
        return new DeviceIdentity("", "", "", id, b == null ? "" : b.getSymbolicName(), b == null ? "" : b.getVersion().toString());
    }

    // ---- delegation ----

    @Override
    public void onSample(StationSample sample) {
        store.onSample(sample);
    }

    @Override
    public void onEvent(StationEvent event) {
        store.onEvent(event);
    }

    @Override
    public Run start(String stationId, CellInfo cell, String operator, String source) {
        return store.start(stationId, cell, operator, source);
    }

    @Override
    public Run stop(String runId, String operator, String reason) {
        return store.stop(runId, operator, reason);
    }

    @Override
    public void prepareCell(String stationId, CellInfo cell) {
        store.prepareCell(stationId, cell);
    }

    @Override
    public Run updateCell(String runId, CellInfo cell, String operator) {
        return store.updateCell(runId, cell, operator);
    }

    @Override
    public Note note(String runId, String author, String text) {
        return store.note(runId, author, text);
    }

    @Override
    public List<Run> list(RunFilter filter) {
        return store.list(filter);
    }

    @Override
    public Optional<Run> get(String runId) {
        return store.get(runId);
    }

    @Override
    public Optional<Run> current(String stationId) {
        return store.current(stationId);
    }

    @Override
    public StoreHealth health() {
        return store.health();
    }

    @Override
    public SampleSeries samples(String runId, Instant from, Instant to, int maxPoints) {
        return store.samples(runId, from, to, maxPoints);
    }

    @Override
    public void forEachSample(String runId, Instant from, Instant to, Consumer<RecordedSample> sink) {
        store.forEachSample(runId, from, to, sink);
    }

    @Override
    public long sampleCount(String runId) {
        return store.sampleCount(runId);
    }

    @Override
    public Optional<RecordedSample> sampleAt(String stationId, Instant time, Duration tolerance) {
        return store.sampleAt(stationId, time, tolerance);
    }

    @Override
    public List<RunEvent> events(String runId, Instant from, Instant to, int limit) {
        return store.events(runId, from, to, limit);
    }

    @Override
    public List<RunEvent> lastEvents(String runId, int n) {
        return store.lastEvents(runId, n);
    }

    @Override
    public List<org.presslab.runs.api.StationCommand> recentCommands(int limit) {
        return store.recentCommands(limit);
    }

    @Override
    public List<CommandRecord> commands(String runId) {
        return store.commands(runId);
    }

    @Override
    public List<Gap> gaps(String runId) {
        return store.gaps(runId);
    }

    @Override
    public List<Note> notes(String runId) {
        return store.notes(runId);
    }

    @Override
    public List<RunSpectrum> spectra(String runId) {
        return store.spectra(runId);
    }

    @Override
    public List<CyclingLogInfo> cyclingLogs(String runId) {
        return store.cyclingLogs(runId);
    }

    @Override
    public CyclingLog cyclingLog(String logId) {
        return store.cyclingLog(logId);
    }

    @Override
    public RunSpectrum attachSpectrum(String runId, SpectrumEntry entry) {
        return store.attachSpectrum(runId, entry);
    }

    @Override
    public RunSpectrum updateAnalysis(String spectrumId, FitResult fit, KkResult kk) {
        return store.updateAnalysis(spectrumId, fit, kk);
    }

    @Override
    public CyclingLogInfo attachCycling(String runId, CyclingLog log) {
        return store.attachCycling(runId, log);
    }

    @Override
    public List<Path> export(String runId, Format format, Path directory) {
        return store.export(runId, format, directory);
    }
}
