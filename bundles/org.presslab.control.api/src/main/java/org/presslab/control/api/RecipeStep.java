package org.presslab.control.api;

import java.util.List;

/** One step of a {@link Recipe}. SI units. */
public sealed interface RecipeStep {

    /** Conditions that pause this step while they do not hold; empty for none. */
    List<StepCondition> conditions();

    /** A short description for progress lines ("ramp to 74.0 MPa at 2.0 MPa/s"). */
    String describe();

    /**
     * An impedance spectrum to measure when the step's own work is done, before the next step starts (the
     * station holds meanwhile); null for none.
     *
     * @since 1.2
     */
    default EisSettings measureAtEnd() {
        return null;
    }

    /** Ramp to {@code targetPa} at {@code ratePaPerS}; done when the target is reached within {@code tolerancePa}. */
    record Ramp(double targetPa, double ratePaPerS, double tolerancePa, List<StepCondition> conditions,
            EisSettings measureAtEnd) implements RecipeStep {
        public Ramp {
            conditions = List.copyOf(conditions);
        }

        public Ramp(double targetPa, double ratePaPerS, double tolerancePa, List<StepCondition> conditions) {
            this(targetPa, ratePaPerS, tolerancePa, conditions, null);
        }

        @Override
        public String describe() {
            return String.format("ramp to %.2f MPa at %.2f MPa/s", targetPa / 1e6, ratePaPerS / 1e6);
        }
    }

    /** Keep the present setpoint for {@code durationS}. */
    record Dwell(double durationS, List<StepCondition> conditions, EisSettings measureAtEnd) implements RecipeStep {
        public Dwell {
            conditions = List.copyOf(conditions);
        }

        public Dwell(double durationS, List<StepCondition> conditions) {
            this(durationS, conditions, null);
        }

        @Override
        public String describe() {
            return String.format("dwell %.0f s", durationS);
        }
    }

    /** Lower the pressure to {@code targetPa} at {@code ratePaPerS}. */
    record Release(double targetPa, double ratePaPerS, double tolerancePa, List<StepCondition> conditions,
            EisSettings measureAtEnd) implements RecipeStep {
        public Release {
            conditions = List.copyOf(conditions);
        }

        public Release(double targetPa, double ratePaPerS, double tolerancePa, List<StepCondition> conditions) {
            this(targetPa, ratePaPerS, tolerancePa, conditions, null);
        }

        @Override
        public String describe() {
            return String.format("release to %.2f MPa at %.2f MPa/s", targetPa / 1e6, ratePaPerS / 1e6);
        }
    }

    /**
     * Hold {@code targetPa} for {@code durationS}; the pressure must stay within {@code tolerancePa}
     * (an excursion is recorded as an event; conditions decide whether it pauses the step). With
     * {@code measureEvery} (since 1.2) an impedance spectrum is measured every {@code measureEveryS} of the
     * hold, the first one {@code measureEveryS} after it starts; the hold ends once the last one is in.
     */
    record Hold(double targetPa, double tolerancePa, double durationS, List<StepCondition> conditions,
            EisSettings measureEvery, double measureEveryS, EisSettings measureAtEnd) implements RecipeStep {
        public Hold {
            conditions = List.copyOf(conditions);
        }

        public Hold(double targetPa, double tolerancePa, double durationS, List<StepCondition> conditions) {
            this(targetPa, tolerancePa, durationS, conditions, null, Double.NaN, null);
        }

        @Override
        public String describe() {
            return String.format("hold %.2f MPa ±%.2f for %.0f s", targetPa / 1e6, tolerancePa / 1e6, durationS)
                    + (measureEvery == null ? "" : String.format(", EIS every %.0f min", measureEveryS / 60));
        }
    }

    /**
     * Measure an impedance spectrum now, holding the present setpoint (or, on a passive frame, whatever
     * holds the cell); done when the spectrum (and its fit, when asked) is in.
     *
     * @since 1.2
     */
    record MeasureEis(EisSettings eis, List<StepCondition> conditions) implements RecipeStep {
        public MeasureEis {
            conditions = List.copyOf(conditions);
        }

        @Override
        public String describe() {
            return "measure " + eis.describe();
        }
    }

    /**
     * A pressure sweep: for each pressure of {@code pressuresPa} in order (up or down), move there at
     * {@code ratePaPerS} (through the station's limits, as every move), settle for {@code settleS}, measure a
     * spectrum and fit {@code eis.circuit()}; {@code interfaceParameter} (e.g. {@code R2}) is the interfacial
     * resistance. With {@code stopWithinFraction} (NaN for none) the sweep picks the lowest pressure whose
     * interfacial resistance stays within that fraction of its value at {@code referencePa} (NaN: the
     * highest pressure of the list, the stacking pressure), stops as soon as a pressure falls outside, and
     * ends holding the chosen pressure.
     *
     * @since 1.2
     */
    record PressureSweep(List<Double> pressuresPa, double ratePaPerS, double settleS, double tolerancePa, EisSettings eis,
            String interfaceParameter, double stopWithinFraction, double referencePa, List<StepCondition> conditions)
            implements RecipeStep {
        public PressureSweep {
            pressuresPa = List.copyOf(pressuresPa);
            conditions = List.copyOf(conditions);
        }

        @Override
        public String describe() {
            StringBuilder b = new StringBuilder("sweep");
            for (double p : pressuresPa) {
                b.append(String.format(" %.1f", p / 1e6));
            }
            b.append(String.format(" MPa at %.2f MPa/s, settle %.0f s", ratePaPerS / 1e6, settleS));
            if (!Double.isNaN(stopWithinFraction)) {
                b.append(String.format(", stop at %.0f %% of %s", stopWithinFraction * 100, interfaceParameter));
            }
            return b.toString();
        }
    }

    /**
     * Ask the operator to do something (pump a manual press to {@code targetPa}, load a cell) and
     * wait until it is done: the pressure within {@code tolerancePa} of the target for
     * {@code settleS} (NaN target: an acknowledgement is enough), or the operator acknowledges.
     * {@code timeoutS} (NaN for none) aborts the run when exceeded.
     */
    record Operator(String instruction, double targetPa, double tolerancePa, double settleS, double timeoutS,
            List<StepCondition> conditions) implements RecipeStep {
        public Operator {
            conditions = List.copyOf(conditions);
        }

        @Override
        public String describe() {
            return "operator: " + instruction;
        }
    }

    /**
     * Set the heater to {@code temperatureK}; when {@code waitUntilReached}, the step ends once the temperature
     * is within {@code toleranceK}, else at once.
     */
    record Temperature(double temperatureK, double toleranceK, boolean waitUntilReached, double timeoutS,
            List<StepCondition> conditions) implements RecipeStep {
        public Temperature {
            conditions = List.copyOf(conditions);
        }

        @Override
        public String describe() {
            return String.format("temperature %.1f °C", temperatureK - 273.15);
        }
    }
}
