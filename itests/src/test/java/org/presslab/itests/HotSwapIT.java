package org.presslab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationEvent;
import org.presslab.control.api.StationEventType;
import org.presslab.control.api.StationListener;
import org.presslab.control.api.StationSample;
import org.presslab.control.api.StationState;
import org.presslab.control.api.StationStatus;
import org.presslab.press.api.PressDriver;
import org.presslab.time.TimeSource;

/**
 * Hot-swap of a driver bundle while station cell1 holds 15 MPa: the station goes to its safe state
 * (NO_DRIVER) at once, says so in its status and events, marks the gap in its recording, rebinds by
 * itself when the bundle comes back and holds 15 MPa again. Nothing outside the driver's bundle is
 * deactivated. Prints the control gap, the pressure excursion and the time back to holding.
 */
@RunWith(PresslabExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends PresslabTestSupport {

    private static final double HOLD_PA = 15 * MPA;
    /** Tolerance of the resumed hold. */
    private static final double TOLERANCE_PA = 0.5 * MPA;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void driverBundleStopAndStartDuringA15MPaHold() throws Exception {
        Station cell1 = station("cell1", 30_000);
        assertTrue("cell1 binds sim-press-1: " + cell1.status(),
                waitFor(() -> cell1.status().state() != StationState.NO_DRIVER, 15_000));
        assertNotTrippedAtBoot(cell1);
        double loopPeriodMs = 1000.0 / cell1.config().loopRateHz();

        List<StationEvent> events = new CopyOnWriteArrayList<>();
        List<StationSample> samples = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(StationListener.PROP_STATION, "cell1");
        ServiceRegistration<StationListener> listener = context.registerService(StationListener.class, new StationListener() {
            @Override
            public void onSample(StationSample sample) {
                samples.add(sample);
            }

            @Override
            public void onEvent(StationEvent event) {
                events.add(event);
            }
        }, props);
        try {
            // 1. Hold 15 MPa.
            cell1.ramp(HOLD_PA, Math.min(5 * MPA, cell1.config().maxRatePaPerS()));
            assertTrue("cell1 holds 15 MPa: " + cell1.status(), waitForStableHold(cell1, 60_000));

            // 2. Snapshot everything that could be deactivated, then stop the driver's bundle.
            ServiceReference<PressDriver> driverRef = context
                    .getServiceReferences(PressDriver.class, "(presslab.driver.id=sim-press-1)").iterator().next();
            Bundle driverBundle = driverRef.getBundle();
            long driverBundleId = driverBundle.getBundleId();
            Map<String, Integer> before = componentStates(driverBundleId);
            AtomicInteger unregisteredOutside = new AtomicInteger();
            List<String> outsideEvents = new CopyOnWriteArrayList<>();
            // The station stamps its events with the platform's TimeSource; take the unregistration on the same clock.
            TimeSource clock = service(TimeSource.class);
            assertNotNull("the platform's TimeSource", clock);
            ServiceListener serviceWatch = e -> {
                if (e.getType() == ServiceEvent.UNREGISTERING
                        && e.getServiceReference().getProperty("component.name") != null
                        && e.getServiceReference().getBundle() != null
                        && e.getServiceReference().getBundle().getBundleId() != driverBundleId) {
                    unregisteredOutside.incrementAndGet();
                    outsideEvents.add("service of " + e.getServiceReference().getProperty("component.name") + " unregistered");
                }
            };
            BundleListener bundleWatch = e -> {
                if (e.getBundle().getBundleId() != driverBundleId
                        && (e.getType() == BundleEvent.STOPPING || e.getType() == BundleEvent.UNRESOLVED)) {
                    outsideEvents.add("bundle " + e.getBundle().getSymbolicName() + " event " + e.getType());
                }
            };
            context.addServiceListener(serviceWatch);
            context.addBundleListener(bundleWatch);

            java.time.Instant stopInstant = java.time.Instant.now();
            // Stamped just before the stop: SCR unregisters the driver service first and the station
            // makes the device safe in its unbind, so this bounds the whole path from above.
            java.time.Instant stopRequestedAt = clock.now();
            long stopAt = System.nanoTime();
            driverBundle.stop();
            assertTrue("cell1 enters NO_DRIVER when its driver goes: " + cell1.status(),
                    waitFor(() -> cell1.status().state() == StationState.NO_DRIVER, 2_000));
            double bundleStopMs = (System.nanoTime() - stopAt) / 1e6;
            StationStatus lost = cell1.status();
            assertNotNull(lost.message());
            assertFalse("the status says why: " + lost, lost.message().isBlank());

            Thread.sleep(2_000); // the device stays away for 2 s

            assertTrue("DRIVER_LOST event: " + types(events), waitFor(() -> has(events, StationEventType.DRIVER_LOST), 2_000));
            // Safe state: from the stop request to the station's own DRIVER_LOST record (written in its unbind,
            // after it put the device in HOLD), both stamped by the platform's TimeSource; no polling involved.
            StationEvent lostEvent = events.stream().filter(ev -> ev.type() == StationEventType.DRIVER_LOST).findFirst().orElseThrow();
            double stopToSafeMs = java.time.Duration.between(stopRequestedAt, lostEvent.time()).toNanos() / 1e6;
            Object stationSafeNanos = lostEvent.properties().get("safeStateAfterNanos");
            assertTrue("DRIVER_LOST carries the station's own safe-state time: " + lostEvent.properties(), stationSafeNanos instanceof Long);
            double safeStateMs = (Long) stationSafeNanos / 1e6;
            // The station's part: from its unbind (the moment it learns of the loss) to the device in HOLD.
            assertTrue("safe state within one loop period (" + loopPeriodMs + " ms) of the driver loss, took " + safeStateMs
                    + " ms", safeStateMs <= loopPeriodMs);
            // The framework's part comes on top: stop request, SCR disposing the driver, unregistration, unbind.
            assertTrue("safe state " + stopToSafeMs + " ms after the stop request (whole bundle stop " + bundleStopMs + " ms)",
                    stopToSafeMs >= 0 && stopToSafeMs <= 10 * loopPeriodMs);
            assertTrue("GAP_STARTED event: " + types(events), has(events, StationEventType.GAP_STARTED));
            assertTrue("the recording marks the gap", cell1.history(3).stream().anyMatch(StationSample::gap));

            // 3. The driver comes back: rebind, then hold 15 MPa again.
            long startAt = System.nanoTime();
            driverBundle.start();
            assertTrue("cell1 rebinds by itself: " + cell1.status(),
                    waitFor(() -> cell1.status().state() != StationState.NO_DRIVER, 10_000));
            double rebindMs = (System.nanoTime() - startAt) / 1e6;
            assertTrue("cell1 resumes its 15 MPa hold (rebindPolicy RESUME): " + cell1.status(),
                    waitForStableHold(cell1, 90_000));
            double holdingAgainS = (System.nanoTime() - startAt) / 1e9 - 1.0; // minus the 1 s stability window
            assertTrue("GAP_ENDED event: " + types(events), waitFor(() -> has(events, StationEventType.GAP_ENDED), 2_000));
            assertTrue("DRIVER_BOUND event: " + types(events), has(events, StationEventType.DRIVER_BOUND));

            context.removeServiceListener(serviceWatch);
            context.removeBundleListener(bundleWatch);

            // 4. Nothing outside the driver's bundle was deactivated.
            Map<String, Integer> after = componentStates(driverBundleId);
            List<String> changed = changedComponents(before, after);
            int deactivationsOutside = changed.size() + unregisteredOutside.get();

            // 5. Figures: control gap and pressure excursion, from the station's own recording.
            double gapS = gapSeconds(samples);
            double excursionPa = 0;
            for (StationSample s : samples) {
                if (!s.gap() && !Double.isNaN(s.pressurePa()) && !s.time().isBefore(stopInstant)) {
                    excursionPa = Math.max(excursionPa, Math.abs(s.pressurePa() - HOLD_PA));
                }
            }
            double excursionAfterHoldPa = maxExcursionOfLastSeconds(cell1, 1.0);
            System.out.printf("[presslab-itests] hot-swap: safe state %.3f ms after the station lost its driver, %.1f ms after"
                    + " the stop request (loop period %.1f ms); control gap %.2f s; "
                    + "rebind %.0f ms after bundle start; holding 15 MPa again %.2f s after bundle start; "
                    + "largest pressure excursion during the swap %.2f MPa; in the last 1 s %.3f MPa; "
                    + "component deactivations outside the driver bundle: %d%n",
                    safeStateMs, stopToSafeMs, loopPeriodMs, gapS, rebindMs, holdingAgainS, excursionPa / MPA, excursionAfterHoldPa / MPA,
                    deactivationsOutside);

            assertEquals("deactivations outside " + driverBundle.getSymbolicName() + ": " + changed + " " + outsideEvents,
                    0, deactivationsOutside);
            assertTrue("outside events: " + outsideEvents, outsideEvents.isEmpty());
            assertTrue("the recording has a gap of at least the 2 s the device was away, got " + gapS, gapS >= 1.5);
            assertTrue("the resumed hold is within ±0.5 MPa, off by " + excursionAfterHoldPa / MPA + " MPa",
                    excursionAfterHoldPa <= TOLERANCE_PA);
            // The press kept its load while no driver talked to it (HOLD), so the station resumes at
            // 15 MPa instead of ramping up again from an unloaded cell.
            assertTrue("the cell stays loaded through the swap: largest excursion " + excursionPa / MPA + " MPa",
                    excursionPa <= TOLERANCE_PA);
            assertTrue("holding again within 5 s of the bundle start, took " + holdingAgainS + " s", holdingAgainS <= 5);
        } finally {
            listener.unregister();
        }
    }

    /** Waits until the station is HOLDING at 15 MPa within tolerance for a full second. */
    private static boolean waitForStableHold(Station s, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long inBandSince = -1;
        while (System.currentTimeMillis() < deadline) {
            StationStatus st = s.status();
            boolean inBand = st.state() == StationState.HOLDING && Math.abs(st.pressurePa() - HOLD_PA) <= TOLERANCE_PA;
            long now = System.currentTimeMillis();
            if (!inBand) {
                inBandSince = -1;
            } else if (inBandSince < 0) {
                inBandSince = now;
            } else if (now - inBandSince >= 1_000) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static double maxExcursionOfLastSeconds(Station s, double seconds) {
        return s.history(seconds).stream().filter(x -> !x.gap() && !Double.isNaN(x.pressurePa()))
                .mapToDouble(x -> Math.abs(x.pressurePa() - HOLD_PA)).max().orElse(Double.NaN);
    }

    /** Length of the longest run of gap samples, from the first gap sample to the first sample after it. */
    private static double gapSeconds(List<StationSample> samples) {
        double longest = 0;
        long gapStart = -1;
        for (StationSample s : samples) {
            if (s.gap() && gapStart < 0) {
                gapStart = s.timeNanos();
            } else if (!s.gap() && gapStart >= 0) {
                longest = Math.max(longest, (s.timeNanos() - gapStart) / 1e9);
                gapStart = -1;
            }
        }
        return longest;
    }

    private static boolean has(List<StationEvent> events, StationEventType type) {
        return events.stream().anyMatch(e -> e.type() == type);
    }

    private static String types(List<StationEvent> events) {
        return events.stream().map(e -> e.type().name()).collect(Collectors.joining(",", "[", "]"));
    }
}
