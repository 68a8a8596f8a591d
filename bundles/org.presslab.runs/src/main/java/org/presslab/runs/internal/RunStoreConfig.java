package org.presslab.runs.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.presslab.runs}; every key is optional. */
@ObjectClassDefinition(name = "Presslab run store", description = "Records every station sample, event and command of a run"
        + " into the database of the DataSource service selected by dataSource.target.")
@interface RunStoreConfig {

    @AttributeDefinition(name = "Instance id", description = "This Presslab instance's id, unique among the instances that"
            + " share one database (empty: <karaf.name>@<host name>). Runs are recovered only by the instance that recorded them.")
    String instance_id() default "";

    @AttributeDefinition(name = "DataSource filter", description = "Selects the javax.sql.DataSource service"
            + " (pax-jdbc-config registers one per etc/org.ops4j.datasource-<name>.cfg).")
    String dataSource_target() default "(dataSourceName=presslab)";

    @AttributeDefinition(name = "Queue capacity", description = "Rows the recorder's queue holds (samples may fill 90 %"
            + " of it, the rest is kept for events and commands); 1000..10000000.")
    int queue_capacity() default 100_000;

    @AttributeDefinition(name = "Batch size", description = "Most rows per database transaction; 1..100000.")
    int batch_size() default 1_000;

    @AttributeDefinition(name = "Commit interval (ms)", description = "Longest a row waits before it is committed; 10..250.")
    long commit_intervalMs() default 100;

    @AttributeDefinition(name = "Spool directory", description = "Where rows go while the database is down"
            + " (empty: ${karaf.data}/presslab/spool).")
    String spool_dir() default "";

    @AttributeDefinition(name = "Spool size limit (MB)", description = "Above it, rows are lost and recorded as gaps.")
    long spool_maxMB() default 1_024;

    @AttributeDefinition(name = "Database probe interval (ms)", description = "How often the database is tried while spooling.")
    long probe_intervalMs() default 1_000;

    @AttributeDefinition(name = "Record every n-th sample", description = "1 records every loop sample.")
    int sample_every() default 1;

    @AttributeDefinition(name = "Raw sample retention (days)", description = "Raw samples of finished runs older than this"
            + " are deleted (0: kept forever). The 1 s and 60 s tiers and everything else are kept forever.")
    double retention_rawDays() default 0;

    @AttributeDefinition(name = "HDF5 export: most raw samples", description = "Above it the HDF5 export writes the 1 s tier.")
    int export_hdf5MaxRawSamples() default 2_000_000;

    @AttributeDefinition(name = "Spectra waiting for the database", description = "Station-measured spectra (SPECTRUM_MEASURED)"
            + " held in memory until the writer takes them; beyond it a spectrum is dropped and recorded as a QUEUE_OVERFLOW"
            + " gap; 1..100000.")
    int spectra_queueMax() default Settings.DEFAULT_SPECTRUM_QUEUE_MAX;
}
