/**
 * A plain-Java factory for the run store, for code outside OSGi (benchmarks, tools, tests of other bundles):
 * {@link org.presslab.runs.RunStores#builder(javax.sql.DataSource)}. In OSGi, use the services the bundle
 * registers instead.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.presslab.runs;
