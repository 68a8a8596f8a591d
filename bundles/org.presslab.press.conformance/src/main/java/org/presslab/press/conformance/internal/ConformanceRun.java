package org.presslab.press.conformance.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.Capability;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.DeviceHealth;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Quality;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.press.conformance.CheckResult;
import org.presslab.press.conformance.CheckResult.Status;
import org.presslab.press.conformance.ConformanceReport;
import org.presslab.press.conformance.DeviceLink;
import org.presslab.press.conformance.DriverFixture;

/** One run of the checks against one fixture. Not thread-safe; used once. */
public final class ConformanceRun {

    /** Prefix of the kit's own threads, which the thread-leak check ignores. */
    static final String PROBE_THREAD = "presslab-conformance-probe";

    private final DriverFixture fixture;
    private final LongSupplier clock;
    private final Duration settle;
    private final long p99BudgetNanos;
    private final long maxBudgetNanos;
    private final int calls;
    private final List<CheckResult> results = new ArrayList<>();
    private PressDriver driver;
    private String subject;

    public ConformanceRun(DriverFixture fixture, LongSupplier clock, Duration settle, Duration callP99, Duration callMax,
            int calls) {
        this.fixture = fixture;
        this.clock = clock;
        this.settle = settle;
        this.p99BudgetNanos = callP99.toNanos();
        this.maxBudgetNanos = callMax.toNanos();
        this.calls = calls;
        this.subject = fixture.name();
    }

    public ConformanceReport run() {
        Set<Thread> before = liveThreads();
        Optional<PressDriver> started = check("start", "the fixture starts the driver", settle.multipliedBy(2), () -> {
            long t0 = System.nanoTime();
            PressDriver d = fixture.start();
            if (d == null) {
                return fail("the fixture returned no driver");
            }
            driver = d;
            return pass("started in " + ms(System.nanoTime() - t0));
        }).map(r -> driver);
        if (started.isEmpty()) {
            return new ConformanceReport(subject, results);
        }
        subject = safe(() -> driver.id() + ": " + driver.info().vendor() + " " + driver.info().model() + " ("
                + driver.info().kind() + ") via " + fixture.name(), fixture.name());

        check("identity", "id, vendor, model, kind and a sensing capability", settle, this::identity);
        check("service-properties", "service properties match the driver", settle, this::serviceProperties);
        check("ranges", "ranges and ratings present, finite and plausible in SI units", settle, this::ranges);
        check("capabilities", "capabilities match actuator and temperature control", settle, this::capabilities);
        check("first-reading", "read() never null; a usable reading within the settle time", settle.multipliedBy(2),
                this::firstReading);
        check("readings", "readings in SI units, in range, with monotonic sequence and time", settle.multipliedBy(2),
                this::readings);
        check("non-blocking", "read(), health(), info(), command() return within the call budget",
                settle.multipliedBy(6).plusSeconds(15),
                this::nonBlocking);
        check("refuses-over-rating", "setpoints above the rating and unsupported modes are refused", settle,
                this::refusesOverRating);
        check("safe-state", "every safe action takes effect at once; a command leaves it", settle, this::safeState);
        check("device-silent", "silent device: STALE with original time, health DISCONNECTED/FAULT, nothing blocks",
                settle.multipliedBy(4), this::deviceSilent);
        Set<Thread> during = liveThreads();
        check("stop-releases", "stop returns, the driver's threads end, nothing is left over", settle.multipliedBy(3),
                () -> stopReleases(before, during));
        return new ConformanceReport(subject, results);
    }

    // ---- the checks --------------------------------------------------------------------------

