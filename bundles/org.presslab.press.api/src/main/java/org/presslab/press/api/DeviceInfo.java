package org.presslab.press.api;

import java.util.Objects;

/**
 * Identity, ranges and ratings of a device, SI units. Unknown numbers are {@code NaN}; unknown
 * strings are empty.
 *
 * @param vendor manufacturer
 * @param model model name
 * @param serial serial number
 * @param firmware firmware version
 * @param kind the kind of hardware
 * @param forceRangeN the force the sensor measures, 0..max, newtons
 * @param forceResolutionN the smallest force step the sensor resolves, newtons
 * @param maxForceRatingN the most force the device may ever apply or carry (its rating), newtons
 * @param pressureRangePa the pressure the sensor measures (line or vessel), pascals
 * @param maxPressureRatingPa the device's pressure rating (line or vessel), pascals
 * @param ramAreaM2 effective ram area that turns line pressure into force (F = p·A), m²; NaN if not hydraulic
 * @param maxForceRateNps the fastest the actuator can change force, N/s (a pump's flow limit), NaN if unknown
 * @param temperatureMinK lowest settable or measurable temperature, kelvin
 * @param temperatureMaxK highest settable or measurable temperature, kelvin
 * @param sampleRateHz how often the device delivers a new measurement
 */
public record DeviceInfo(String vendor, String model, String serial, String firmware, DeviceKind kind,
        double forceRangeN, double forceResolutionN, double maxForceRatingN, double pressureRangePa,
        double maxPressureRatingPa, double ramAreaM2, double maxForceRateNps, double temperatureMinK,
        double temperatureMaxK, double sampleRateHz) {

    public DeviceInfo {
        vendor = Objects.requireNonNullElse(vendor, "");
        model = Objects.requireNonNullElse(model, "");
        serial = Objects.requireNonNullElse(serial, "");
        firmware = Objects.requireNonNullElse(firmware, "");
        Objects.requireNonNull(kind, "kind");
    }

    /** A builder, since most devices know only some of these. */
    public static Builder builder(DeviceKind kind) {
        return new Builder(kind);
    }

    /** Builds a {@link DeviceInfo}; unset numbers stay NaN. */
    public static final class Builder {
        private final DeviceKind kind;
        private String vendor = "";
        private String model = "";
        private String serial = "";
        private String firmware = "";
        private double forceRangeN = Double.NaN;
        private double forceResolutionN = Double.NaN;
        private double maxForceRatingN = Double.NaN;
        private double pressureRangePa = Double.NaN;
        private double maxPressureRatingPa = Double.NaN;
        private double ramAreaM2 = Double.NaN;
        private double maxForceRateNps = Double.NaN;
        private double temperatureMinK = Double.NaN;
        private double temperatureMaxK = Double.NaN;
        private double sampleRateHz = Double.NaN;

        private Builder(DeviceKind kind) {
            this.kind = kind;
        }

        public Builder identity(String vendor, String model, String serial, String firmware) {
            this.vendor = vendor;
            this.model = model;
            this.serial = serial;
            this.firmware = firmware;
            return this;
        }

        public Builder force(double rangeN, double resolutionN, double maxRatingN) {
            this.forceRangeN = rangeN;
            this.forceResolutionN = resolutionN;
            this.maxForceRatingN = maxRatingN;
            return this;
        }

        public Builder pressure(double rangePa, double maxRatingPa) {
            this.pressureRangePa = rangePa;
            this.maxPressureRatingPa = maxRatingPa;
            return this;
        }

        public Builder ramArea(double m2) {
            this.ramAreaM2 = m2;
            return this;
        }

        public Builder maxForceRate(double nps) {
            this.maxForceRateNps = nps;
            return this;
        }

        public Builder temperature(double minK, double maxK) {
            this.temperatureMinK = minK;
            this.temperatureMaxK = maxK;
            return this;
        }

        public Builder sampleRate(double hz) {
            this.sampleRateHz = hz;
            return this;
        }

        public DeviceInfo build() {
            return new DeviceInfo(vendor, model, serial, firmware, kind, forceRangeN, forceResolutionN, maxForceRatingN,
                    pressureRangePa, maxPressureRatingPa, ramAreaM2, maxForceRateNps, temperatureMinK, temperatureMaxK,
                    sampleRateHz);
        }
    }
}
