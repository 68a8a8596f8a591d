package org.presslab.report.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;
import org.presslab.report.api.Report;
import org.presslab.report.api.ReportRenderer;

/**
 * One self-contained HTML file: CSS inline, every chart a PNG data URI at print resolution (2x), no
 * script, no external reference, so it opens offline and can be mailed or archived as it is.
 */
@Component(service = ReportRenderer.class, property = ReportRenderer.FORMAT + "=html")
public final class HtmlRenderer implements ReportRenderer {

    @Override
    public String format() {
        return "html";
    }

    @Override
    public String extension() {
        return "html";
    }

    @Override
    public String mediaType() {
        return "text/html; charset=UTF-8";
    }

    @Override
    public void render(Report report, OutputStream out) throws IOException {
        String html = DocumentModel.xhtml(report, f -> DocumentModel.dataUri(DocumentModel.png(f)));
        out.write(html.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