    private CheckResult identity() {
        List<String> problems = new ArrayList<>();
        String id = driver.id();
        if (id == null || id.isBlank()) {
            problems.add("id() is empty");
        }
        DeviceInfo info = driver.info();
        if (info == null) {
            return fail("info() returned null");
        }
        if (info.vendor().isBlank()) {
            problems.add("info().vendor() is empty");
        }
        if (info.model().isBlank()) {
            problems.add("info().model() is empty");
        }
        Set<Capability> caps = driver.capabilities();
        if (caps == null || caps.isEmpty()) {
            problems.add("capabilities() is empty");
        } else if (Collections.disjoint(caps, EnumSet.of(Capability.SENSE_FORCE, Capability.SENSE_PRESSURE))) {
            problems.add("no SENSE_FORCE or SENSE_PRESSURE: control cannot use a device that measures neither");
        }
        if (!problems.isEmpty()) {
            return fail(String.join("\n", problems));
        }
        return pass("id " + id + ", " + info.vendor() + " " + info.model() + ", " + info.kind() + ", capabilities "
                + caps.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
    }

    private CheckResult serviceProperties() {
        Optional<Map<String, Object>> props = fixture.serviceProperties(driver);
        if (props.isEmpty()) {
            return new CheckResult("", "", Status.SKIP, "not an OSGi service in this fixture");
        }
        Map<String, Object> p = props.get();
        List<String> problems = new ArrayList<>();
        Object id = p.get(PressDriver.PROP_ID);
        if (!driver.id().equals(id)) {
            problems.add(PressDriver.PROP_ID + " is " + id + ", id() is " + driver.id());
        }
        Object kind = p.get(PressDriver.PROP_KIND);
        if (!driver.info().kind().name().equals(kind)) {
            problems.add(PressDriver.PROP_KIND + " is " + kind + ", info().kind() is " + driver.info().kind());
        }
        Set<String> declared = strings(p.get(PressDriver.PROP_CAPABILITIES));
        Set<String> actual = driver.capabilities().stream().map(Enum::name).collect(Collectors.toSet());
        if (!declared.equals(actual)) {
            problems.add(PressDriver.PROP_CAPABILITIES + " is " + declared + ", capabilities() is " + actual);
        }
        return problems.isEmpty() ? pass(PressDriver.PROP_ID + "=" + id + ", kind " + kind + ", " + declared)
                : fail(String.join("\n", problems));
    }

    private CheckResult ranges() {
        DeviceInfo i = driver.info();
        Set<Capability> caps = driver.capabilities();
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        if (caps.contains(Capability.SENSE_FORCE)) {
            if (!(i.forceRangeN() >= 1)) {
                problems.add("SENSE_FORCE but forceRangeN is " + i.forceRangeN() + " (newtons: a 5 kN cell is 5000)");
            }
            if (!(i.forceResolutionN() > 0) || !(i.forceResolutionN() < i.forceRangeN() / 10)) {
                problems.add("forceResolutionN " + i.forceResolutionN() + " must be positive and well below the range "
                        + i.forceRangeN());
            }
            seen.add(String.format(Locale.ROOT, "force range %.1f kN, resolution %.3g N", i.forceRangeN() / 1e3,
                    i.forceResolutionN()));
        }
        if (caps.contains(Capability.SENSE_PRESSURE)) {
            if (!(i.pressureRangePa() >= 1e4)) {
                problems.add("SENSE_PRESSURE but pressureRangePa is " + i.pressureRangePa() + " (pascals: 70 MPa is 7.0E7)");
            }
            seen.add(String.format(Locale.ROOT, "pressure range %.1f MPa", i.pressureRangePa() / 1e6));
        }
        if (caps.contains(Capability.ACTUATE)) {
            boolean force = i.maxForceRatingN() > 0 && Double.isFinite(i.maxForceRatingN());
            boolean pressure = i.maxPressureRatingPa() > 0 && Double.isFinite(i.maxPressureRatingPa());
            if (!force && !pressure) {
                problems.add("ACTUATE but neither maxForceRatingN nor maxPressureRatingPa is given: control needs the rating");
            }
            if (force && i.maxForceRatingN() < 1) {
                problems.add("maxForceRatingN " + i.maxForceRatingN() + " is below 1 N: newtons, not kN?");
            }
            if (pressure && i.maxPressureRatingPa() < 1e4) {
                problems.add("maxPressureRatingPa " + i.maxPressureRatingPa() + " is below 10 kPa: pascals, not MPa?");
            }
            seen.add(String.format(Locale.ROOT, "rating %s", force ? String.format(Locale.ROOT, "%.1f kN", i.maxForceRatingN() / 1e3)
                    : String.format(Locale.ROOT, "%.1f MPa", i.maxPressureRatingPa() / 1e6)));
        }
        if (caps.contains(Capability.SENSE_TEMPERATURE) || caps.contains(Capability.SET_TEMPERATURE)) {
            if (!(i.temperatureMinK() > 0 && i.temperatureMaxK() > i.temperatureMinK() && i.temperatureMaxK() < 3000)) {
                problems.add("temperature range " + i.temperatureMinK() + ".." + i.temperatureMaxK()
                        + " K is not a plausible range in kelvin (0 < min < max < 3000)");
            }
            seen.add(String.format(Locale.ROOT, "temperature %.0f..%.0f K", i.temperatureMinK(), i.temperatureMaxK()));
        }
        if (!(i.sampleRateHz() > 0) || Double.isInfinite(i.sampleRateHz())) {
            problems.add("sampleRateHz is " + i.sampleRateHz() + ": the platform needs it to judge staleness");
        } else {
            seen.add(String.format(Locale.ROOT, "%.0f Hz", i.sampleRateHz()));
        }
        return problems.isEmpty() ? pass(String.join(", ", seen)) : fail(String.join("\n", problems));
    }

    private CheckResult capabilities() {
        Set<Capability> caps = driver.capabilities();
        List<String> problems = new ArrayList<>();
        Optional<Actuator> actuator = driver.actuator();
        if (caps.contains(Capability.ACTUATE) != actuator.isPresent()) {
            problems.add("ACTUATE " + (caps.contains(Capability.ACTUATE) ? "listed" : "not listed") + " but actuator() is "
                    + (actuator.isPresent() ? "present" : "empty"));
        }
        if (caps.contains(Capability.SET_TEMPERATURE) != driver.temperatureControl().isPresent()) {
            problems.add("SET_TEMPERATURE and temperatureControl() disagree");
        }
        if (actuator.isPresent()) {
            Actuator a = actuator.get();
            if (a.modes() == null || a.modes().isEmpty()) {
                problems.add("actuator modes() is empty");
            }
            if (a.safeActions() == null || a.safeActions().isEmpty()) {
                problems.add("actuator safeActions() is empty; the contract requires at least one");
            }
        }
        if (!driver.capabilities().equals(driver.capabilities())) {
            problems.add("capabilities() changes between calls");
        }
        return problems.isEmpty() ? pass(actuator.map(a -> "actuator modes " + a.modes() + ", safe actions " + a.safeActions())
                .orElse("sense-only device")) : fail(String.join("\n", problems));
    }

    private CheckResult firstReading() throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + settle.toNanos();
        while (System.nanoTime() < deadline) {
            Reading r = driver.read();
            if (r == null) {
                return fail("read() returned null (it must return a STALE placeholder before the first measurement)");
            }
            if (r.quality().usableForControl()) {
                return pass("first usable reading after " + ms(System.nanoTime() - t0) + ": " + describe(r));
            }
            Thread.sleep(5);
        }
        Reading r = driver.read();
        return fail("no GOOD or UNSTABLE reading within " + settle.toMillis() + " ms; last " + describe(r) + ", health "
                + describeHealth(driver.health()));
    }

