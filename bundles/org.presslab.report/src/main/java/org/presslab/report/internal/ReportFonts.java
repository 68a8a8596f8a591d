package org.presslab.report.internal;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * DejaVu Sans, shipped in this bundle (Bitstream Vera licence, {@code fonts/LICENSE-DejaVu.txt}) so that Ω, µ,
 * °, ² print on a machine without the font installed. The same face draws the charts (AWT) and the PDF's
 * text, so a chart's labels in the PDF are text in the embedded font, not outlines.
 */
public final class ReportFonts {

    /** The family name every renderer asks for. */
    public static final String FAMILY = "DejaVu Sans";

    static final String REGULAR = "fonts/DejaVuSans.ttf";
    static final String BOLD = "fonts/DejaVuSans-Bold.ttf";

    private static final Font BASE = load(REGULAR);
    private static final Font BASE_BOLD = load(BOLD);

    private ReportFonts() {
    }

    /** DejaVu Sans at {@code size} points, plain or bold. */
    public static Font font(float size, boolean bold) {
        return (bold ? BASE_BOLD : BASE).deriveFont(size);
    }

    /** A fresh stream of one of the TTF resources (the caller closes it). */
    static InputStream open(String resource) {
        InputStream in = ReportFonts.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("font resource " + resource + " is missing from the report bundle");
        }
        return in;
    }

    private static Font load(String resource) {
        try (InputStream in = open(resource)) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + resource, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("font " + resource + " is not a TrueType font: " + e.getMessage(), e);
        }
    }
}
