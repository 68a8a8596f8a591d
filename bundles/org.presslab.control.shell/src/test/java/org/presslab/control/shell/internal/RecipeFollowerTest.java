package org.presslab.control.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.presslab.control.api.RecipeRun;

class RecipeFollowerTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    private final FakeStation station = new FakeStation("s1", 80e6);

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void followsEveryStepToTheEnd() {
        FakeRun run = new FakeRun();
        AtomicInteger sleeps = new AtomicInteger();
        RecipeFollower follower = new RecipeFollower(out, ms -> {
            sleeps.incrementAndGet();
            run.advance();
        }, () -> LocalTime.of(12, 0), 500, 100);

        assertEquals(RecipeFollower.End.FINISHED, follower.follow(run, station::status));

        String text = output();
        assertTrue(text.contains("step 1/3 ramp to 74.00 MPa"), text);
        assertTrue(text.contains("step 2/3 dwell 60 s"), text);
        assertTrue(text.contains("step 3/3 hold 15.00 MPa"), text);
        assertTrue(text.lines().anyMatch(l -> l.equals("recipe 'assb-test' completed")), text);
        assertFalse(text.contains("completed: completed"), "a message that repeats the state is not printed twice: " + text);
        // 3 steps of 3 polls each: the follower stops as soon as the run is finished.
        assertEquals(9, sleeps.get());
        // One line per step change plus the final state line and the closing line; no line for the
        // unchanged polls in between (progress only every 100 polls here).
        assertEquals(5, text.lines().count(), text);
    }

    @Test
    void printsProgressWhileNothingChanges() {
        FakeRun run = new FakeRun();
        RecipeFollower follower = new RecipeFollower(out, ms -> run.advance(), () -> LocalTime.of(12, 0), 500, 1);
        follower.follow(run, station::status);
        // Every poll prints: 9 polls + the first line + the closing line.
        assertEquals(11, output().lines().count(), output());
        assertTrue(output().contains("12:00:00 RUNNING  step 1/3"), output());
    }

    @Test
    void ctrlCStopsFollowingButNotTheRecipe() {
        FakeRun run = new FakeRun();
        AtomicInteger sleeps = new AtomicInteger();
        RecipeFollower follower = new RecipeFollower(out, ms -> {
            if (sleeps.incrementAndGet() == 2) {
                throw new InterruptedException("Ctrl-C");
            }
            run.advance();
        }, () -> LocalTime.of(12, 0), 500, 100);

        RecipeFollower.End end = follower.follow(run, station::status);

        assertEquals(RecipeFollower.End.DETACHED, end);
        assertEquals(RecipeRun.State.RUNNING, run.state(), "following must not touch the run");
        assertTrue(output().contains("stopped following; recipe 'assb-test' goes on on station s1"), output());
        assertTrue(Thread.interrupted(), "the interrupt is kept for the shell");
    }

    @Test
    void reportsWhyARunFailed() {
        FakeRun run = new FakeRun();
        run.state = RecipeRun.State.FAILED;
        run.message = "driver lost";
        new RecipeFollower(out, ms -> { }, LocalTime::now, 500, 10).follow(run, station::status);
        assertTrue(output().contains("recipe 'assb-test' failed: driver lost"), output());
    }
}