    private CheckResult readings() throws InterruptedException {
        DeviceInfo info = driver.info();
        Set<Capability> caps = driver.capabilities();
        double periodS = info.sampleRateHz() > 0 ? 1 / info.sampleRateHz() : 0.1;
        long windowNanos = (long) Math.max(0.5e9, 20 * periodS * 1e9);
        double maxAgeS = Math.max(1.0, 10 * periodS);
        List<String> problems = new ArrayList<>();
        Reading previous = driver.read();
        long firstSeq = previous.sequence();
        int fresh = 0;
        double maxAge = 0;
        long end = System.nanoTime() + windowNanos;
        while (System.nanoTime() < end && problems.size() < 5) {
            Reading r = driver.read();
            long now = clock.getAsLong();
            if (r.sequence() < previous.sequence()) {
                problems.add("sequence went back from " + previous.sequence() + " to " + r.sequence());
            } else if (r.sequence() == previous.sequence() && r.timeNanos() != previous.timeNanos()
                    && r.quality() == previous.quality()) {
                problems.add("same sequence " + r.sequence() + " with a different time: a new measurement needs a new sequence");
            } else if (r.sequence() > previous.sequence() && r.timeNanos() < previous.timeNanos()) {
                problems.add("time went back between sequence " + previous.sequence() + " and " + r.sequence());
            }
            if (r.quality().usableForControl()) {
                double age = (now - r.timeNanos()) / 1e9;
                maxAge = Math.max(maxAge, age);
                if (age < -0.001) {
                    problems.add(String.format(Locale.ROOT, "reading time is %.3f s in the future of the platform clock: "
                            + "stamp readings with TimeSource.nanoTime()", -age));
                } else if (age > maxAgeS) {
                    problems.add(String.format(Locale.ROOT, "a %s reading is %.3f s old (limit %.3f s): old values must be STALE",
                            r.quality(), age, maxAgeS));
                }
                if (r.sequence() != previous.sequence()) {
                    fresh++;
                    values(r, info, caps, problems);
                }
            }
            previous = r;
            Thread.sleep(Math.max(1, (long) (periodS * 250)));
        }
        if (previous.sequence() == firstSeq) {
            problems.add("no new measurement in " + ms(windowNanos) + " at a declared " + info.sampleRateHz() + " Hz");
        }
        return problems.isEmpty() ? pass(String.format(Locale.ROOT, "%d new readings in %s, max age %.1f ms, last %s", fresh,
                ms(windowNanos), maxAge * 1e3, describe(previous))) : fail(String.join("\n", new HashSet<>(problems)));
    }

