/**
 * The report service outside OSGi (tools, benchmarks, other modules' tests): {@link org.presslab.report.Reports}
 * builds the same engine the DS component registers, over a run store's {@code RunQuery} and a lookup of runs,
 * with the built-in sections and the HTML and PDF renderers. In OSGi, use the {@code ReportService} the bundle
 * registers instead.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.presslab.report;
