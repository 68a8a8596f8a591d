package org.presslab.press.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.presslab.press.api.PressDriver;

class ConformanceKitTest {

    /** Short settle time and fewer calls: the toy driver answers within 100 ms. */
    private static final ConformanceKit KIT = ConformanceKit.defaults().withSettleTime(Duration.ofSeconds(1)).withCalls(2000);

    private static DriverFixture fixture(Set<ToyDriver.Fault> faults) {
        return new DriverFixture() {
            private ToyDriver toy;

            @Override
            public String name() {
                return "toy " + faults;
            }

            @Override
            public PressDriver start() {
                toy = new ToyDriver(faults);
                return toy;
            }

            @Override
            public void stop(PressDriver driver) {
                toy.close();
            }

            @Override
            public Optional<DeviceLink> link() {
                return Optional.of(new DeviceLink() {
                    @Override
                    public void silence() {
                        toy.setSilent(true);
                    }

                    @Override
                    public void restore() {
                        toy.setSilent(false);
                    }
                });
            }
        };
    }

    @Test
    void aConformingDriverPasses() {
        ConformanceReport report = KIT.run(fixture(Set.of()));
        report.assertPassed();
        for (String id : new String[] {"start", "identity", "ranges", "capabilities", "first-reading", "readings",
                "non-blocking", "refuses-over-rating", "safe-state", "device-silent", "stop-releases"}) {
            assertEquals(CheckResult.Status.PASS, report.result(id).orElseThrow().status(), report.format());
        }
        assertEquals(CheckResult.Status.SKIP, report.result("service-properties").orElseThrow().status());
        assertTrue(report.format().contains("Result: PASSED"), report.format());
    }

    static java.util.stream.Stream<Arguments> faults() {
        return java.util.stream.Stream.of(
                Arguments.of(ToyDriver.Fault.BLOCKING_READ, "non-blocking", "read()"),
                Arguments.of(ToyDriver.Fault.PRESSURE_IN_MPA, "ranges", "pascals"),
                Arguments.of(ToyDriver.Fault.FRESH_WHEN_SILENT, "device-silent", "STALE"),
                Arguments.of(ToyDriver.Fault.LEAKS_THREAD, "stop-releases", "toy-driver-acquisition"),
                Arguments.of(ToyDriver.Fault.ACCEPTS_OVER_RATING, "refuses-over-rating", "was accepted"),
                Arguments.of(ToyDriver.Fault.LAZY_SAFE_STATE, "safe-state", "at once"),
                Arguments.of(ToyDriver.Fault.UNMEASURED_NOT_NAN, "readings", "temperatureK"));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("faults")
    void eachMistakeFailsItsCheck(ToyDriver.Fault fault, String check, String says) {
        ConformanceReport report = KIT.run(fixture(EnumSet.of(fault)));
        assertFalse(report.passed(), report.format());
        CheckResult r = report.result(check).orElseThrow();
        assertEquals(CheckResult.Status.FAIL, r.status(), report.format());
        assertTrue(r.detail().contains(says), r.detail());
        AssertionError e = assertThrows(AssertionError.class, report::assertPassed);
        assertTrue(e.getMessage().contains("Result: FAILED"), e.getMessage());
    }

    @Test
    void aDriverThatNeverReturnsCannotHangTheKit() {
        ConformanceReport report = ConformanceKit.defaults().withSettleTime(Duration.ofMillis(300)).withCalls(100)
                .run(new DriverFixture() {
                    @Override
                    public PressDriver start() throws Exception {
                        Thread.sleep(60_000);
                        return null;
                    }

                    @Override
                    public void stop(PressDriver driver) {
                    }
                });
        assertEquals(CheckResult.Status.FAIL, report.result("start").orElseThrow().status());
        assertTrue(report.result("start").orElseThrow().detail().contains("did not finish"), report.format());
    }
}