    private static void values(Reading r, DeviceInfo info, Set<Capability> caps, List<String> problems) {
        quantity("forceN", r.forceN(), caps.contains(Capability.SENSE_FORCE), info.forceRangeN(), problems);
        quantity("pressurePa", r.pressurePa(), caps.contains(Capability.SENSE_PRESSURE), info.pressureRangePa(), problems);
        if (caps.contains(Capability.SENSE_POSITION)) {
            if (!Double.isFinite(r.positionM()) || Math.abs(r.positionM()) > 2) {
                problems.add("positionM " + r.positionM() + " is not a plausible position in metres (|x| <= 2 m)");
            }
        } else if (!Double.isNaN(r.positionM())) {
            problems.add("positionM is " + r.positionM() + " but SENSE_POSITION is not listed: unmeasured quantities are NaN");
        }
        if (caps.contains(Capability.SENSE_TEMPERATURE)) {
            if (!(r.temperatureK() >= 150 && r.temperatureK() <= 2500)) {
                problems.add("temperatureK " + r.temperatureK() + " is not a plausible temperature in kelvin (150..2500 K): °C?");
            }
        } else if (!Double.isNaN(r.temperatureK())) {
            problems.add("temperatureK is " + r.temperatureK() + " but SENSE_TEMPERATURE is not listed: unmeasured quantities are NaN");
        }
    }

    private static void quantity(String name, double v, boolean measured, double range, List<String> problems) {
        if (!measured) {
            if (!Double.isNaN(v)) {
                problems.add(name + " is " + v + " but the capability is not listed: unmeasured quantities are NaN");
            }
            return;
        }
        if (!Double.isFinite(v)) {
            problems.add(name + " is " + v + " in a usable reading");
        } else if (range > 0 && (v < -0.1 * range || v > 1.5 * range)) {
            problems.add(String.format(Locale.ROOT, "%s %.6g outside -10..150 %% of the declared range %.6g: SI units?",
                    name, v, range));
        }
    }

