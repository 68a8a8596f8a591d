package org.presslab.runs.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One experiment on one station, as stored. Immutable snapshot: read it again to see a change.
 *
 * @param id the run id: time-ordered and unique across every Presslab instance sharing a database
 *        (a UUID version 7, canonical text form)
 * @param stationId the station
 * @param instanceId the Presslab instance that recorded it (configuration {@code instance.id})
 * @param recipeName the recipe's name; empty for a run started by hand without a recipe
 * @param recipeJson the recipe's JSON as it ran ({@code RecipeService.toJson}); empty without a recipe
 * @param recipeSha256 lower-case hex SHA-256 of {@code recipeJson} in UTF-8; empty without a recipe
 * @param recipeRunId the control core's recipe run id; empty without a recipe
 * @param cell the cell under test
 * @param operator who started it: a person's user name, or the name of the actor that started the recipe
 * @param operatorSource where the start came from (SHELL, WEB, REST, RECIPE, OPERATOR, SYSTEM)
 * @param device the device and driver bundle the station was bound to when the run started
 * @param start when it started (UTC)
 * @param end when it ended, or null while running
 * @param outcome how it ended
 * @param outcomeMessage why it ended that way, in words (abort reason, trip message); empty while running
 */
public record Run(String id, String stationId, String instanceId, String recipeName, String recipeJson,
        String recipeSha256, String recipeRunId, CellInfo cell, String operator, String operatorSource,
        DeviceIdentity device, Instant start, Instant end, RunOutcome outcome, String outcomeMessage) {

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(outcome, "outcome");
        instanceId = Objects.requireNonNullElse(instanceId, "");
        recipeName = Objects.requireNonNullElse(recipeName, "");
        recipeJson = Objects.requireNonNullElse(recipeJson, "");
        recipeSha256 = Objects.requireNonNullElse(recipeSha256, "");
        recipeRunId = Objects.requireNonNullElse(recipeRunId, "");
        cell = Objects.requireNonNullElse(cell, CellInfo.UNKNOWN);
        operator = Objects.requireNonNullElse(operator, "");
        operatorSource = Objects.requireNonNullElse(operatorSource, "");
        device = Objects.requireNonNullElse(device, DeviceIdentity.UNKNOWN);
        outcomeMessage = Objects.requireNonNullElse(outcomeMessage, "");
    }

    /** True while recording. */
    public boolean running() {
        return outcome == RunOutcome.RUNNING;
    }

    /** True when a recipe ran (or runs) in this run. */
    public boolean hasRecipe() {
        return !recipeName.isEmpty();
    }
}
