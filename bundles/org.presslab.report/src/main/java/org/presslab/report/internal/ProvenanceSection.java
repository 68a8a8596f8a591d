package org.presslab.report.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.presslab.report.api.Block;
import org.presslab.report.api.Block.KeyValue;
import org.presslab.report.api.ReportContext;
import org.presslab.report.api.ReportSection;
import org.presslab.report.api.SectionContent;
import org.presslab.runs.api.CellInfo;
import org.presslab.runs.api.CommandRecord;
import org.presslab.runs.api.DeviceIdentity;
import org.presslab.runs.api.Gap;
import org.presslab.runs.api.Note;
import org.presslab.runs.api.Run;

/** Where the data come from: station, cell, operator, device and driver, recipe and its hash, software, commands, notes. */
@Component(service = ReportSection.class, property = ReportSection.ORDER + ":Integer=100")
public final class ProvenanceSection implements ReportSection {

    static final int MAX_COMMANDS = 200;
    static final String NOT_RECORDED = "not recorded";

    @Override
    public String id() {
        return "provenance";
    }

    @Override
    public String title() {
        return "Provenance";
    }

    @Override
    public Optional<SectionContent> build(ReportContext ctx) {
        List<Block> blocks = new ArrayList<>();
        for (Run r : ctx.runs()) {
            ctx.progress("provenance of run " + r.id());
            RunTimeline tl = Timelines.of(ctx, r);
            if (ctx.runs().size() > 1) {
                blocks.add(new Block.Heading("Run " + r.id()));
            }
            CellInfo c = r.cell();
            List<KeyValue> kv = new ArrayList<>();
            kv.add(new KeyValue("run", r.id()));
            kv.add(new KeyValue("station", r.stationId() + (r.instanceId().isEmpty() ? "" : " on instance " + r.instanceId())));
            kv.add(new KeyValue("started", DocumentModel.TIME.format(r.start())));
            kv.add(new KeyValue("ended", r.end() == null ? "still running at " + DocumentModel.TIME.format(ctx.generatedAt())
                    : DocumentModel.TIME.format(r.end())));
            kv.add(new KeyValue("duration", Format.duration(Duration.between(r.start(), tl.end()))));
            kv.add(new KeyValue("outcome", r.outcome() + (r.outcomeMessage().isEmpty() ? "" : ": " + r.outcomeMessage())));
            kv.add(new KeyValue("operator", r.operator().isEmpty() ? "not recorded" : r.operator() + " (" + r.operatorSource() + ")"));
            kv.add(new KeyValue("cell", c.cellId().isEmpty() ? "not recorded" : c.cellId()));
            kv.add(new KeyValue("stack", String.join(" | ", nonEmpty(c.anode(), c.electrolyte(), c.cathode()))));
            kv.add(new KeyValue("pellet", dims(c)));
            kv.add(new KeyValue("die / fixture", c.dieId()));
            if (!c.notes().isEmpty()) {
                kv.add(new KeyValue("cell notes", c.notes()));
            }
            kv.add(new KeyValue("device", device(r.device())));
            kv.add(new KeyValue("driver", driver(r.device())));
            kv.add(new KeyValue("recipe", r.hasRecipe() ? r.recipeName() + " (control run " + r.recipeRunId() + ")" : "none (run started by hand)"));
            if (r.hasRecipe()) {
                kv.add(new KeyValue("recipe SHA-256", r.recipeSha256()));
            }
            kv.add(new KeyValue("samples recorded", String.valueOf(ctx.query().sampleCount(r.id()))));
            kv.add(new KeyValue("report software", ctx.software()));
            blocks.add(new Block.KeyValues("", kv));
            if (r.running()) {
                blocks.add(new Block.Notice(Block.Level.WARNING, "The run was still recording when this report was made: "
                        + "everything after " + DocumentModel.TIME.format(ctx.generatedAt()) + " is missing."));
            }
            for (Gap g : tl.gaps()) {
                blocks.add(new Block.Notice(Block.Level.WARNING, "Gap " + DocumentModel.TIME.format(g.start()) + " to "
                        + (g.end() == null ? "the end" : DocumentModel.TIME.format(g.end())) + " (" + g.cause() + ", "
                        + (g.lostRows() < 0 ? "rows lost: unknown" : g.lostRows() + " rows lost") + "): " + g.message()));
            }
            if (!ctx.comparison()) {
                commands(tl.commands(), r, blocks);
                notes(ctx.query().notes(r.id()), r, blocks);
            }
        }
        return Optional.of(new SectionContent(id(), title(), blocks));
    }

