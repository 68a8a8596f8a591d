package org.presslab.report.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One section of a report, contributed as a service. Reports take every registered section in ascending
 * {@link #ORDER} (built-in sections use 100 provenance, 200 recipe, 300 pressure, 400 hold statistics, 500
 * temperature, 600 impedance, 700 interfacial resistance, 800 cycling, 900 comparison), so a lab adds its
 * own section by registering one with an order between them.
 *
 * <p>A section that throws does not sink the report: the report shows the section's title with a warning
 * naming the failure, and goes on.
 */
@ConsumerType
public interface ReportSection {

    /** Service property (Integer): where the section goes; lower first. */
    String ORDER = "presslab.report.order";

    /** A short id (letters, digits, '-'). */
    String id();

    /** The section's title, also used when it fails. */
    String title();

    /**
     * The section's content for the context's runs, or empty when it has nothing to show (no spectra, not a
     * comparison...). Called on the report service's own thread, never on a station's.
     */
    Optional<SectionContent> build(ReportContext context);
}
