package org.presslab.report.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A report as the sections made it, ready for a renderer.
 *
 * @param title the report's title
 * @param subtitle a line under it (station, cell, run ids)
 * @param generatedAt when it was generated (UTC)
 * @param generator what generated it, e.g. "Presslab report 0.1.0"
 * @param runIds the runs it covers
 * @param sections the sections, in order
 */
public record Report(String title, String subtitle, Instant generatedAt, String generator, List<String> runIds,
        List<SectionContent> sections) {

    public Report {
        Objects.requireNonNull(title, "title");
        subtitle = Objects.requireNonNullElse(subtitle, "");
        Objects.requireNonNull(generatedAt, "generatedAt");
        generator = Objects.requireNonNullElse(generator, "");
        runIds = List.copyOf(runIds);
        sections = List.copyOf(sections);
    }
}
