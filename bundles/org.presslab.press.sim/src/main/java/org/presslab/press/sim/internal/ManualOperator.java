package org.presslab.press.sim.internal;

import org.presslab.press.api.OperatorChannel;
import org.presslab.press.sim.HydraulicParameters;
import org.presslab.press.sim.OperatorParameters;

/**
 * The person at a manual press. Reads the gauge (with a relative error), pumps a stroke sized from the
 * compliance it has learnt (aiming a little high, at random), pauses to look, and opens the release
 * valve when the force is above the band. Every random draw is keyed on the seed and the decision
 * number, so a run is reproducible. Runs inside the device's integration step (device lock held).
 */
final class ManualOperator {

    private static final long STREAM_GAUGE = 101;
    private static final long STREAM_AIM = 102;
    private static final long STREAM_PAUSE = 103;
    /** The operator's first guess of the compliance, as a fraction of the true nominal one (EST: cautious). */
    private static final double FIRST_GUESS = 0.5;
    /** Smallest force change from which the operator learns the compliance, N (EST). */
    private static final double LEARN_MIN_FORCE_N = 20;

    private enum Phase { IDLE, PUMP, RELEASE, WAIT }

    private final OperatorParameters p;
    private final HydraulicPressDevice press;
    private final HydraulicParameters h;
    private final double nominalCompliance;

    private boolean active;
    private double target;
    private double tolerance;
    private Phase phase = Phase.IDLE;
    private double phaseEnd;
    private long decision;
    private double complianceEstimate;
    private double strokeVolume;
    private double gaugeAtStrokeStart;

    ManualOperator(OperatorParameters p, HydraulicPressDevice press) {
        this.p = p;
        this.press = press;
        this.h = press.hydraulics();
        this.nominalCompliance = press.complianceVolumePerNewton();
        this.complianceEstimate = nominalCompliance * FIRST_GUESS;
    }

    void step(double t, double dt) {
        if ((phase == Phase.PUMP || phase == Phase.RELEASE) && t >= phaseEnd) {
            press.setOperatorInputs(0, 0);
            if (phase == Phase.PUMP) {
                double dF = gauge() - gaugeAtStrokeStart;
                if (dF > LEARN_MIN_FORCE_N) {
                    double measured = strokeVolume / dF;
                    complianceEstimate = Math.max(nominalCompliance / 10,
                            Math.min(nominalCompliance * 10, 0.5 * complianceEstimate + 0.5 * measured));
                }
            }
            pause(t);
        }
        if (phase == Phase.IDLE || (phase == Phase.WAIT && t >= phaseEnd)) {
            decide(t);
        }
    }

    private double gauge() {
        return press.force() * (1 + p.gaugeError() * Noise.gaussian(press.seed(), STREAM_GAUGE, decision));
    }

    private void pause(double t) {
        double jitter = Noise.uniform(press.seed(), STREAM_PAUSE, decision, -p.reactionJitter(), p.reactionJitter());
        phase = Phase.WAIT;
        phaseEnd = t + p.reactionTimeS() * (1 + jitter);
    }

    private void decide(double t) {
        decision++;
        if (!active) {
            phase = Phase.IDLE;
            return;
        }
        double seen = gauge();
        double aim = Noise.uniform(press.seed(), STREAM_AIM, decision, p.aimLow(), p.aimHigh());
        if (seen < target - tolerance) {
            strokeVolume = Math.max(p.minStrokeVolumeM3(),
                    Math.min(p.maxStrokeVolumeM3(), (target - seen) * complianceEstimate * aim));
            gaugeAtStrokeStart = seen;
            press.setOperatorInputs(strokeVolume / p.strokeDurationS(), 0);
            phase = Phase.PUMP;
            phaseEnd = t + p.strokeDurationS();
        } else if (seen > target + tolerance) {
            double drive = Math.sqrt(Math.max(press.linePressure(), h.returnPressurePa()));
            double volume = (seen - target) * complianceEstimate * aim;
            double open = Math.max(0.05, Math.min(10, volume / (h.releaseValveCoefficient() * drive)));
            press.setOperatorInputs(0, 1);
            phase = Phase.RELEASE;
            phaseEnd = t + open;
        } else {
            pause(t);
        }
    }

    void clear() {
        active = false;
        press.setOperatorInputs(0, 0);
        phase = Phase.IDLE;
    }

    OperatorChannel channel(Object lock, Runnable sync) {
        return new OperatorChannel() {
            @Override
            public void instruct(double targetForceN, double toleranceN, String instruction) {
                if (!Double.isFinite(targetForceN) || targetForceN < 0) {
                    throw new IllegalArgumentException("target force must be finite and >= 0 N, was " + targetForceN);
                }
                if (targetForceN > h.ratedForceN()) {
                    throw new IllegalArgumentException("target force " + targetForceN + " N exceeds the press rating "
                            + h.ratedForceN() + " N");
                }
                if (!(toleranceN > 0) || !Double.isFinite(toleranceN)) {
                    throw new IllegalArgumentException("tolerance must be finite and > 0 N, was " + toleranceN);
                }
                synchronized (lock) {
                    sync.run();
                    active = true;
                    target = targetForceN;
                    tolerance = toleranceN;
                }
            }

            @Override
            public void clear() {
                synchronized (lock) {
                    sync.run();
                    ManualOperator.this.clear();
                }
            }
        };
    }
}