    private CheckResult nonBlocking() {
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        time("read()", () -> driver.read(), lines, problems);
        time("health()", () -> driver.health(), lines, problems);
        time("info()", () -> driver.info(), lines, problems);
        Optional<Actuator> actuator = driver.actuator();
        if (actuator.isPresent()) {
            Actuator a = actuator.get();
            ActuatorCommand harmless = harmless(a);
            time("command(" + harmless.mode() + ")", () -> {
                a.command(harmless);
                return null;
            }, lines, problems);
            time("safeState()", a::safeState, lines, problems);
            holdIfPossible(a);
        }
        String detail = String.join("\n", lines);
        return problems.isEmpty() ? pass(detail) : fail(String.join("\n", problems) + "\n" + detail);
    }

    /**
     * Times {@code calls} calls. A round over budget is measured again, up to three rounds, and the
     * best round counts: a method that waits on its device fails every round, a busy machine's
     * scheduling hiccup does not repeat.
     */
    private void time(String name, Callable<?> call, List<String> lines, List<String> problems) {
        long[] best = null;
        for (int round = 0; round < 3; round++) {
            long[] t;
            try {
                t = timeRound(call);
            } catch (Exception e) {
                problems.add(name + " threw " + e);
                return;
            }
            if (best == null || t[1] < best[1] || (t[1] == best[1] && t[2] < best[2])) {
                best = t;
            }
            if (best[1] <= p99BudgetNanos && best[2] <= maxBudgetNanos) {
                break;
            }
        }
        long p50 = best[0];
        long p99 = best[1];
        long max = best[2];
        lines.add(String.format(Locale.ROOT, "%-28s p50 %8.2f µs  p99 %8.2f µs  max %8.2f µs  (%d calls)", name, p50 / 1e3,
                p99 / 1e3, max / 1e3, best[3]));
        if (p99 > p99BudgetNanos) {
            problems.add(String.format(Locale.ROOT, "%s: 99th percentile %.3f ms above the budget %.3f ms: it waits on something",
                    name, p99 / 1e6, p99BudgetNanos / 1e6));
        }
        if (max > maxBudgetNanos) {
            problems.add(String.format(Locale.ROOT, "%s: slowest call %.1f ms above the budget %.1f ms", name, max / 1e6,
                    maxBudgetNanos / 1e6));
        }
    }

    /** One round: {p50, p99, max, calls}. */
    private long[] timeRound(Callable<?> call) throws Exception {
        long[] t = new long[calls];
        int n = 0;
        // A conforming method needs microseconds per call; one that waits on the device is judged
        // on the calls made in its first second rather than holding the run for minutes.
        long giveUp = System.nanoTime() + 1_000_000_000L;
        while (n < calls && (n < 100 || System.nanoTime() < giveUp)) {
            long t0 = System.nanoTime();
            call.call();
            t[n++] = System.nanoTime() - t0;
        }
        Arrays.sort(t, 0, n);
        return new long[] {t[n / 2], t[(int) (n * 0.99)], t[n - 1], n};
    }

    private CheckResult refusesOverRating() {
        Optional<Actuator> actuator = driver.actuator();
        if (actuator.isEmpty()) {
            return new CheckResult("", "", Status.SKIP, "no actuator");
        }
        Actuator a = actuator.get();
        DeviceInfo info = driver.info();
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        if (a.modes().contains(ActuationMode.FORCE_SETPOINT) && info.maxForceRatingN() > 0) {
            expectRefused(a, ActuatorCommand.force(1.5 * info.maxForceRatingN()), "force setpoint at 150 % of the rating",
                    problems, seen);
        }
        if (a.modes().contains(ActuationMode.PRESSURE_SETPOINT) && info.maxPressureRatingPa() > 0) {
            expectRefused(a, ActuatorCommand.pressure(1.5 * info.maxPressureRatingPa()),
                    "pressure setpoint at 150 % of the rating", problems, seen);
        }
        for (ActuationMode m : ActuationMode.values()) {
            if (!a.modes().contains(m)) {
                ActuatorCommand c = new ActuatorCommand(m, 0);
                expectRefused(a, c, "unsupported mode " + m, problems, seen);
            }
        }
        holdIfPossible(a);
        if (seen.isEmpty() && problems.isEmpty()) {
            return new CheckResult("", "", Status.SKIP, "nothing to refuse: no rating for the modes offered and every mode supported");
        }
        return problems.isEmpty() ? pass(String.join("\n", seen)) : fail(String.join("\n", problems));
    }

