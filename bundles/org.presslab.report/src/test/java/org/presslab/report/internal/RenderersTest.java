package org.presslab.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.impedance.ImpedanceAnalysis;
import org.presslab.impedance.api.DrtResult;
import org.presslab.impedance.api.FitResult;
import org.presslab.impedance.api.KkResult;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.io.SpectrumImporters;
import org.presslab.report.api.Block;
import org.presslab.report.api.Report;
import org.presslab.report.api.ReportRenderer;
import org.presslab.report.api.SectionContent;

/**
 * The two renderers on a report of a real spectrum (impedance.py's Circuit1_EIS_1.z, MIT, licence beside it)
 * with the real fit, Lin-KK and DRT: the PDF's pages are drawn and read back, the HTML opened in Chromium.
 */
class RenderersTest {

    static Spectrum spectrum;
    static FitResult fit;
    static KkResult kk;
    static DrtResult drt;

    @BeforeAll
    static void analyse() throws IOException {
        try (InputStream in = RenderersTest.class.getResourceAsStream("/eis/Circuit1_EIS_1.z")) {
            spectrum = SpectrumImporters.builtIn().read(in, "Circuit1_EIS_1.z").get(0);
        }
        fit = ImpedanceAnalysis.circuitFitter().fit(spectrum, "L0-R0-p(R1,CPE1)");
        kk = ImpedanceAnalysis.kramersKronig().test(spectrum);
        drt = ImpedanceAnalysis.drtAnalyzer().analyze(spectrum);
    }

    static Report report() {
        List<Block> blocks = List.of(
                new Block.Paragraph("Symmetric cell Na | Na₃Zr₂Si₂PO₁₂ | Na at 15 MPa and 25 °C; pellet 10 mm, 1.2 mm; σ in S·cm⁻¹, area 0.785 cm²."),
                new Block.Notice(Block.Level.WARNING, "A gap of 12 s at 01:02:03 (driver lost)."),
                new Block.KeyValues("Fit", List.of(new Block.KeyValue("circuit", fit.circuit()),
                        new Block.KeyValue("R1", Format.sig(fit.value("R1"), 4) + " Ω"))),
                new Block.Table("Parameters", List.of("name", "value", "unit"),
                        List.of(List.of("R0", Format.sig(fit.value("R0"), 4), "Ω"), List.of("CPE1_0", "x", "F·s^(α−1)")),
                        List.of(false, true)),
                ImpedanceCharts.nyquist("nyquist", "Nyquist plot with the fit.", spectrum, fit),
                ImpedanceCharts.bode("bode", "Bode plot.", spectrum, fit),
                ImpedanceCharts.residuals("residuals", "Residuals of the fit and of Lin-KK.", fit, kk),
                ImpedanceCharts.drt("drt", "Distribution of relaxation times.", drt));
        return new Report("Impedance of cell NZSP-7", "station cell1", Instant.parse("2026-12-04T12:00:00Z"),
                "Presslab report test", List.of("run-1"), List.of(new SectionContent("impedance", "Impedance", blocks)));
    }

    static Path render(ReportRenderer r, Report report, Path dir) throws IOException {
        Path out = dir.resolve("report." + r.extension());
        try (OutputStream os = Files.newOutputStream(out)) {
            r.render(report, os);
        }
        return out;
    }

