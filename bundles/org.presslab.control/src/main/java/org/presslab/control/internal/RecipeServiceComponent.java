package org.presslab.control.internal;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.presslab.control.api.RecipeService;

/** {@link RecipeServiceImpl} as a DS component, PID {@value #PID}. */
@Component(service = RecipeService.class, configurationPid = RecipeServiceComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RecipeServiceComponent.Config.class)
public class RecipeServiceComponent extends RecipeServiceImpl {

    public static final String PID = "org.presslab.control.recipes";

    @ObjectClassDefinition(name = "Presslab recipes", description = "Where recipe files live.")
    public @interface Config {
        @AttributeDefinition(required = false,
                description = "Folder of *.json recipe files. Default ${karaf.etc}/presslab/recipes; none outside Karaf.")
        String folder() default "";
    }

    @Activate
    public RecipeServiceComponent(Config config) {
        super(folderOf(config));
        setFolder(folder());
    }

    @Modified
    void modified(Config config) {
        setFolder(folderOf(config));
    }

    static Path folderOf(Config config) {
        String f = config.folder();
        if (f == null || f.isBlank()) {
            String etc = System.getProperty("karaf.etc");
            return etc == null ? null : Paths.get(etc, "presslab", "recipes");
        }
        return Paths.get(f);
    }
}
