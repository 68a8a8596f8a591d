package org.presslab.runs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.FittedParameter;
import org.presslab.impedance.api.Spectrum;
import org.presslab.runs.api.CommandRecord;
import org.presslab.runs.api.CyclingLog;
import org.presslab.runs.api.CyclingLogInfo;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Note;
import org.presslab.runs.api.RecordedSample;
import org.presslab.runs.api.Run;
import org.presslab.runs.api.RunEvent;
import org.presslab.runs.api.RunExporter;
import org.presslab.runs.api.RunSpectrum;
import org.presslab.runs.api.RunStoreException;
import org.presslab.runs.api.SampleBucket;
import org.presslab.runs.api.SampleSeries;

/**
 * One run to files: CSV (Apache Commons CSV, RFC 4180, one file per table, samples streamed from the
 * database) or HDF5 (jHDF, pure Java, one file; jHDF writes whole datasets from memory, so a run with more
 * than {@code hdf5MaxRawSamples} samples gets the 1 s tier instead of its raw samples, and the file says so).
 */
final class Exporter {

    private final Queries queries;
    private final Attachments attachments;
    private final int hdf5MaxRawSamples;

    Exporter(Queries queries, Attachments attachments, int hdf5MaxRawSamples) {
        this.queries = queries;
        this.attachments = attachments;
        this.hdf5MaxRawSamples = hdf5MaxRawSamples;
    }

