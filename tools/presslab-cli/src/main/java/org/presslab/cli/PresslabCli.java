package org.presslab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.presslab.time.TimeSources;
import org.presslab.control.api.CommandRefusedException;
import org.presslab.control.api.DryRunReport;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationStatus;
import org.presslab.control.StandaloneStation;
import org.presslab.control.StationSpec;
import org.presslab.control.Stations;
import org.presslab.control.Recipes;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.sim.SimSpec;
import org.presslab.press.sim.SimulatedDevice;
import org.presslab.press.sim.SimulatedDevices;
import org.presslab.time.VirtualTimeSource;

/**
 * Runs a recipe on a simulated automatic hydraulic press without OSGi: a station (10 mm cell by
 * default) on the real control code, in virtual time paced against the wall clock at
 * {@code --speed} times real time, with a progress line once a wall-clock second.
 */
public final class PresslabCli {

    private static final String USAGE = String.join("\n",
            "Usage: java -jar presslab-cli.jar [options]",
            "  --recipe FILE        recipe JSON file (default: the built-in assb-default)",
            "  --speed N|max        times faster than real time on virtual time (default 1; max = unpaced)",
            "  --hold-s SECONDS     shorten every hold step to this many seconds (default: as in the recipe)",
            "  --cell-mm D          cell diameter, mm (default 10)",
            "  --rating-mpa R       fixture rating, MPa (default 100)",
            "  --loop-hz F          control loop rate, Hz (default 100)",
            "  --seed N             simulator seed (default 1)",
            "  --dry-run            check the recipe against the station and exit",
            "  --help               this text");

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Path recipeFile = null;
        double speed = 1;
        double holdS = Double.NaN;
        double cellMm = 10;
        double ratingMPa = 100;
        double loopHz = 100;
        long seed = 1;
        boolean dryRun = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--recipe" -> recipeFile = Path.of(value(args, ++i, a));
                    case "--speed" -> {
                        String v = value(args, ++i, a);
                        speed = "max".equalsIgnoreCase(v) ? Double.POSITIVE_INFINITY : positive(v, a);
                    }
                    case "--hold-s" -> holdS = positive(value(args, ++i, a), a);
                    case "--cell-mm" -> cellMm = positive(value(args, ++i, a), a);
                    case "--rating-mpa" -> ratingMPa = positive(value(args, ++i, a), a);
                    case "--loop-hz" -> loopHz = positive(value(args, ++i, a), a);
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                    case "--dry-run" -> dryRun = true;
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("presslab-cli: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }

        Recipe recipe;
        try {
            recipe = recipeFile == null ? Recipes.assbDefault()
                    : Recipes.parse(Files.readString(recipeFile, StandardCharsets.UTF_8), recipeFile.getFileName().toString());
        } catch (RecipeFormatException e) {
            err.println("presslab-cli: recipe refused: " + e.getMessage());
            return 3;
        } catch (IOException e) {
            err.println("presslab-cli: cannot read " + recipeFile + ": " + e);
            return 3;
        }
        if (!Double.isNaN(holdS)) {
            List<RecipeStep> steps = new ArrayList<>();
            for (RecipeStep s : recipe.steps()) {
                steps.add(s instanceof RecipeStep.Hold h ? new RecipeStep.Hold(h.targetPa(), h.tolerancePa(), holdS, h.conditions(), h.measureEvery(), h.measureEveryS(), h.measureAtEnd()) : s);
            }
            recipe = new Recipe(recipe.name(), recipe.version(), recipe.description(), recipe.maxPressurePa(), steps);
        }

        VirtualTimeSource time = TimeSources.virtual(java.time.Instant.now());
        SimSpec spec = SimSpec.defaults(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS).id("sim-press-1").seed(seed);
        spec.cell().diameterM(cellMm * 1e-3);
        spec.hydraulics().initialGapM(50e-6);
        SimulatedDevice press = SimulatedDevices.create(time, spec);
        StandaloneStation station;
        try {
            station = Stations.create(StationSpec.of("cli-station").description("presslab-cli on a simulated press")
                    .cellDiameterMm(cellMm).fixtureRatingMPa(ratingMPa).loopRateHz(loopHz)
                    .driverFilter("(presslab.driver.id=sim-press-1)").historyS(0), time);
        } catch (IllegalArgumentException e) {
            err.println("presslab-cli: " + e.getMessage());
            return 2;
        }
        station.addListener(new StationListener() {
            @Override
            public void onEvent(StationEvent e) {
                if (e.type() == StationEventType.STEP_STARTED || e.type() == StationEventType.STEP_COMPLETED || e.type() == StationEventType.INTERLOCK_TRIPPED
                        || e.type().name().startsWith("RECIPE_") || e.type() == StationEventType.TOLERANCE_EXCURSION
                        || e.type() == StationEventType.COMMAND_REFUSED) {
                    out.printf(Locale.ROOT, "%s  >> %s%n", clock(time), e.message());
                }
            }
        });
        station.start();
        station.bindDriver(press);
        time.advanceSeconds(0.5);

        out.printf(Locale.ROOT, "Recipe '%s' v%d on %s, %.1f mm cell (%.2f mm²), fixture rating %.0f MPa, loop %.0f Hz, speed %s%n",
                recipe.name(), recipe.version(), press.info().model().isEmpty() ? "a simulated automatic hydraulic press" : press.info().model(),
                cellMm, station.config().cellAreaM2() * 1e6, ratingMPa, loopHz,
                Double.isInfinite(speed) ? "max" : String.format(Locale.ROOT, "%sx", speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed)));
        DryRunReport report = station.dryRun(recipe);
        if (!report.ok()) {
            err.println("presslab-cli: the dry run refuses the recipe:");
            report.violations().forEach(v -> err.println("  - " + v));
            return 4;
        }
        out.printf(Locale.ROOT, "Dry run OK: %d steps, about %s%n", recipe.steps().size(), hms(report.estimatedSeconds()));
        if (dryRun) {
            return 0;
        }
        RecipeRun run;
        try {
            run = station.start(recipe);
        } catch (CommandRefusedException e) {
            err.println("presslab-cli: " + e.getMessage());
            return 4;
        }
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            run.abort("interrupted (Ctrl-C)");
        });
        Runtime.getRuntime().addShutdownHook(hook);

        long step = 10_000_000L;
        time.advanceNanos(step);
        long wall0 = System.nanoTime();
        long virt0 = time.nanoTime();
        long nextPrint = wall0;
        while (!run.state().isFinished() && !interrupted.get()) {
            time.advanceNanos(step);
            if (!Double.isInfinite(speed)) {
                long due = wall0 + (long) ((time.nanoTime() - virt0) / speed);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                }
            }
            if (System.nanoTime() >= nextPrint) {
                nextPrint += 1_000_000_000L;
                out.println(progress(time, station, run));
            }
        }
        time.advanceSeconds(0.1);
        out.println(progress(time, station, run));
        out.printf(Locale.ROOT, "Recipe %s after %s of simulated time: %s%n", run.state(), hms((time.nanoTime() - virt0) / 1e9),
                run.message().isEmpty() ? "" : run.message());
        if (!interrupted.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // fine
            }
        }
        station.close();
        return run.state() == RecipeRun.State.COMPLETED ? 0 : 1;
    }

    static String progress(VirtualTimeSource time, StandaloneStation station, RecipeRun run) {
        StationStatus st = station.status();
        int idx = Math.min(run.stepIndex(), run.recipe().steps().size() - 1);
        RecipeStep s = run.recipe().steps().get(idx);
        double stepLeft = run.state().isFinished() ? 0 : stepLeft(s, run.stepElapsedS(), st.pressurePa());
        return String.format(Locale.ROOT, "%s  step %d/%d %-36s  p %8.3f MPa  sp %8.3f MPa  step left %9s  total left %9s  %s",
                clock(time), idx + 1, run.recipe().steps().size(), s.describe(), st.pressurePa() / 1e6, st.setpointPa() / 1e6,
                hms(stepLeft), hms(run.remainingS()), run.state() == RecipeRun.State.RUNNING ? st.state() : run.state());
    }

    static double stepLeft(RecipeStep s, double elapsed, double p) {
        if (s instanceof RecipeStep.Ramp r) {
            return Math.abs(r.targetPa() - p) / r.ratePaPerS();
        } else if (s instanceof RecipeStep.Release r) {
            return Math.abs(r.targetPa() - p) / r.ratePaPerS();
        } else if (s instanceof RecipeStep.Dwell d) {
            return Math.max(0, d.durationS() - elapsed);
        } else if (s instanceof RecipeStep.Hold h) {
            return Math.max(0, h.durationS() - elapsed);
        }
        return Double.NaN;
    }

    static String clock(VirtualTimeSource time) {
        return "[" + hms(time.nanoTime() / 1e9) + "]";
    }

    static String hms(double s) {
        if (Double.isNaN(s)) {
            return "?";
        }
        long t = Math.round(s);
        return String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60);
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + opt + " needs a value");
        }
        return args[i];
    }

    private static double positive(String v, String opt) {
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("option " + opt + " must be a positive number, was '" + v + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + opt + " must be a number, was '" + v + "'");
        }
    }
}