    @Test
    void pdfPagesAreDrawnAndCarryTheAxisLabelsAsText(@TempDir Path dir) throws IOException {
        Path pdf = render(new PdfRenderer(), report(), dir);
        ReportChecks.PdfFacts f = ReportChecks.pdf(pdf, Path.of("target/renderers-test"), 72);
        assertTrue(f.pages() >= 2, "pages: " + f.pages());
        for (int i = 0; i < f.pages(); i++) {
            // A page of text and charts inks a few percent; a blank page or one with a failed chart does not.
            assertTrue(f.inkShare()[i] > 0.01, "page " + (i + 1) + " looks blank: " + f.inkShare()[i]);
        }
        String text = f.text();
        // The chart axes are vectors with text in the embedded font: their labels are in the text layer.
        // Horizontal axis labels are text drawn in the embedded font on the chart itself, and in the caption.
        for (String label : List.of("Z′ (Ω)", "frequency (Hz)", "τ (s)")) {
            assertTrue(count(text, label) >= 2, "'" + label + "' should be on a chart axis and in its caption:\n" + text);
        }
        // Rotated (vertical) axis labels are drawn but not extracted as text: the caption carries them.
        for (String label : List.of("−Z″ (Ω)", "|Z| (Ω)", "phase (°)", "relative residual (%)", "γ (Ω)")) {
            assertTrue(count(text, label) >= 1, "'" + label + "' should be in the caption's axes:\n" + text);
        }
        assertTrue(text.contains("Na₃Zr₂Si₂PO₁₂"), "subscripts lost:\n" + text);
        assertTrue(text.contains("25 °C") && text.contains("S·cm⁻¹"), text);
        assertTrue(text.contains("Figure 4."), text);
    }

    @Test
    void thePdfEmbedsDejaVuSoSymbolsPrint(@TempDir Path dir) throws IOException {
        Path pdf = render(new PdfRenderer(), report(), dir);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            boolean embedded = false;
            for (var page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    var font = page.getResources().getFont(name);
                    if (font.getName().contains("DejaVuSans") && font.isEmbedded()) {
                        embedded = true;
                    }
                }
            }
            assertTrue(embedded, "DejaVu Sans is not embedded");
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("Ω") && text.contains("°") && text.contains("γ"), text);
        }
    }

    @Test
    void nyquistHasEqualScales() {
        JFreeChart c = ImpedanceCharts.nyquistChart(spectrum, fit);
        java.awt.geom.Rectangle2D area = new java.awt.geom.Rectangle2D.Double(0, 0, Charts.WIDTH, 380);
        Charts.equalizeScales(c, area);
        java.awt.geom.Rectangle2D data = Charts.dataArea(c, area);
        var plot = c.getXYPlot();
        double xPerPx = plot.getDomainAxis().getRange().getLength() / data.getWidth();
        double yPerPx = plot.getRangeAxis().getRange().getLength() / data.getHeight();
        assertEquals(1.0, xPerPx / yPerPx, 0.01, "ohms per pixel differ: x " + xPerPx + ", y " + yPerPx);
        for (int i = 0; i < spectrum.size(); i++) {
            assertTrue(plot.getDomainAxis().getRange().contains(spectrum.real(i)), "point " + i + " off the x axis");
            assertTrue(plot.getRangeAxis().getRange().contains(-spectrum.imag(i)), "point " + i + " off the y axis");
        }
    }

    @Test
    void htmlIsOneFileThatOpensOfflineWithEveryImage(@TempDir Path dir) throws IOException {
        Path html = render(new HtmlRenderer(), report(), dir);
        String text = Files.readString(html);
        assertTrue(!text.contains("http://") || text.indexOf("http://") == text.indexOf("http://www.w3.org/1999/xhtml"),
                "the HTML must not reference anything outside itself");
        assertEquals(4, count(text, "src=\"data:image/png;base64,"), "four charts as data URIs");
        Files.createDirectories(Path.of("target/renderers-test"));
        Files.copy(html, Path.of("target/renderers-test/report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assumeTrue(ReportChecks.chromiumPresent(), "SKIPPED: /usr/bin/chromium and /usr/bin/chromedriver are not installed "
                + "(apt-get install chromium chromium-driver); the HTML was not opened in a browser");
        ReportChecks.BrowserFacts b = ReportChecks.browser(html, dir.resolve("profile"));
        assertEquals(List.of(), b.consoleErrors(), "console errors");
        assertEquals(4, b.images(), "images in the page");
        assertEquals(List.of(), b.brokenImages(), "images that did not load");
        assertEquals("Impedance of cell NZSP-7", b.title());
        assertTrue(b.text().contains("Axes: Z′ (Ω); −Z″ (Ω)."), b.text());
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
