package org.presslab.control.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;
import org.presslab.control.api.RecipeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in recipes plus every {@code *.json} file in the recipe folder. Files are read on
 * each call, so a lab edits them without restarting anything; a file's recipe name must match
 * its base name.
 */
public class RecipeServiceImpl implements RecipeService {

    private static final Logger LOG = LoggerFactory.getLogger(RecipeServiceImpl.class);

    private final RecipeCodec codec = new RecipeCodec();
    private volatile Path folder;

    /** For use without OSGi; {@code folder} may be null (built-in recipes only). */
    public RecipeServiceImpl(Path folder) {
        this.folder = folder;
    }

    /** For use without OSGi; {@code folder} may be null (built-in recipes only). */
    public static RecipeServiceImpl withFolder(Path folder) {
        return new RecipeServiceImpl(folder);
    }

    void setFolder(Path folder) {
        this.folder = folder;
        LOG.info("Recipe folder: {}", folder == null ? "none (built-in recipes only)" : folder.toAbsolutePath());
    }

    public Path folder() {
        return folder;
    }

    @Override
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        names.addAll(BuiltInRecipes.BUILT_IN);
        Path dir = folder;
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                        .forEach(n -> names.add(n.substring(0, n.length() - 5)));
            } catch (IOException e) {
                LOG.warn("Cannot list recipe folder {}: {}", dir, e.toString());
            }
        }
        return List.copyOf(names);
    }

    @Override
    public Recipe get(String name) throws RecipeFormatException {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new RecipeFormatException("recipe name '" + name + "' is not valid (letters, digits, '.', '_', '-')");
        }
        Path dir = folder;
        Path file = dir == null ? null : dir.resolve(name + ".json");
        if (file != null && Files.isRegularFile(file)) {
            String json;
            try {
                json = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RecipeFormatException(file + ": cannot read: " + e, e);
            }
            Recipe r = codec.parse(json, file.getFileName().toString());
            if (!r.name().equals(name)) {
                throw new RecipeFormatException(file.getFileName() + ": field 'name' is '" + r.name()
                        + "' but the file is named '" + name + ".json'; make them match");
            }
            return r;
        }
        if (BuiltInRecipes.BUILT_IN.contains(name)) {
            return BuiltInRecipes.builtIn(name);
        }
        throw new RecipeFormatException("no recipe named '" + name + "' (known: " + String.join(", ", names()) + ")");
    }

    @Override
    public Recipe parse(String json, String source) throws RecipeFormatException {
        return codec.parse(json, source);
    }

    @Override
    public String toJson(Recipe recipe) {
        return codec.toJson(recipe);
    }
}
