/**
 * The report SPI of Presslab: a report is a list of {@link org.presslab.report.api.ReportSection sections},
 * each contributed by a service and ordered by its {@link org.presslab.report.api.ReportSection#ORDER order}
 * property, rendered by a {@link org.presslab.report.api.ReportRenderer renderer} service per format (HTML,
 * PDF). Sections produce a format-neutral {@link org.presslab.report.api.SectionContent}; renderers never
 * see run data.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.report.api;
