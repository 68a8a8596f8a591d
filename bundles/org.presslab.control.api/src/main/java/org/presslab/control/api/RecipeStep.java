package org.presslab.control.api;

import java.util.List;

/** One step of a {@link Recipe}. SI units. */
public sealed interface RecipeStep {

    /** Conditions that pause this step while they do not hold; empty for none. */
    List<StepCondition> conditions();

    /** A short description for progress lines ("ramp to 74.0 MPa at 2.0 MPa/s"). */
    String describe();

    /** Ramp to {@code targetPa} at {@code ratePaPerS}; done when the target is reached within {@code tolerancePa}. */
    record Ramp(double targetPa, double ratePaPerS, double tolerancePa, List<StepCondition> conditions) implements RecipeStep {
        public Ramp {
            conditions = List.copyOf(conditions);
        }

        @Override
        public String describe() {
            return String.format("ramp to %.2f MPa at %.2f MPa/s", targetPa / 1e6, ratePaPerS / 1e6);
        }
    }

    /** Keep the present setpoint for {@code durationS}. */
    record Dwell(double durationS, List<StepCondition> conditions) implements RecipeStep {
        public Dwell {
            conditions = List.copyOf(conditions);
        }

        @Override
        public String describe() {
            return String.format("dwell %.0f s", durationS);
        }
    }

    /** Lower the pressure to {@code targetPa} at {@code ratePaPerS}. */
    record Release(double targetPa, double ratePaPerS, double tolerancePa, List<StepCondition> conditions) implements RecipeStep {
        public Release {
            conditions = List.copyOf(conditions);
        }

        @Override
        public String describe() {
            return String.format("release to %.2f MPa at %.2f MPa/s", targetPa / 1e6, ratePaPerS / 1e6);
        }
    }

    /**
     * Hold {@code targetPa} for {@code durationS}; the pressure must stay within {@code tolerancePa}
     * (an excursion is recorded as an event; conditions decide whether it pauses the step).
     */
    record Hold(double targetPa, double tolerancePa, double durationS, List<StepCondition> conditions) implements RecipeStep {
        public Hold {
            conditions = List.copyOf(conditions);
        }

        @Override
        public String describe() {
            return String.format("hold %.2f MPa ±%.2f for %.0f s", targetPa / 1e6, tolerancePa / 1e6, durationS);
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
