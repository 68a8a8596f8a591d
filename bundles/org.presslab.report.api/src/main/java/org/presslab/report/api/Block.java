package org.presslab.report.api;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Objects;

/**
 * One piece of a section's content, format-neutral: every renderer knows how to show each kind. Text is
 * plain (renderers escape it); numbers are already formatted with their units.
 */
public sealed interface Block {

    /** A sub-heading inside a section. */
    record Heading(String text) implements Block {
        public Heading {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A paragraph of plain text. */
    record Paragraph(String text) implements Block {
        public Paragraph {
            Objects.requireNonNull(text, "text");
        }
    }

    /** How much a notice matters. */
    enum Level { INFO, WARNING }

    /** Something a reader must not miss: a gap, a trip, data that are absent or not trustworthy. */
    record Notice(Level level, String text) implements Block {
        public Notice {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(text, "text");
        }
    }

    /** One row of a {@link KeyValues} list. */
    record KeyValue(String key, String value) {
        public KeyValue {
            key = Objects.requireNonNullElse(key, "");
            value = Objects.requireNonNullElse(value, "");
        }
    }

    /** A two-column list of names and values (provenance, statistics). */
    record KeyValues(String caption, List<KeyValue> rows) implements Block {
        public KeyValues {
            caption = Objects.requireNonNullElse(caption, "");
            rows = List.copyOf(rows);
        }
    }

    /**
     * A table. Every row has as many cells as the header; {@code flagged} rows (same length as rows, or
     * empty for none) are highlighted, e.g. a refused command or a step that missed its plan.
     */
    record Table(String caption, List<String> header, List<List<String>> rows, List<Boolean> flagged) implements Block {
        public Table {
            caption = Objects.requireNonNullElse(caption, "");
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            flagged = flagged == null ? List.of() : List.copyOf(flagged);
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).size() != header.size()) {
                    throw new IllegalArgumentException("table '" + caption + "' row " + i + " has " + rows.get(i).size()
                            + " cells, the header " + header.size());
                }
            }
            if (!flagged.isEmpty() && flagged.size() != rows.size()) {
                throw new IllegalArgumentException("table '" + caption + "': " + flagged.size() + " flags for "
                        + rows.size() + " rows");
            }
        }

        /** A table without flagged rows. */
        public Table(String caption, List<String> header, List<List<String>> rows) {
            this(caption, header, rows, List.of());
        }
    }

    /** Draws a figure into an area of a Graphics2D: a PNG for HTML, vectors for PDF (the renderer decides). */
    @FunctionalInterface
    interface Drawing {
        void draw(Graphics2D g, Rectangle2D area);
    }

    /**
     * A chart or other figure. The axis labels with their units are also given as text, so that every
     * renderer can print them in its text layer (a raster image's labels cannot be searched or checked).
     *
     * @param id a name unique within the report (letters, digits, '-'), used for file names and anchors
     * @param caption what the figure shows, one or two sentences
     * @param axes the axis labels with units, e.g. "time (h)", "pressure (MPa)"
     * @param widthPx width in CSS pixels (1/96 inch) at which it is laid out
     * @param heightPx height in CSS pixels
     * @param drawing draws the figure
     */
    record Figure(String id, String caption, List<String> axes, int widthPx, int heightPx, Drawing drawing)
            implements Block {
        public Figure {
            Objects.requireNonNull(id, "id");
            if (!id.matches("[A-Za-z0-9-]+")) {
                throw new IllegalArgumentException("figure id must be letters, digits and '-', was '" + id + "'");
            }
            caption = Objects.requireNonNullElse(caption, "");
            axes = List.copyOf(axes);
            if (widthPx < 50 || widthPx > 4000 || heightPx < 50 || heightPx > 4000) {
                throw new IllegalArgumentException("figure " + id + ": size must be 50 to 4000 px, was " + widthPx + " x "
                        + heightPx);
            }
            Objects.requireNonNull(drawing, "drawing");
        }
    }
}
