package org.presslab.runs.imports.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.presslab.runs.imports.FileImporter;

/**
 * One watch folder per factory configuration ({@code etc/org.presslab.runs.watch-<name>.cfg}). A configuration
 * change restarts the watcher (the ledger in the folder keeps what was done).
 */
@Component(service = {}, configurationPid = WatchFolderComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = WatchFolderComponent.Config.class, factory = true)
public final class WatchFolderComponent {

    static final String PID = "org.presslab.runs.watch";

    @ObjectClassDefinition(name = "Presslab watch folder",
            description = "Imports each new impedance or cycling export in a folder into the run that covers it.")
    @interface Config {
        @AttributeDefinition(description = "The folder the instrument software exports into")
        String folder();

        @AttributeDefinition(description = "Only runs of this station (empty: any; several covering runs are then ambiguous)")
        String station() default "";

        @AttributeDefinition(description = "A file is read once its size and time have not changed for this long (s)")
        double stableForS() default 5;

        @AttributeDefinition(description = "Scan at least this often (s); the only mechanism where the file system sends no events")
        double pollIntervalS() default 2;

        String webconsole_configurationFactory_nameHint() default "watch {folder}";
    }

    private final WatchFolder watcher;

    @Activate
    public WatchFolderComponent(@Reference FileImporter importer, Config config) throws IOException {
        if (config.folder() == null || config.folder().isBlank()) {
            throw new IllegalArgumentException(PID + ": 'folder' is required");
        }
        double stable = config.stableForS();
        double poll = config.pollIntervalS();
        if (!Double.isFinite(stable) || stable < 0 || stable > 3600) {
            throw new IllegalArgumentException(PID + " (" + config.folder() + "): stableForS is " + stable + ", must be in [0, 3600]");
        }
        if (!Double.isFinite(poll) || poll < 0.05 || poll > 3600) {
            throw new IllegalArgumentException(PID + " (" + config.folder() + "): pollIntervalS is " + poll
                    + ", must be in [0.05, 3600]");
        }
        watcher = new WatchFolder(Path.of(config.folder()), config.station(), importer,
                Duration.ofMillis(Math.round(stable * 1000)), Duration.ofMillis(Math.round(poll * 1000)), System::nanoTime);
        watcher.start();
    }

    @Deactivate
    void deactivate() {
        watcher.close();
    }
}
