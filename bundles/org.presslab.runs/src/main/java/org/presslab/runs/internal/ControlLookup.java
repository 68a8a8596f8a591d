package org.presslab.runs.internal;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeService;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;
import org.presslab.runs.api.DeviceIdentity;

/**
 * The recorder's view of the control core through its services (each may be absent, then null): the driver a
 * station runs on, and the JSON of the recipe it runs. The DS component and {@link org.presslab.runs.RunStores}
 * both use it.
 */
final class ControlLookup implements StationLookup {

    private final Supplier<StationRegistry> registry;
    private final Supplier<RecipeService> recipes;
    private final Function<String, DeviceIdentity> driver;

    /**
     * @param driver the identity of a driver by its id (its bundle when known); never null
     */
    ControlLookup(Supplier<StationRegistry> registry, Supplier<RecipeService> recipes, Function<String, DeviceIdentity> driver) {
        this.registry = registry;
        this.recipes = recipes;
        this.driver = driver;
    }

    /** A driver known only by its id. */
    static DeviceIdentity driverOnly(String id) {
        return new DeviceIdentity("", "", "", id, "", "");
    }

    @Override
    public DeviceIdentity device(String stationId, String driverId) {
        String id = driverId;
        StationRegistry r = registry.get();
        if ((id == null || id.isEmpty()) && r != null) {
            id = r.station(stationId).map(s -> s.status().driverId()).orElse(null);
        }
        if (id == null || id.isEmpty()) {
            return DeviceIdentity.UNKNOWN;
        }
        return driver.apply(id);
    }

    @Override
    public Optional<String> recipeJson(String stationId, String recipeRunId) {
        StationRegistry r = registry.get();
        RecipeService rs = recipes.get();
        if (r == null || rs == null) {
            return Optional.empty();
        }
        Optional<RecipeRun> run = r.station(stationId).flatMap(Station::run);
        if (run.isEmpty() || (!recipeRunId.isEmpty() && !recipeRunId.equals(run.get().id()))) {
            return Optional.empty();
        }
        return Optional.of(rs.toJson(run.get().recipe()));
    }
}
