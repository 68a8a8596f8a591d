package org.presslab.control.shell.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.InterlockKind;
import org.presslab.control.api.InterlockStatus;
import org.presslab.control.api.PressureLimits;
import org.presslab.control.api.RebindPolicy;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationConfig;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.control.api.StationStatus;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.Quality;
import org.presslab.press.api.SafeAction;

/**
 * A station with a fixed limit that records the commands it accepts: enough to test command
 * parsing and refusal. (The control bundle's real station needs a driver and a loop; the
 * integration tests exercise that one through the shell.)
 */
final class FakeStation implements Station {

    final String id;
    final double maxPa;
    final List<String> accepted = new ArrayList<>();
    volatile double pressurePa = 15e6;
    volatile StationState state = StationState.HOLDING;
    volatile RecipeRun run;

    FakeStation(String id, double maxPa) {
        this.id = id;
        this.maxPa = maxPa;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public StationConfig config() {
        return new StationConfig(id, "10 mm die", Math.PI * 0.005 * 0.005, 0.010, maxPa, "(presslab.driver.id=sim)", 100,
                5e6, 2e6, SafeAction.HOLD, RebindPolicy.RESUME);
    }

    @Override
    public StationStatus status() {
        return new StationStatus(id, Instant.EPOCH, state, "sim", ConnectionState.CONNECTED, pressurePa, pressurePa * 78.54e-6,
                pressurePa, pressurePa, 0, Double.NaN, Quality.GOOD, null, "", 100, "1");
    }

    @Override
    public PressureLimits limits() {
        return new PressureLimits(maxPa, "fixture rating", 5e6);
    }

    @Override
    public List<InterlockStatus> interlocks() {
        return List.of(new InterlockStatus(InterlockKind.MAX_PRESSURE, false, maxPa, "Pa", pressurePa, "measured pressure"),
                new InterlockStatus(InterlockKind.MAX_RATE, false, 5e6, "Pa/s", 0, "pressure rate"),
                new InterlockStatus(InterlockKind.STALE_SENSOR, true, 0.5, "s", 0.7, "reading age"));
    }

    @Override
    public List<StationSample> history(double seconds) {
        return List.of();
    }

    private void check(String what, double targetPa) throws CommandRefusedException {
        if (targetPa > maxPa) {
            throw new CommandRefusedException(String.format("%s: %.2f MPa above limit %.2f MPa (fixture rating)", what,
                    targetPa / 1e6, maxPa / 1e6));
        }
    }

    @Override
    public void ramp(double targetPa, double ratePaPerS) throws CommandRefusedException {
        check("ramp", targetPa);
        accepted.add("ramp " + targetPa + " " + ratePaPerS);
    }

    @Override
    public void hold(double targetPa) throws CommandRefusedException {
        check("hold", targetPa);
        accepted.add("hold " + targetPa);
    }

    @Override
    public void release(double targetPa, double ratePaPerS) throws CommandRefusedException {
        accepted.add("release " + targetPa + " " + ratePaPerS);
    }

    @Override
    public void emergencyStop(String reason) {
        state = StationState.EMERGENCY_STOPPED;
        accepted.add("estop " + reason);
    }

    @Override
    public void reset() throws CommandRefusedException {
        state = StationState.HOLDING;
    }

    @Override
    public RecipeRun start(Recipe recipe) throws CommandRefusedException {
        throw new CommandRefusedException("not in this fake");
    }

    @Override
    public Optional<RecipeRun> run() {
        return Optional.ofNullable(run);
    }

    @Override
    public DryRunReport dryRun(Recipe recipe) {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < recipe.steps().size(); i++) {
            if (recipe.steps().get(i) instanceof org.presslab.control.api.RecipeStep.Ramp r && r.targetPa() > maxPa) {
                violations.add(String.format("step %d (ramp): target %.3f MPa above the limit %.3f MPa", i + 1, r.targetPa() / 1e6,
                        maxPa / 1e6));
            }
        }
        return new DryRunReport(recipe.name(), violations, 60);
    }

    @Override
    public void acknowledgeOperator() {
    }

    /** The actors of the commands issued through {@link #as}, in order. */
    final List<org.presslab.control.api.Actor> actors = new ArrayList<>();

    @Override
    public org.presslab.control.api.StationCommands as(org.presslab.control.api.Actor actor) {
        FakeStation self = this;
        return new org.presslab.control.api.StationCommands() {
            @Override
            public org.presslab.control.api.Actor actor() {
                return actor;
            }

            @Override
            public void ramp(double targetPa, double ratePaPerS) throws CommandRefusedException {
                actors.add(actor);
                self.ramp(targetPa, ratePaPerS);
            }

            @Override
            public void hold(double targetPa) throws CommandRefusedException {
                actors.add(actor);
                self.hold(targetPa);
            }

            @Override
            public void release(double targetPa, double ratePaPerS) throws CommandRefusedException {
                actors.add(actor);
                self.release(targetPa, ratePaPerS);
            }

            @Override
            public void emergencyStop(String reason) {
                actors.add(actor);
                self.emergencyStop(reason);
            }

            @Override
            public void reset() throws CommandRefusedException {
                actors.add(actor);
                self.reset();
            }

            @Override
            public RecipeRun start(Recipe recipe) throws CommandRefusedException {
                actors.add(actor);
                return self.start(recipe);
            }

            @Override
            public void acknowledgeOperator() {
                actors.add(actor);
                self.acknowledgeOperator();
            }

            @Override
            public void pauseRecipe(RecipeRun.PauseMode mode) throws CommandRefusedException {
                actors.add(actor);
                self.run().orElseThrow(() -> new CommandRefusedException("no recipe is running")).pause(mode);
            }

            @Override
            public void resumeRecipe() throws CommandRefusedException {
                actors.add(actor);
                self.run().orElseThrow(() -> new CommandRefusedException("no recipe is running")).resume();
            }

            @Override
            public void abortRecipe(String reason) throws CommandRefusedException {
                actors.add(actor);
                self.run().orElseThrow(() -> new CommandRefusedException("no recipe is running")).abort(reason);
            }
        };
    }
}