    private static void commands(List<CommandRecord> commands, Run r, List<Block> blocks) {
        if (commands.isEmpty()) {
            blocks.add(new Block.Paragraph("No command was recorded during the run."));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        for (CommandRecord c : commands.subList(0, Math.min(MAX_COMMANDS, commands.size()))) {
            String args = String.join(", ", nonEmpty(Double.isFinite(c.targetPa()) ? "target " + Format.mpa(c.targetPa(), 3) : "",
                    Double.isFinite(c.ratePaPerS()) ? "rate " + Format.fixed(c.ratePaPerS() / 1e6, 3) + " MPa/s" : "",
                    c.recipe().isEmpty() ? "" : "recipe " + c.recipe(), c.reason().isEmpty() ? "" : "reason: " + c.reason()));
            rows.add(List.of(Format.duration(Duration.between(r.start(), c.time())), c.actor() + " (" + c.source() + ")",
                    c.command(), args, c.accepted() ? "accepted" : "refused: " + c.refusal()));
            flags.add(!c.accepted() || c.command().equals("EMERGENCY_STOP"));
        }
        blocks.add(new Block.Table("Commands (who did what; refused commands and emergency stops highlighted)",
                List.of("time", "actor", "command", "arguments", "outcome"), rows, flags));
        if (commands.size() > MAX_COMMANDS) {
            blocks.add(new Block.Notice(Block.Level.INFO, (commands.size() - MAX_COMMANDS)
                    + " more commands are in the run's data export (commands.csv)."));
        }
    }

    /**
     * The device as far as it is known: vendor, model and serial; without them, what is known of the driver that spoke
     * to it (a device whose identity was not split into vendor and model, or a run recorded after the driver bound).
     */
    static String device(DeviceIdentity d) {
        if (!d.label().isEmpty()) {
            return d.label();
        }
        String driver = driver(d);
        return driver.equals(NOT_RECORDED) ? NOT_RECORDED : "vendor and model not recorded; driver " + driver;
    }

    /** The driver's id, bundle and bundle version, as far as they are known. */
    static String driver(DeviceIdentity d) {
        String bundle = (d.driverBundle() + " " + d.driverBundleVersion()).trim();
        String s = String.join(", ", nonEmpty(d.driverId(), bundle.isEmpty() ? "" : "bundle " + bundle));
        return s.isEmpty() ? NOT_RECORDED : s;
    }

    private static void notes(List<Note> notes, Run r, List<Block> blocks) {
        if (notes.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Note n : notes) {
            rows.add(List.of(Format.duration(Duration.between(r.start(), n.time())), n.author(), n.text()));
        }
        blocks.add(new Block.Table("Notes", List.of("time", "author", "note"), rows));
    }

    static List<String> nonEmpty(String... s) {
        List<String> out = new ArrayList<>();
        for (String x : s) {
            if (x != null && !x.isEmpty()) {
                out.add(x);
            }
        }
        return out;
    }

    static String dims(CellInfo c) {
        if (Double.isNaN(c.pelletDiameterM())) {
            return "not recorded";
        }
        double area = Math.PI * c.pelletDiameterM() * c.pelletDiameterM() / 4;
        return "diameter " + Format.fixed(c.pelletDiameterM() * 1e3, 2) + " mm, thickness "
                + (Double.isNaN(c.pelletThicknessM()) ? "n/a" : Format.fixed(c.pelletThicknessM() * 1e3, 3) + " mm")
                + ", area " + Format.sig(area * 1e6, 4) + " mm²";
    }
}
