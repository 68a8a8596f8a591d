package org.presslab.report.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.presslab.report.api.Block;
import org.presslab.report.api.Report;
import org.presslab.report.api.SectionContent;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * The one XHTML document both renderers start from: the report's blocks turned into the JMustache
 * template's model. How a figure appears is the renderer's choice: a PNG data URI (HTML) or an
 * {@code <object>} the PDF renderer draws as vectors.
 */
final class DocumentModel {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** Print resolution of the PNG charts: 2 image pixels per CSS pixel (192 dpi). */
    static final int PNG_SCALE = 2;

    private static final Template TEMPLATE = compile("templates/report.mustache");
    private static final String CSS = resource("templates/report.css");

    private DocumentModel() {
    }

    /**
     * The XHTML of a report.
     *
     * @param figureSource the {@code src} of each figure's image, or null to emit an {@code <object>} for it
     */
    static String xhtml(Report report, Function<Block.Figure, String> figureSource) {
        Map<String, Object> root = new HashMap<>();
        root.put("title", report.title());
        root.put("subtitle", report.subtitle());
        root.put("generatedAt", TIME.format(report.generatedAt()));
        root.put("generator", report.generator());
        root.put("runIds", report.runIds());
        root.put("css", CSS);
        List<Map<String, Object>> sections = new ArrayList<>();
        int figureNumber = 0;
        for (SectionContent s : report.sections()) {
            List<Map<String, Object>> blocks = new ArrayList<>();
            for (Block b : s.blocks()) {
                Map<String, Object> m = new HashMap<>();
                if (b instanceof Block.Heading h) {
                    m.put("heading", Map.of("text", h.text()));
                } else if (b instanceof Block.Paragraph p) {
                    m.put("paragraph", Map.of("text", p.text()));
                } else if (b instanceof Block.Notice n) {
                    m.put("notice", Map.of("level", n.level().name(), "text", n.text(),
                            "label", n.level() == Block.Level.WARNING ? "Warning:" : "Note:"));
                } else if (b instanceof Block.KeyValues kv) {
                    List<Map<String, String>> rows = new ArrayList<>();
                    for (Block.KeyValue r : kv.rows()) {
                        rows.add(Map.of("key", r.key(), "value", r.value()));
                    }
                    m.put("kv", Map.of("caption", kv.caption(), "rows", rows));
                } else if (b instanceof Block.Table t) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (int i = 0; i < t.rows().size(); i++) {
                        rows.add(Map.of("cells", t.rows().get(i), "flagged", !t.flagged().isEmpty() && t.flagged().get(i)));
                    }
                    m.put("table", Map.of("caption", t.caption(), "header", t.header(), "rows", rows));
                } else if (b instanceof Block.Figure f) {
                    figureNumber++;
                    Map<String, Object> fig = new LinkedHashMap<>();
                    fig.put("id", f.id());
                    fig.put("number", figureNumber);
                    fig.put("caption", f.caption());
                    fig.put("axesText", String.join("; ", f.axes()));
                    fig.put("alt", f.caption().isEmpty() ? "figure " + f.id() : f.caption());
                    fig.put("width", f.widthPx());
                    fig.put("height", f.heightPx());
                    String src = figureSource == null ? null : figureSource.apply(f);
                    fig.put("src", src == null ? false : src);
                    m.put("figure", fig);
                }
                blocks.add(m);
            }
            sections.add(Map.of("id", s.id(), "title", s.title(), "blocks", blocks));
        }
        root.put("sections", sections);
        return TEMPLATE.execute(root);
    }

    /** The figure as a PNG at {@link #PNG_SCALE} times its CSS size, white background. */
    static byte[] png(Block.Figure f) {
        int w = f.widthPx() * PNG_SCALE;
        int h = f.heightPx() * PNG_SCALE;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.scale(PNG_SCALE, PNG_SCALE);
            f.drawing().draw(g, new Rectangle2D.Double(0, 0, f.widthPx(), f.heightPx()));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG as a data URI. */
    static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static Template compile(String name) {
        try (Reader r = new InputStreamReader(open(name), StandardCharsets.UTF_8)) {
            return Mustache.compiler().defaultValue("").compile(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }

    private static String resource(String name) {
        try (var in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static java.io.InputStream open(String name) {
        var in = DocumentModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource " + name + " is missing from the report bundle");
        }
        return in;
    }
}