    List<Path> export(String runId, RunExporter.Format format, Path dir) {
        Run run = queries.require(runId);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "cannot create the export directory " + dir + ": " + e);
        }
        if (!Files.isWritable(dir)) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "the export directory " + dir + " is not writable");
        }
        try {
            return format == RunExporter.Format.CSV ? csv(run, dir) : hdf5(run, dir);
        } catch (IOException | UncheckedIOException e) {
            throw new RunStoreException(RunStoreException.Reason.INVALID, "export of run " + runId + " to " + dir + " failed: "
                    + e.getMessage(), e);
        }
    }

    static Map<String, String> metadata(Run r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run_id", r.id());
        m.put("station_id", r.stationId());
        m.put("instance_id", r.instanceId());
        m.put("outcome", r.outcome().name());
        m.put("outcome_message", r.outcomeMessage());
        m.put("start_utc", r.start().toString());
        m.put("end_utc", r.end() == null ? "" : r.end().toString());
        m.put("operator", r.operator());
        m.put("operator_source", r.operatorSource());
        m.put("recipe_name", r.recipeName());
        m.put("recipe_sha256", r.recipeSha256());
        m.put("recipe_run_id", r.recipeRunId());
        m.put("cell_id", r.cell().cellId());
        m.put("electrolyte", r.cell().electrolyte());
        m.put("anode", r.cell().anode());
        m.put("cathode", r.cell().cathode());
        m.put("pellet_diameter_m", num(r.cell().pelletDiameterM()));
        m.put("pellet_thickness_m", num(r.cell().pelletThicknessM()));
        m.put("die_id", r.cell().dieId());
        m.put("cell_notes", r.cell().notes());
        m.put("device_vendor", r.device().vendor());
        m.put("device_model", r.device().model());
        m.put("device_serial", r.device().serial());
        m.put("driver_id", r.device().driverId());
        m.put("driver_bundle", r.device().driverBundle());
        m.put("driver_bundle_version", r.device().driverBundleVersion());
        m.put("recipe_json", r.recipeJson());
        return m;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private List<Path> csv(Run r, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        CSVFormat fmt = CSVFormat.RFC4180;
        String base = r.id();
        Path p = dir.resolve(base + "-run.csv");
        try (CSVPrinter out = printer(p, fmt, "key", "value")) {
            for (Map.Entry<String, String> e : metadata(r).entrySet()) {
                out.printRecord(e.getKey(), e.getValue());
            }
        }
        files.add(p);
        p = dir.resolve(base + "-samples.csv");
        try (CSVPrinter out = printer(p, fmt, "time_utc", "monotonic_ns", "pressure_Pa", "force_N", "setpoint_Pa", "output",
                "temperature_K", "state", "quality", "gap")) {
            queries.forEachSample(r.id(), null, null, s -> {
                try {
                    out.printRecord(s.time(), s.monotonicNanos(), num(s.pressurePa()), num(s.forceN()), num(s.setpointPa()),
                            num(s.output()), num(s.temperatureK()), s.state(), s.quality(), s.gap());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        files.add(p);
        p = dir.resolve(base + "-samples-1s.csv");
        try (CSVPrinter out = printer(p, fmt, "start_utc", "end_utc", "count", "pressure_min_Pa", "pressure_max_Pa",
                "pressure_mean_Pa", "force_min_N", "force_max_N", "force_mean_N", "setpoint_mean_Pa", "temperature_mean_K")) {
            for (SampleBucket b : tier(r)) {
                out.printRecord(b.start(), b.end(), b.count(), num(b.pressureMinPa()), num(b.pressureMaxPa()),
                        num(b.pressureMeanPa()), num(b.forceMinN()), num(b.forceMaxN()), num(b.forceMeanN()),
                        num(b.setpointMeanPa()), num(b.temperatureMeanK()));
            }
        }
        files.add(p);
        p = dir.resolve(base + "-events.csv");
        try (CSVPrinter out = printer(p, fmt, "time_utc", "monotonic_ns", "type", "message", "properties_json")) {
            for (RunEvent e : queries.events(r.id(), null, null, 0)) {
                out.printRecord(e.time(), e.monotonicNanos(), e.type(), e.message(), Json.write(e.properties()));
            }
        }
        files.add(p);
        p = dir.resolve(base + "-commands.csv");
        try (CSVPrinter out = printer(p, fmt, "time_utc", "monotonic_ns", "actor", "source", "command", "target_Pa",
                "rate_Pa_per_s", "recipe", "reason", "outcome", "refusal")) {
            for (CommandRecord c : queries.commands(r.id())) {
                out.printRecord(c.time(), c.monotonicNanos(), c.actor(), c.source(), c.command(), num(c.targetPa()),
                        num(c.ratePaPerS()), c.recipe(), c.reason(), c.accepted() ? "ACCEPTED" : "REFUSED", c.refusal());
            }
        }
        files.add(p);
        p = dir.resolve(base + "-gaps.csv");
        try (CSVPrinter out = printer(p, fmt, "start_utc", "end_utc", "cause", "lost_rows", "message")) {
            for (Gap g : queries.gaps(r.id())) {
                out.printRecord(g.start(), g.end() == null ? "" : g.end(), g.cause(), g.lostRows(), g.message());
            }
        }
        files.add(p);
        p = dir.resolve(base + "-notes.csv");
        try (CSVPrinter out = printer(p, fmt, "time_utc", "author", "text")) {
            for (Note n : queries.notes(r.id())) {
                out.printRecord(n.time(), n.author(), n.text());
            }
        }
        files.add(p);
        p = dir.resolve(base + "-spectra.csv");
        try (CSVPrinter out = printer(p, fmt, "spectrum_id", "measured_utc", "source_kind", "source", "stack_pressure_Pa",
                "force_N", "temperature_K", "frequency_Hz", "z_real_Ohm", "z_imag_Ohm", "fit_circuit", "fit_parameters",
                "kk_valid")) {
            for (RunSpectrum s : attachments.spectra(r.id())) {
                Spectrum sp = s.entry().spectrum();
                FitResult fit = s.entry().fit();
                String params = fit == null ? "" : fitText(fit);
                for (int i = 0; i < sp.size(); i++) {
                    out.printRecord(s.id(), s.entry().measuredAt(), s.entry().sourceKind(), s.entry().source(),
                            num(s.entry().stackPressurePa()), num(s.entry().forceN()), num(s.entry().temperatureK()),
                            sp.frequency(i), sp.real(i), sp.imag(i), i == 0 && fit != null ? fit.circuit() : "",
                            i == 0 ? params : "", i == 0 && s.entry().kk() != null ? s.entry().kk().valid() : "");
                }
            }
        }
        files.add(p);
        p = dir.resolve(base + "-cycling.csv");
        try (CSVPrinter out = printer(p, fmt, "log_id", "source", "time_utc", "elapsed_s", "current_A", "voltage_V",
                "capacity_Ah", "cycle")) {
            for (CyclingLogInfo info : attachments.cyclingLogs(r.id())) {
                CyclingLog log = attachments.cyclingLog(info.id());
                for (int i = 0; i < log.size(); i++) {
                    CyclingLog.Point pt = log.point(i);
                    out.printRecord(info.id(), info.source(), pt.time(), pt.elapsedS(), num(pt.currentA()), num(pt.voltageV()),
                            num(pt.capacityAh()), pt.cycleIndex());
                }
            }
        }
        files.add(p);
        return files;
    }

    private static String fitText(FitResult fit) {
        StringBuilder b = new StringBuilder();
        for (FittedParameter fp : fit.parameters()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(fp.name()).append('=').append(fp.value()).append(' ').append(fp.unit()).append(" ±").append(fp.standardError());
        }
        return b.toString();
    }

    private List<SampleBucket> tier(Run r) {
        SampleSeries s = queries.samples(r.id(), null, null, Queries.MAX_POINTS);
        return s.buckets();
    }

    private static CSVPrinter printer(Path p, CSVFormat fmt, String... header) throws IOException {
        java.io.Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8);
        return new CSVPrinter(w, fmt.builder().setHeader(header).get());
    }

    private List<Path> hdf5(Run r, Path dir) throws IOException {
        Path p = dir.resolve(r.id() + ".h5");
        Files.deleteIfExists(p);
        long n = queries.sampleCount(r.id());
        try (WritableHdfFile h = HdfFile.write(p)) {
            for (Map.Entry<String, String> e : metadata(r).entrySet()) {
                h.putAttribute(e.getKey(), e.getValue());
            }
            WritableGroup g = h.putGroup("samples");
            if (n <= hdf5MaxRawSamples) {
                int size = (int) n;
                long[] t = new long[size];
                long[] mono = new long[size];
                double[] pr = new double[size];
                double[] f = new double[size];
                double[] sp = new double[size];
                double[] out = new double[size];
                double[] temp = new double[size];
                String[] state = new String[size];
                String[] quality = new String[size];
                int[] gap = new int[size];
                int[] i = {0};
                queries.forEachSample(r.id(), null, null, s -> {
                    int k = i[0]++;
                    if (k >= size) {
                        return; // rows that arrived after the count
                    }
                    t[k] = Writer.micros(s.time());
                    mono[k] = s.monotonicNanos();
                    pr[k] = s.pressurePa();
                    f[k] = s.forceN();
                    sp[k] = s.setpointPa();
                    out[k] = s.output();
                    temp[k] = s.temperatureK();
                    state[k] = s.state() == null ? "" : s.state();
                    quality[k] = s.quality() == null ? "" : s.quality();
                    gap[k] = s.gap() ? 1 : 0;
                });
                g.putAttribute("tier", "raw");
                g.putDataset("time_utc_us", t);
                g.putDataset("monotonic_ns", mono);
                g.putDataset("pressure_Pa", pr);
                g.putDataset("force_N", f);
                g.putDataset("setpoint_Pa", sp);
                g.putDataset("output", out);
                g.putDataset("temperature_K", temp);
                if (size > 0) {
                    g.putDataset("state", state);
                    g.putDataset("quality", quality);
                }
                g.putDataset("gap", gap);
            } else {
                List<SampleBucket> b = tier(r);
                g.putAttribute("tier", "1s buckets: the run has " + n + " raw samples, more than export.hdf5MaxRawSamples = "
                        + hdf5MaxRawSamples + "; export CSV for the raw samples");
                long[] t = new long[b.size()];
                long[] cnt = new long[b.size()];
                double[][] cols = new double[8][b.size()];
                for (int k = 0; k < b.size(); k++) {
                    SampleBucket x = b.get(k);
                    t[k] = Writer.micros(x.start());
                    cnt[k] = x.count();
                    cols[0][k] = x.pressureMinPa();
                    cols[1][k] = x.pressureMaxPa();
                    cols[2][k] = x.pressureMeanPa();
                    cols[3][k] = x.forceMinN();
                    cols[4][k] = x.forceMaxN();
                    cols[5][k] = x.forceMeanN();
                    cols[6][k] = x.setpointMeanPa();
                    cols[7][k] = x.temperatureMeanK();
                }
                g.putDataset("start_utc_us", t);
                g.putDataset("count", cnt);
                String[] names = {"pressure_min_Pa", "pressure_max_Pa", "pressure_mean_Pa", "force_min_N", "force_max_N",
                    "force_mean_N", "setpoint_mean_Pa", "temperature_mean_K"};
                for (int k = 0; k < names.length; k++) {
                    g.putDataset(names[k], cols[k]);
                }
            }
            List<RunEvent> events = queries.events(r.id(), null, null, 0);
            WritableGroup ev = h.putGroup("events");
            if (!events.isEmpty()) {
                ev.putDataset("time_utc_us", events.stream().mapToLong(e -> Writer.micros(e.time())).toArray());
                ev.putDataset("type", events.stream().map(RunEvent::type).toArray(String[]::new));
                ev.putDataset("message", events.stream().map(e -> nz(e.message())).toArray(String[]::new));
                ev.putDataset("properties_json", events.stream().map(e -> Json.write(e.properties())).toArray(String[]::new));
            }
            List<CommandRecord> cmds = queries.commands(r.id());
            WritableGroup cg = h.putGroup("commands");
            if (!cmds.isEmpty()) {
                cg.putDataset("time_utc_us", cmds.stream().mapToLong(c -> Writer.micros(c.time())).toArray());
                cg.putDataset("actor", cmds.stream().map(c -> nz(c.actor())).toArray(String[]::new));
                cg.putDataset("source", cmds.stream().map(c -> nz(c.source())).toArray(String[]::new));
                cg.putDataset("command", cmds.stream().map(CommandRecord::command).toArray(String[]::new));
                cg.putDataset("target_Pa", cmds.stream().mapToDouble(CommandRecord::targetPa).toArray());
                cg.putDataset("rate_Pa_per_s", cmds.stream().mapToDouble(CommandRecord::ratePaPerS).toArray());
                cg.putDataset("accepted", cmds.stream().mapToInt(c -> c.accepted() ? 1 : 0).toArray());
                cg.putDataset("refusal", cmds.stream().map(c -> nz(c.refusal())).toArray(String[]::new));
            }
            List<Gap> gaps = queries.gaps(r.id());
            WritableGroup gg = h.putGroup("gaps");
            if (!gaps.isEmpty()) {
                gg.putDataset("start_utc_us", gaps.stream().mapToLong(x -> Writer.micros(x.start())).toArray());
                gg.putDataset("end_utc_us", gaps.stream().mapToLong(x -> x.end() == null ? -1 : Writer.micros(x.end())).toArray());
                gg.putDataset("cause", gaps.stream().map(x -> x.cause().name()).toArray(String[]::new));
                gg.putDataset("lost_rows", gaps.stream().mapToLong(Gap::lostRows).toArray());
                gg.putDataset("message", gaps.stream().map(x -> nz(x.message())).toArray(String[]::new));
            }
            List<Note> notes = queries.notes(r.id());
            WritableGroup ng = h.putGroup("notes");
            if (!notes.isEmpty()) {
                ng.putDataset("time_utc_us", notes.stream().mapToLong(x -> Writer.micros(x.time())).toArray());
                ng.putDataset("author", notes.stream().map(x -> nz(x.author())).toArray(String[]::new));
                ng.putDataset("text", notes.stream().map(x -> nz(x.text())).toArray(String[]::new));
            }
            WritableGroup spg = h.putGroup("spectra");
            int k = 0;
            for (RunSpectrum s : attachments.spectra(r.id())) {
                WritableGroup one = spg.putGroup(String.format("%04d", k++));
                Spectrum sp = s.entry().spectrum();
                one.putAttribute("spectrum_id", s.id());
                one.putAttribute("measured_utc", s.entry().measuredAt().toString());
                one.putAttribute("source_kind", s.entry().sourceKind().name());
                one.putAttribute("source", nz(s.entry().source()));
                one.putAttribute("stack_pressure_Pa", s.entry().stackPressurePa());
                one.putAttribute("force_N", s.entry().forceN());
                one.putAttribute("temperature_K", s.entry().temperatureK());
                one.putDataset("frequency_Hz", sp.frequencies());
                one.putDataset("z_real_Ohm", sp.reals());
                one.putDataset("z_imag_Ohm", sp.imags());
                if (s.entry().fit() != null) {
                    one.putAttribute("fit_json", Json.write(s.entry().fit()));
                }
                if (s.entry().kk() != null) {
                    one.putAttribute("kk_json", Json.write(s.entry().kk()));
                }
            }
            WritableGroup cyg = h.putGroup("cycling");
            k = 0;
            for (CyclingLogInfo info : attachments.cyclingLogs(r.id())) {
                CyclingLog log = attachments.cyclingLog(info.id());
                WritableGroup one = cyg.putGroup(String.format("%04d", k++));
                one.putAttribute("log_id", info.id());
                one.putAttribute("source", nz(info.source()));
                one.putAttribute("format", nz(info.format()));
                one.putAttribute("start_utc", info.start().toString());
                one.putAttribute("short_circuits_json", Json.write(info.shortCircuits()));
                one.putDataset("elapsed_s", log.elapsedS());
                one.putDataset("current_A", log.currentA());
                one.putDataset("voltage_V", log.voltageV());
                one.putDataset("capacity_Ah", log.capacityAh());
                one.putDataset("cycle", log.cycleIndex());
            }
        }
        return List.of(p);
    }

    private static String nz(String s) {
        return s == null || s.isEmpty() ? " " : s;
    }

    static List<RecordedSample> none() {
        return List.of();
    }
}
