package com.example.presslab.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;

class AcmeServoPressDriverTest {

    private final AcmeServoPressDevice device = new AcmeServoPressDevice(System::nanoTime, 20e6, 0.0005, 49_030, 1.0, "T-1");
    private final AcmeServoPressDriver driver = new AcmeServoPressDriver(
            new AcmeServoPressDriver.Settings("acme-t", 49_030, 100, 50, 200), new SimulatedAcmeLink(device, 200),
            System::nanoTime);

    @AfterEach
    void close() {
        driver.close();
    }

    private Reading awaitReading(java.util.function.Predicate<Reading> p, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Reading r = driver.read();
        while (!p.test(r) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
            r = driver.read();
        }
        return r;
    }

    @Test
    void reachesAForceSetpointThroughTheFirmwareLoop() throws Exception {
        driver.start();
        driver.command(ActuatorCommand.force(5_806)); // 74 MPa on a 10 mm pellet
        Reading r = awaitReading(x -> x.quality() == Quality.GOOD && Math.abs(x.forceN() - 5_806) < 20, 10_000);
        assertEquals(5_806, r.forceN(), 20, "force in newtons");
        assertTrue(r.positionM() > 0 && r.positionM() < 0.001, "position in metres, was " + r.positionM());
        assertEquals("T-1", driver.info().serial(), "serial read from the controller's ID? answer");
        assertEquals(ConnectionState.CONNECTED, driver.health().state());
    }

    @Test
    void refusesASetpointAboveTheRating() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> driver.command(ActuatorCommand.force(60_000)));
        assertTrue(e.getMessage().contains("60.000 kN outside 0..49.030 kN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> driver.command(ActuatorCommand.pressure(1e6)));
    }

    @Test
    void aSilentControllerMakesReadingsStaleWithTheirOriginalTime() throws Exception {
        driver.start();
        Reading good = awaitReading(x -> x.quality() == Quality.GOOD, 5_000);
        assertEquals(Quality.GOOD, good.quality());
        device.setAnswering(false);
        Reading stale = awaitReading(x -> x.quality() == Quality.STALE, 5_000);
        assertEquals(Quality.STALE, stale.quality());
        assertTrue(stale.timeNanos() >= good.timeNanos() && stale.timeNanos() < System.nanoTime() - 100_000_000L,
                "a stale reading keeps its measurement time");
        assertEquals(ConnectionState.DISCONNECTED, driver.health().state());
        assertTrue(driver.health().message().contains("no answer from the SP-5T"), driver.health().message());
        assertTrue(driver.health().counters().get("timeouts") > 0);

        device.setAnswering(true);
        Reading back = awaitReading(x -> x.quality() == Quality.GOOD && x.sequence() > stale.sequence(), 5_000);
        assertEquals(Quality.GOOD, back.quality());
    }

    @Test
    void theFirmwareWatchdogBrakesWhenTheHostStopsTalking() throws Exception {
        // No driver thread here: talk to the device directly, then go quiet.
        device.handle("SPV 1.0");
        Thread.sleep(300);
        double moving = device.trueForceN();
        Thread.sleep(1300); // watchdog 1 s
        double braked = device.trueForceN();
        Thread.sleep(300);
        assertEquals(braked, device.trueForceN(), 1e-9, "no motion after the watchdog braked");
        assertTrue(braked >= moving);
    }

    @Test
    void closeLeavesThePressHolding() throws Exception {
        driver.start();
        driver.command(ActuatorCommand.force(2_000));
        awaitReading(x -> Math.abs(x.forceN() - 2_000) < 20, 10_000);
        driver.close();
        assertEquals(java.util.Optional.of(SafeAction.HOLD), driver.safeState());
        double f = device.trueForceN();
        Thread.sleep(200);
        assertEquals(f, device.trueForceN(), 1.0, "the press holds its load after the driver closed");
    }
    @Test
    void closeKeepsALatchedStopOrVent() throws Exception {
        driver.start();
        driver.command(ActuatorCommand.force(2_000));
        awaitReading(x -> Math.abs(x.forceN() - 2_000) < 20, 10_000);
        driver.enterSafeState(SafeAction.STOP);
        long deadline = System.currentTimeMillis() + 2_000;
        while (!device.mode().equals("STOP") && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("STOP", device.mode());
        driver.close();
        assertEquals(java.util.Optional.of(SafeAction.STOP), driver.safeState(), "a latched STOP is not downgraded to HOLD");
        assertEquals("STOP", device.mode(), "the controller stays stopped");
    }

    @Test
    void closeKeepsAVentInForce() throws Exception {
        driver.start();
        awaitReading(x -> x.quality() == Quality.GOOD, 5_000);
        driver.enterSafeState(SafeAction.VENT);
        driver.close();
        assertEquals(java.util.Optional.of(SafeAction.VENT), driver.safeState());
        assertEquals("VENT", device.mode(), "VENT reached the controller and stays");
    }

    @Test
    void nonFiniteForceIsAFaultNeverGood() throws Exception {
        driver.start();
        awaitReading(x -> x.quality() == Quality.GOOD, 5_000);
        for (String text : new String[] {"nan", "NaN", "inf", "-inf", "Infinity"}) {
            device.setForceText(text);
            long seq = driver.read().sequence();
            Reading r = awaitReading(x -> x.sequence() > seq + 1, 5_000);
            assertEquals(Quality.FAULT, r.quality(), text + ": " + r);
            assertTrue(!Double.isFinite(r.forceN()), text + " read as " + r.forceN());
            assertEquals(ConnectionState.FAULT, driver.health().state());
            assertTrue(driver.health().message().contains("non-finite"), driver.health().message());
            device.setForceText(null);
            Reading back = awaitReading(x -> x.quality() == Quality.GOOD, 5_000);
            assertEquals(Quality.GOOD, back.quality());
        }
    }
}
