package org.presslab.report.internal;

import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.presslab.report.api.Block;
import org.presslab.report.api.Report;
import org.presslab.report.api.ReportRenderer;
import org.presslab.report.api.SectionContent;
import org.w3c.dom.Element;

import com.openhtmltopdf.extend.FSObjectDrawer;
import com.openhtmltopdf.extend.FSObjectDrawerFactory;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * PDF through openhtmltopdf on PDFBox 3, from the same XHTML as the HTML report. DejaVu Sans is embedded
 * (subset) for every text, and the charts are drawn as vectors (pdfbox-graphics2d) with their labels as
 * text in that font: they scale without blur, and a text search finds an axis label.
 */
@Component(service = ReportRenderer.class, property = ReportRenderer.FORMAT + "=pdf")
public final class PdfRenderer implements ReportRenderer {

    static final String CHART_TYPE = "presslab/chart";

    @Override
    public String format() {
        return "pdf";
    }

    @Override
    public String extension() {
        return "pdf";
    }

    @Override
    public String mediaType() {
        return "application/pdf";
    }

    @Override
    public void render(Report report, OutputStream out) throws IOException {
        Map<String, Block.Figure> figures = new HashMap<>();
        for (SectionContent s : report.sections()) {
            for (Block b : s.blocks()) {
                if (b instanceof Block.Figure f) {
                    figures.put(f.id(), f);
                }
            }
        }
        String xhtml = DocumentModel.xhtml(report, null);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useFont(() -> ReportFonts.open(ReportFonts.REGULAR), ReportFonts.FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> ReportFonts.open(ReportFonts.BOLD), ReportFonts.FAMILY, 700, FontStyle.NORMAL, true);
        builder.useObjectDrawerFactory(new ChartDrawers(figures));
        builder.withHtmlContent(xhtml, null);
        builder.withProducer(report.generator());
        builder.toStream(out);
        builder.run();
        out.flush();
    }

    /** Draws each {@code <object type="presslab/chart" data-figure="id">} with its figure's drawing. */
    private record ChartDrawers(Map<String, Block.Figure> figures) implements FSObjectDrawerFactory {

        @Override
        public boolean isReplacedObject(Element e) {
            return CHART_TYPE.equals(e.getAttribute("type"));
        }

        @Override
        public FSObjectDrawer createDrawer(Element e) {
            if (!isReplacedObject(e)) {
                return null;
            }
            Block.Figure f = figures.get(e.getAttribute("data-figure"));
            if (f == null) {
                throw new IllegalStateException("the report has no figure '" + e.getAttribute("data-figure") + "'");
            }
            return (el, x, y, width, height, device, ctx, dotsPerPixel) -> {
                float w = (float) width / dotsPerPixel;
                float h = (float) height / dotsPerPixel;
                // The figure is drawn in its own CSS-pixel coordinates, scaled to the box the layout gave it.
                device.drawWithGraphics((float) x, (float) y, w, h, g -> {
                    g.scale(w / f.widthPx(), h / f.heightPx());
                    f.drawing().draw(g, new Rectangle2D.Double(0, 0, f.widthPx(), f.heightPx()));
                });
                return Map.<Shape, String>of();
            };
        }
    }
}
