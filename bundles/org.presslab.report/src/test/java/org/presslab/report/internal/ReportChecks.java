package org.presslab.report.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** Checks a rendered report the way a reader sees it: PDF pages as pixels and text, HTML in a real browser. */
final class ReportChecks {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private ReportChecks() {
    }

    /** What a PDF holds: its text and, per page, the share of non-white pixels at 72 dpi. */
    record PdfFacts(int pages, String text, double[] inkShare) {
    }

    /**
     * Renders every page to an image (written as {@code page-N.png} into {@code pngDir} when not null) and
     * extracts the text.
     */
    static PdfFacts pdf(Path pdf, Path pngDir, float dpi) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer r = new PDFRenderer(doc);
            double[] ink = new double[doc.getNumberOfPages()];
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                BufferedImage img = r.renderImageWithDPI(i, dpi, ImageType.RGB);
                ink[i] = inkShare(img);
                if (pngDir != null) {
                    Files.createDirectories(pngDir);
                    ImageIO.write(img, "png", pngDir.resolve(String.format(Locale.ROOT, "page-%d.png", i + 1)).toFile());
                }
            }
            String text = new PDFTextStripper().getText(doc);
            return new PdfFacts(doc.getNumberOfPages(), text, ink);
        }
    }

    /** The share of pixels darker than near-white. */
    static double inkShare(BufferedImage img) {
        long dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int lum = ((rgb >> 16 & 0xFF) * 299 + (rgb >> 8 & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
                if (lum < 240) {
                    dark++;
                }
            }
        }
        return dark / (double) (img.getWidth() * img.getHeight());
    }

    /** True when the browser tests can run here. */
    static boolean chromiumPresent() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** What the browser saw. */
    record BrowserFacts(List<String> consoleErrors, long images, List<String> brokenImages, String title, String text) {
    }

    /** Opens {@code html} in headless Chromium from a fresh profile and reports console errors and images. */
    static BrowserFacts browser(Path html, Path profile) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        try {
            d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            d.get(html.toUri().toString());
            JavascriptExecutor js = d;
            Object state = js.executeScript("return document.readyState");
            assertTrue("complete".equals(state), "page did not finish loading: " + state);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> imgs = (List<Map<String, Object>>) js.executeScript(
                    "return Array.from(document.images).map(i => ({src: i.src.substring(0, 40), complete: i.complete, w: i.naturalWidth}))");
            List<String> broken = new ArrayList<>();
            for (Map<String, Object> i : imgs) {
                if (!Boolean.TRUE.equals(i.get("complete")) || ((Number) i.get("w")).longValue() <= 0) {
                    broken.add(String.valueOf(i.get("src")));
                }
            }
            List<String> errors = new ArrayList<>();
            for (LogEntry e : d.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    errors.add(e.getLevel() + " " + e.getMessage());
                }
            }
            String text = (String) js.executeScript("return document.body.innerText");
            return new BrowserFacts(errors, imgs.size(), broken, d.getTitle(), text);
        } finally {
            d.quit();
            service.stop();
        }
    }
}
