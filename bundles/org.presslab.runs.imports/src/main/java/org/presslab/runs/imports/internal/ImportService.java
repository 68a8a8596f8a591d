package org.presslab.runs.imports.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.presslab.cycling.CyclingImporter;
import org.presslab.cycling.ShortCircuitDetector;
import org.presslab.impedance.api.SpectrumImporter;
import org.presslab.runs.api.RunAttachments;
import org.presslab.runs.api.RunQuery;
import org.presslab.runs.api.RunService;
import org.presslab.runs.imports.FileImporter;
import org.presslab.runs.imports.ImportReport;

/** The {@link FileImporter} service: configuration and references around {@link FileImport}. */
@Component(service = FileImporter.class, configurationPid = ImportService.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ImportService.Config.class)
public final class ImportService implements FileImporter {

    static final String PID = "org.presslab.runs.imports";

    @ObjectClassDefinition(name = "Presslab run file imports",
            description = "Imports impedance and cycling export files into runs; short-circuit thresholds.")
    @interface Config {
        @AttributeDefinition(description = "Time zone of the instrument PC's clock (files hold local time without a "
                + "zone); empty: this machine's zone")
        String instrumentZone() default "";

        @AttributeDefinition(description = "Two recorded samples further apart than this (s) are not interpolated between")
        double maxSpacingS() default 2.0;

        @AttributeDefinition(description = "Soft short: voltage drop during charge (V)")
        double softDropV() default 0.1;

        @AttributeDefinition(description = "Hard short: voltage drop (V) ...")
        double hardDropV() default 1.0;

        @AttributeDefinition(description = "... to below this voltage (V)")
        double hardFloorV() default 0.5;

        @AttributeDefinition(description = "Window in which a drop counts as sudden (s)")
        double windowS() default 10;

        @AttributeDefinition(description = "Points further apart than this (s) are a gap of the log")
        double maxGapS() default 300;

        @AttributeDefinition(description = "A current change above this fraction is a step, not a short")
        double currentTolerance() default 0.05;

        @AttributeDefinition(description = "Current below this fraction of the largest is a rest")
        double restFraction() default 0.01;
    }

    private final FileImport core;

    @Activate
    public ImportService(@Reference SpectrumImporter spectra, @Reference CyclingImporter cycling,
            @Reference RunService runs, @Reference RunQuery query, @Reference RunAttachments attachments, Config config) {
        double spacing = config.maxSpacingS();
        if (!Double.isFinite(spacing) || spacing <= 0 || spacing > 3600) {
            throw new IllegalArgumentException(PID + ": maxSpacingS is " + spacing + ", must be in (0, 3600] s");
        }
        ZoneId zone;
        try {
            zone = config.instrumentZone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(config.instrumentZone().trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(PID + ": instrumentZone '" + config.instrumentZone()
                    + "' is not a time zone (e.g. Europe/Berlin, UTC, +01:00)", e);
        }
        ShortCircuitDetector detector = new ShortCircuitDetector(new ShortCircuitDetector.Settings(config.softDropV(),
                config.hardDropV(), config.hardFloorV(), config.windowS(), config.maxGapS(), config.currentTolerance(),
                config.restFraction()));
        this.core = new FileImport(spectra, cycling, runs, query, attachments, detector, zone,
                Duration.ofNanos(Math.round(spacing * 1e9)));
    }

    @Override
    public ImportReport importFile(Path file, String runId, String stationId) throws IOException {
        return core.importFile(file, runId, stationId);
    }
}