    private void expectRefused(Actuator a, ActuatorCommand c, String what, List<String> problems, List<String> seen) {
        try {
            a.command(c);
            // Accepted: make the device safe before anything else.
            if (a.safeActions().contains(SafeAction.HOLD)) {
                a.enterSafeState(SafeAction.HOLD);
            } else {
                a.enterSafeState(a.safeActions().iterator().next());
            }
            problems.add(what + " (" + c + ") was accepted; it must throw IllegalArgumentException");
        } catch (IllegalArgumentException e) {
            seen.add(what + " refused: " + e.getMessage());
        } catch (RuntimeException e) {
            problems.add(what + " threw " + e.getClass().getName() + " instead of IllegalArgumentException: " + e.getMessage());
        }
    }

    private CheckResult safeState() {
        Optional<Actuator> actuator = driver.actuator();
        if (actuator.isEmpty()) {
            return new CheckResult("", "", Status.SKIP, "no actuator");
        }
        Actuator a = actuator.get();
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<SafeAction> actions = new ArrayList<>(a.safeActions());
        Collections.sort(actions);
        // HOLD last, so the device is left holding.
        if (actions.remove(SafeAction.HOLD)) {
            actions.add(SafeAction.HOLD);
        }
        for (SafeAction action : actions) {
            a.command(harmless(a));
            long t0 = System.nanoTime();
            a.enterSafeState(action);
            long took = System.nanoTime() - t0;
            Optional<SafeAction> state = a.safeState();
            if (!state.equals(Optional.of(action))) {
                problems.add("after enterSafeState(" + action + ") safeState() is " + state + ": it must take effect at once");
            }
            if (took > maxBudgetNanos) {
                problems.add("enterSafeState(" + action + ") took " + ms(took) + ": it must not block");
            }
            if (action != SafeAction.HOLD || actions.size() == 1) {
                a.command(harmless(a));
                if (a.safeState().isPresent()) {
                    problems.add("a command after enterSafeState(" + action + ") did not leave the safe state (safeState() is "
                            + a.safeState() + ")");
                }
            }
            seen.add(action + " in " + String.format(Locale.ROOT, "%.1f µs", took / 1e3));
        }
        holdIfPossible(a);
        return problems.isEmpty() ? pass(String.join(", ", seen) + "; left in " + a.safeState().map(Enum::name).orElse("no safe state"))
                : fail(String.join("\n", problems));
    }

