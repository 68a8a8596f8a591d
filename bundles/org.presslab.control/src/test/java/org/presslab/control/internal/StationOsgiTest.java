package org.presslab.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.presslab.control.api.EisSettings;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeRun;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationState;
import org.presslab.control.api.StationStatus;

/**
 * The station component's DS lifecycle under real SCR (embedded Felix with SCR and Config Admin, the
 * real time source and the simulated press): station configured before its driver exists and after,
 * driver bundle stopped and started under a hold. Each time the loop must run (loop rate, an output)
 * and a ramp must arrive: the container failure "RAMPING, output NaN, loop rate NaN" must not happen.
 */
class StationOsgiTest {

    @TempDir
    Path storage;

    private static String jar(String namePart) {
        // "org.presslab.impedance" must not pick org.presslab.impedance.api-0.1.0.jar: a jar is the name, a dash, a version
        String prefix = namePart.endsWith("-") ? namePart : namePart + "-";
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(e);
            String n = f.getName();
            boolean jarMatch = n.startsWith(prefix) && n.length() > prefix.length() && Character.isDigit(n.charAt(prefix.length()));
            if ((!f.isDirectory() && jarMatch) || (f.isDirectory() && f.getPath().contains("/" + namePart + "/"))) {
                return f.isDirectory() ? "reference:" + f.toURI() : f.toURI().toString();
            }
        }
        throw new IllegalStateException("not on the test classpath: " + namePart);
    }

    private static boolean await(BooleanSupplier c, long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < end) {
            if (c.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return c.getAsBoolean();
    }

    private static Station station(BundleContext ctx, String id) {
        try {
            var refs = ctx.getServiceReferences(Station.class, "(" + Station.PROP_ID + "=" + id + ")");
            return refs.isEmpty() ? null : ctx.getService(refs.iterator().next());
        } catch (Exception e) {
            return null;
        }
    }

    private static Object configure(Object cm, String factoryPid, Map<String, Object> props) throws Exception {
        Object config = cm.getClass().getMethod("createFactoryConfiguration", String.class, String.class)
                .invoke(cm, factoryPid, "?");
        config.getClass().getMethod("update", Dictionary.class).invoke(config, new Hashtable<>(props));
        return config;
    }

    /** Ramps to 2 MPa and checks that the loop ran it: the signature of a stopped loop is output and loop rate NaN. */
    private static void rampArrives(Station s) throws Exception {
        assertTrue(await(() -> !Double.isNaN(s.status().pressurePa()), 10_000), "readings: " + s.status());
        s.ramp(2e6, 5e6);
        boolean held = await(() -> s.status().state() == StationState.HOLDING
                && Math.abs(s.status().pressurePa() - 2e6) < 0.2e6, 30_000);
        StationStatus st = s.status();
        assertTrue(held, "the ramp arrives: " + st);
        // The loop rate is measured over whole seconds; a 2 MPa ramp may arrive within the station's first second.
        assertTrue(await(() -> s.status().loopRateHz() > 10, 3_000), "the loop runs: " + s.status());
        assertTrue(Double.isFinite(st.output()), "the loop commands: " + st);
    }

    @Test
    void stationsBindRunAndRebindInEveryActivationOrder() throws Exception {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        Framework framework = factory.newFramework(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                // the test sees stations through the control API, shared with the framework, as is logging
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.presslab.control.api;version=1.2.0,"
                        + "org.presslab.press.api;version=2.0.0,org.slf4j;version=1.7.36,org.slf4j;version=2.0.9"));
        framework.start();
        try {
            BundleContext ctx = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String b : new String[] { jar("org.osgi.util.function"), jar("org.osgi.util.promise"),
                    jar("org.osgi.service.component-"), jar("org.apache.felix.scr"), jar("org.apache.felix.configadmin"),
                    jar("jackson-core"), jar("jackson-annotations"), jar("jackson-databind"), jar("org.presslab.time"),
                    jar("commons-math3"), jar("org.presslab.impedance.api"), jar("org.presslab.impedance"),
                    jar("org.presslab.analyzer.api"), jar("org.presslab.analyzer.sim"),
                    jar("org.presslab.press.sim"), "reference:" + new File("target/classes").toURI() }) {
                bundles.add(ctx.installBundle(b));
            }
            for (Bundle b : bundles) {
                b.start();
            }
            Bundle sim = bundles.get(bundles.size() - 2);
            ServiceReference<?> cmRef = null;
            for (int i = 0; i < 250 && cmRef == null; i++) {
                ServiceReference<?>[] all = ctx.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
                cmRef = all == null ? null : all[0];
                Thread.sleep(20);
            }
            assertNotNull(cmRef, "Config Admin runs");
            Object cm = ctx.getService(cmRef);

            // 1. Station first, driver later: activate, then bind.
            configure(cm, StationComponent.PID, Map.of("id", "first", "fixtureRatingMPa", 100.0,
                    "driver.target", "(presslab.driver.id=sim-a)"));
            assertTrue(await(() -> station(ctx, "first") != null, 10_000), "station registered without its driver");
            Station first = station(ctx, "first");
            assertEquals(StationState.NO_DRIVER, first.status().state());
            configure(cm, "org.presslab.press.sim.hydraulic", Map.of("presslab.driver.id", "sim-a"));
            assertTrue(await(() -> "sim-a".equals(first.status().driverId()), 10_000), "binds: " + first.status());
            rampArrives(first);

            // 2. Driver first, station later: bind during activation.
            configure(cm, "org.presslab.press.sim.hydraulic", Map.of("presslab.driver.id", "sim-b"));
            Thread.sleep(300);
            Object secondConfig = configure(cm, StationComponent.PID, Map.of("id", "second", "fixtureRatingMPa", 100.0,
                    "driver.target", "(presslab.driver.id=sim-b)"));
            assertTrue(await(() -> station(ctx, "second") != null, 10_000), "second station registered");
            Station second = station(ctx, "second");
            assertTrue(await(() -> "sim-b".equals(second.status().driverId()), 10_000), "binds: " + second.status());
            rampArrives(second);

            // 3. Unbind and rebind: the driver bundle stops and starts under a hold.
            sim.stop();
            assertTrue(await(() -> first.status().state() == StationState.NO_DRIVER, 5_000), "unbound: " + first.status());
            sim.start();
            assertTrue(await(() -> first.status().state() == StationState.HOLDING
                    && Math.abs(first.status().pressurePa() - 2e6) < 0.2e6, 30_000), "resumed: " + first.status());
            assertTrue(Double.isFinite(first.status().output()), "the loop commands after the rebind: " + first.status());
            assertTrue(await(() -> second.status().state() == StationState.HOLDING, 30_000), "both: " + second.status());

            // 4. Impedance (#9): a simulated analyzer on sim-b's cell, given to the running station by a configuration
            // update (analyzer.target), fitted by the impedance bundle's CircuitFitter service, all through DS.
            configure(cm, "org.presslab.analyzer.sim", Map.of("presslab.analyzer.id", "eis-b", "driverId", "sim-b",
                    "minPointS", 0.02));
            secondConfig.getClass().getMethod("update", Dictionary.class).invoke(secondConfig, new Hashtable<>(Map.of(
                    "id", "second", "fixtureRatingMPa", 100.0, "driver.target", "(presslab.driver.id=sim-b)",
                    "analyzer.target", "(presslab.analyzer.id=eis-b)")));
            List<StationEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
            ctx.registerService(StationListener.class, new StationListener() {
                @Override
                public void onEvent(StationEvent e) {
                    events.add(e);
                }
            }, new Hashtable<>(Map.of(StationListener.PROP_STATION, "second")));
            Recipe eis = new Recipe("eis", 1, "", 10e6, List.of(new RecipeStep.MeasureEis(
                    new EisSettings(1e6, 10, 4, 0.01, EisSettings.DEFAULT_CIRCUIT, false, 60), List.of())));
            assertTrue(await(() -> second.dryRun(eis).ok(), 10_000), "analyzer and fitter bound: " + second.dryRun(eis).violations());
            RecipeRun run = second.start(eis);
            assertTrue(await(() -> run.state().isFinished(), 30_000), "measured: " + run.state() + " " + run.message());
            assertEquals(RecipeRun.State.COMPLETED, run.state(), run.message());
            assertTrue(await(() -> events.stream().anyMatch(e -> e.type() == StationEventType.SPECTRUM_MEASURED), 5_000));
            StationEvent spectrum = events.stream().filter(e -> e.type() == StationEventType.SPECTRUM_MEASURED).findFirst().get();
            assertTrue(String.valueOf(spectrum.properties().get("analyzer")).contains("eis-b"), spectrum.properties().toString());
            assertNotNull(spectrum.properties().get("fit"), "fitted by the CircuitFitter service");
            assertEquals(2e6, (Double) spectrum.properties().get("pressurePa"), 0.2e6);
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }
}
