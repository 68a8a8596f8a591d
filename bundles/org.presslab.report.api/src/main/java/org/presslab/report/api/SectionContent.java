package org.presslab.report.api;

import java.util.List;
import java.util.Objects;

/**
 * What one section contributes to a report.
 *
 * @param id the section's id (letters, digits, '-'), used as an anchor
 * @param title its heading
 * @param blocks its content, in order
 */
public record SectionContent(String id, String title, List<Block> blocks) {

    public SectionContent {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("section id must be letters, digits and '-', was '" + id + "'");
        }
        Objects.requireNonNull(title, "title");
        blocks = List.copyOf(blocks);
    }
}