    private CheckResult deviceSilent() throws Exception {
        Optional<DeviceLink> link = fixture.link();
        if (link.isEmpty()) {
            return new CheckResult("", "", Status.SKIP, "the fixture has no DeviceLink to silence the device");
        }
        List<String> problems = new ArrayList<>();
        CallTimer timer = new CallTimer();
        Reading before = timer.read(driver);
        if (!before.quality().usableForControl()) {
            return fail("the device gave no usable reading before it was silenced: " + describe(before));
        }
        long silencedAt = clock.getAsLong();
        link.get().silence();
        long deadline = System.nanoTime() + settle.toNanos();
        Reading stale = null;
        DeviceHealth health = null;
        long t0 = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Reading r = timer.read(driver);
            DeviceHealth h = timer.health(driver);
            driver.actuator().ifPresent(a -> timer.command(a, harmless(a)));
            if (!r.quality().usableForControl() && (h.state() == ConnectionState.DISCONNECTED || h.state() == ConnectionState.FAULT)) {
                stale = r;
                health = h;
                break;
            }
            Thread.sleep(5);
        }
        long detectNanos = System.nanoTime() - t0;
        if (stale == null) {
            Reading r = driver.read();
            problems.add("within " + settle.toMillis() + " ms of silence the driver still says " + describe(r) + ", health "
                    + describeHealth(driver.health()) + ": it must mark readings STALE and health DISCONNECTED or FAULT");
        } else {
            double periodNanos = driver.info().sampleRateHz() > 0 ? 1e9 / driver.info().sampleRateHz() : 1e8;
            if (stale.quality() == Quality.STALE && stale.timeNanos() > silencedAt + 2 * periodNanos + 50e6) {
                problems.add(String.format(Locale.ROOT, "the STALE reading is stamped %.3f s after the device went silent: "
                        + "a stale reading keeps the time of its measurement", (stale.timeNanos() - silencedAt) / 1e9));
            }
            if (health.message().isBlank()) {
                problems.add("health " + health.state() + " without a message naming the cause");
            }
            // While silent, nothing new may appear.
            Thread.sleep(Math.max(50, (long) (5 * periodNanos / 1e6)));
            Reading later = timer.read(driver);
            if (later.sequence() != stale.sequence() || later.timeNanos() != stale.timeNanos()) {
                problems.add("while silent the reading changed (sequence " + stale.sequence() + " -> " + later.sequence()
                        + "): no new measurement can exist");
            }
            if (later.quality().usableForControl()) {
                problems.add("while silent the reading became " + later.quality() + " again");
            }
        }
        link.get().restore();
        long restoreDeadline = System.nanoTime() + settle.toNanos();
        Reading recovered = null;
        long r0 = System.nanoTime();
        while (System.nanoTime() < restoreDeadline) {
            Reading r = timer.read(driver);
            if (r.quality().usableForControl() && (stale == null || r.sequence() > stale.sequence())
                    && timer.health(driver).state().isUp()) {
                recovered = r;
                break;
            }
            Thread.sleep(5);
        }
        long recoverNanos = System.nanoTime() - r0;
        if (recovered == null) {
            problems.add("no fresh reading with health up within " + settle.toMillis() + " ms after the device answered again; "
                    + describe(driver.read()) + ", health " + describeHealth(driver.health()));
        }
        driver.actuator().ifPresent(this::holdIfPossible);
        if (timer.maxNanos > maxBudgetNanos) {
            problems.add("a call took " + ms(timer.maxNanos) + " while the device was silent (" + timer.slowest
                    + "): calls must not wait on the device");
        }
        String detail = String.format(Locale.ROOT, "stale after %s (%s, health %s), recovered after %s, slowest call %s (%s)",
                ms(detectNanos), stale == null ? "-" : stale.quality(), health == null ? "-" : describeHealth(health),
                ms(recoverNanos), ms(timer.maxNanos), timer.slowest);
        return problems.isEmpty() ? pass(detail) : fail(String.join("\n", problems) + "\n" + detail);
    }

    private CheckResult stopReleases(Set<Thread> before, Set<Thread> during) throws Exception {
        List<String> problems = new ArrayList<>();
        String pkg = driver.getClass().getPackageName();
        Set<Thread> candidates = Collections.newSetFromMap(new IdentityHashMap<>());
        candidates.addAll(during);
        candidates.removeAll(before);
        candidates.removeIf(t -> t.getName().startsWith(PROBE_THREAD));
        long t0 = System.nanoTime();
        fixture.stop(driver);
        long stopNanos = System.nanoTime() - t0;
        long deadline = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < deadline && candidates.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(10);
        }
        List<String> warnings = new ArrayList<>();
        for (Thread t : candidates) {
            if (!t.isAlive()) {
                continue;
            }
            boolean ours = t.getContextClassLoader() == driver.getClass().getClassLoader()
                    || Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().startsWith(pkg));
            (ours ? problems : warnings).add("thread '" + t.getName() + "' still alive " + settle.toMillis()
                    + " ms after stop" + (ours ? "" : " (not attributable to the driver)"));
        }
        List<String> leftovers = fixture.leftovers();
        problems.addAll(leftovers);
        long r0 = System.nanoTime();
        Reading after = driver.read();
        long readAfter = System.nanoTime() - r0;
        if (readAfter > maxBudgetNanos) {
            problems.add("read() on the stopped driver took " + ms(readAfter));
        }
        String detail = String.format(Locale.ROOT, "stopped in %s; %d thread(s) started with the driver, all ended%s",
                ms(stopNanos), candidates.size(), after.quality().usableForControl()
                        ? "; note: read() after stop still says " + after.quality() : "");
        if (!problems.isEmpty()) {
            return fail(String.join("\n", problems));
        }
        if (!warnings.isEmpty()) {
            return new CheckResult("", "", Status.WARN, String.join("\n", warnings));
        }
        return pass(detail);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** A command that keeps the device where it is: raw output 0, or the present force or pressure as setpoint. */
    private ActuatorCommand harmless(Actuator a) {
        Reading r = driver.read();
        if (a.modes().contains(ActuationMode.RAW_OUTPUT)) {
            return ActuatorCommand.raw(0);
        }
        if (a.modes().contains(ActuationMode.FORCE_SETPOINT)) {
            return ActuatorCommand.force(Double.isFinite(r.forceN()) ? Math.max(0, r.forceN()) : 0);
        }
        return ActuatorCommand.pressure(Double.isFinite(r.pressurePa()) ? Math.max(0, r.pressurePa()) : 0);
    }

    private void holdIfPossible(Actuator a) {
        if (a.safeActions().contains(SafeAction.HOLD)) {
            a.enterSafeState(SafeAction.HOLD);
        }
    }

    /** Runs a check on a probe thread so that a driver that blocks cannot hang the kit. */
    private Optional<CheckResult> check(String id, String title, Duration timeout, Callable<CheckResult> body) {
        FutureTask<CheckResult> task = new FutureTask<>(body);
        Thread t = new Thread(task, PROBE_THREAD + "-" + id);
        t.setDaemon(true);
        t.start();
        CheckResult r;
        try {
            r = task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            StackTraceElement[] stack = t.getStackTrace();
            r = fail("did not finish within " + timeout.toMillis() + " ms: a driver call blocks\n  at "
                    + Arrays.stream(stack).limit(6).map(String::valueOf).collect(Collectors.joining("\n  at ")));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            r = fail("threw " + c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r = fail("interrupted");
        }
        CheckResult result = new CheckResult(id, title, r.status(), r.detail());
        results.add(result);
        return result.status() == Status.FAIL ? Optional.empty() : Optional.of(result);
    }

    private static CheckResult pass(String detail) {
        return new CheckResult("", "", Status.PASS, detail);
    }

    private static CheckResult fail(String detail) {
        return new CheckResult("", "", Status.FAIL, detail);
    }

    private static Set<Thread> liveThreads() {
        Set<Thread> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(Thread.getAllStackTraces().keySet());
        return s;
    }

    private static Set<String> strings(Object o) {
        if (o instanceof String[] a) {
            return Set.of(a);
        }
        if (o instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return o == null ? Set.of() : Set.of(String.valueOf(o));
    }

    private static String describe(Reading r) {
        return String.format(Locale.ROOT, "#%d %s F=%.6g N p=%.6g Pa x=%.6g m T=%.6g K", r.sequence(), r.quality(), r.forceN(),
                r.pressurePa(), r.positionM(), r.temperatureK());
    }

    private static String describeHealth(DeviceHealth h) {
        return h.state() + (h.message().isBlank() ? "" : " '" + h.message() + "'");
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static <T> T safe(Callable<T> c, T fallback) {
        try {
            return c.call();
        } catch (Exception e) {
            return fallback;
        }
    }

    /** Times every call made while the device is silent. */
    private static final class CallTimer {
        long maxNanos;
        String slowest = "-";

        Reading read(PressDriver d) {
            long t0 = System.nanoTime();
            Reading r = d.read();
            note("read()", t0);
            return r;
        }

        DeviceHealth health(PressDriver d) {
            long t0 = System.nanoTime();
            DeviceHealth h = d.health();
            note("health()", t0);
            return h;
        }

        void command(Actuator a, ActuatorCommand c) {
            long t0 = System.nanoTime();
            a.command(c);
            note("command()", t0);
        }

        private void note(String what, long t0) {
            long took = System.nanoTime() - t0;
            if (took > maxNanos) {
                maxNanos = took;
                slowest = what;
            }
        }
    }
}
