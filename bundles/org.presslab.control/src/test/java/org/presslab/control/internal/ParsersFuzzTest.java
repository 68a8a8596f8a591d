package org.presslab.control.internal;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.presslab.control.api.RebindPolicy;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;
import org.presslab.press.api.SafeAction;

/**
 * Coverage-guided fuzzing of recipe files and of station configuration (README, "Fuzzing"). A plain
 * {@code mvn test} replays the committed corpus; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ParsersFuzzTest {

    private static final RecipeCodec CODEC = new RecipeCodec();

    /**
     * Any bytes as a recipe file: a recipe or a {@link RecipeFormatException} naming the file, never
     * another exception. A recipe read is written back and read again, and the second writing equals
     * the first (the file format is stable after one round trip).
     */
    @FuzzTest(maxDuration = "5m", maxExecutions = 1_100_000)
    void recipe(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        Recipe r;
        try {
            r = CODEC.parse(json, "fuzz.json");
        } catch (RecipeFormatException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("fuzz.json")) {
                throw new AssertionError("recipe error that does not name the file: " + e.getMessage(), e);
            }
            return;
        }
        String once = CODEC.toJson(r);
        Recipe back;
        try {
            back = CODEC.parse(once, "written.json");
        } catch (RecipeFormatException e) {
            throw new AssertionError("a recipe it read, written back, does not read: " + e.getMessage() + "\n" + once, e);
        }
        String twice = CODEC.toJson(back);
        if (!once.equals(twice)) {
            throw new AssertionError("written recipe changes on a second round trip:\n" + once + "\n---\n" + twice);
        }
    }

    /**
     * Any values in every builder setting: settings or an {@link IllegalArgumentException} listing
     * the problems; settings built have a finite positive loop rate and rates within the hard caps.
     */
    @FuzzTest(maxDuration = "5m", maxExecutions = 1_100_000)
    void stationSettings(FuzzedDataProvider d) {
        StationSettings.Builder b = StationSettings.builder(d.consumeBoolean() ? "station-1" : d.consumeString(12));
        int n = d.consumeInt(0, 40);
        for (int i = 0; i < n; i++) {
            double x = d.consumeBoolean() ? d.consumeDouble() : d.consumeInt(-1000, 1000) / 8.0;
            switch (d.consumeInt(0, 27)) {
                case 0 -> b.description(d.consumeString(20));
                case 1 -> b.cellDiameterMm(x);
                case 2 -> b.cellAreaMm2(x);
                case 3 -> b.fixtureRatingMPa(x);
                case 4 -> b.driverFilter(d.consumeBoolean() ? "(presslab.driver.id=press-1)" : d.consumeString(30));
                case 5 -> b.loopRateHz(x);
                case 6 -> b.maxRateMPaPerS(x);
                case 7 -> b.defaultRateMPaPerS(x);
                case 8 -> b.maxStepMPa(x);
                case 9 -> b.safeAction(d.pickValue(SafeAction.values()));
                case 10 -> b.rebindPolicy(d.pickValue(RebindPolicy.values()));
                case 11 -> b.staleTimeoutS(x);
                case 12 -> b.frozenTimeoutS(x);
                case 13 -> b.rateTripFactor(x);
                case 14 -> b.forceDrop(x, d.consumeDouble());
                case 15 -> b.runawayTravelMm(x);
                case 16 -> b.controller(x, d.consumeDouble(), d.consumeDouble(), d.consumeDouble());
                case 17 -> b.historyS(x);
                case 18 -> b.overpressureMarginMPa(x);
                case 19 -> b.actuationMode(d.consumeBoolean() ? "AUTO" : d.consumeString(16));
                case 20 -> b.loopStall(x, d.consumeDouble());
                case 21 -> b.zeroBandMPa(x);
                case 22 -> b.loopStallRepeat(d.consumeInt(), x);
                case 23 -> b.approach(x, d.consumeDouble());
                case 24 -> b.maxTemperatureC(x);
                case 25 -> b.safeStateTimeoutS(x);
                default -> b.fixtureRatingMPa(d.consumeInt(1, 1500));
            }
        }
        StationSettings s;
        try {
            s = b.build();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isBlank() || e.getClass() != IllegalArgumentException.class) {
                throw new AssertionError("settings refused without a message naming the keys: " + e, e);
            }
            return;
        }
        double hz = s.config().loopRateHz();
        if (!(hz > 0) || !Double.isFinite(hz) || s.loopPeriodNanos() <= 0) {
            throw new AssertionError("accepted loop rate " + hz);
        }
        if (!(s.config().maxRatePaPerS() <= StationSettings.MAX_RATE_PA_PER_S)
                || !(s.config().fixtureRatingPa() <= StationSettings.MAX_FIXTURE_RATING_PA)) {
            throw new AssertionError("accepted settings above the hard caps: " + s.config());
        }
    }
}
