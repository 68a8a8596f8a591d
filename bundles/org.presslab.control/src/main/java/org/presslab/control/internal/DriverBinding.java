package org.presslab.control.internal;

import java.util.Locale;

import org.presslab.press.api.ActuationMode;
import org.presslab.press.api.Actuator;
import org.presslab.press.api.ActuatorModel;
import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceInfo;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.OperatorChannel;
import org.presslab.press.api.PressDriver;
import org.presslab.press.api.Reading;
import org.presslab.press.api.SafeAction;
import org.presslab.press.api.TemperatureControl;

/**
 * What a station derives from one bound driver, computed once at bind time so the loop does no
 * lookups: how to turn a reading into pressure on the cell, how to command the actuator, and the
 * driver's rating as pressure on the cell.
 */
final class DriverBinding {

    /** Where the pressure on the cell comes from. */
    enum PressureSource {
        /** Force over cell area (load cell). */
        FORCE,
        /** Vessel pressure is the pressure on the cell (isostatic press). */
        VESSEL,
        /** Hydraulic line pressure times ram area over cell area. */
        LINE
    }

    final PressDriver driver;
    final String id;
    final DeviceInfo info;
    final Actuator actuator;
    final ActuationMode mode;
    final ActuatorModel model;
    final TemperatureControl temperature;
    final OperatorChannel operator;
    final PressureSource source;
    final double cellAreaM2;
    /** Line-to-cell pressure factor for {@link PressureSource#LINE}: ramArea / cellArea. */
    final double lineFactor;
    /** The driver's rating as pressure on the cell, Pa (+inf when it declares none). */
    final double ratingPa;
    final String ratingText;
    /** Plant gain in RAW_OUTPUT: cell pressure rate per unit output, Pa/s; NaN when unknown. */
    final double plantGainPaPerS;
    /**
     * The fastest the device can change the pressure on the cell, Pa/s: its maximum force rate over the
     * cell area, or (a vessel, or no force rate declared) its plant gain at full output; +inf when unknown.
     */
    final double maxRatePaPerS;
    /** vendor|model|serial, the identity a station is commissioned on. */
    final String identity;

    DriverBinding(PressDriver driver, double cellAreaM2, String configuredMode) {
        this.driver = driver;
        this.id = driver.id();
        this.info = driver.info();
        this.cellAreaM2 = cellAreaM2;
        this.actuator = driver.capabilities().contains(Capability.ACTUATE) ? driver.actuator().orElse(null) : null;
        this.temperature = driver.temperatureControl().orElse(null);
        this.operator = driver.operatorChannel().orElse(null);
        boolean isostatic = info.kind() == DeviceKind.ISOSTATIC_PRESS;
        boolean force = driver.capabilities().contains(Capability.SENSE_FORCE);
        boolean pressure = driver.capabilities().contains(Capability.SENSE_PRESSURE);
        double ram = info.ramAreaM2();
        if (isostatic && pressure) {
            source = PressureSource.VESSEL;
        } else if (force) {
            source = PressureSource.FORCE;
        } else if (pressure && ram > 0) {
            source = PressureSource.LINE;
        } else {
            throw new IllegalArgumentException("driver '" + id + "' measures neither force nor a pressure it can turn into"
                    + " pressure on the cell (capabilities " + driver.capabilities() + ", ram area " + ram + ")");
        }
        lineFactor = ram > 0 ? ram / cellAreaM2 : Double.NaN;

        double r = Double.POSITIVE_INFINITY;
        String text = "driver rating (none declared)";
        if (isostatic && info.maxPressureRatingPa() > 0) {
            r = info.maxPressureRatingPa();
            text = String.format(Locale.ROOT, "driver '%s' rating %.1f MPa vessel pressure", id, r / 1e6);
        } else {
            if (info.maxForceRatingN() > 0) {
                r = info.maxForceRatingN() / cellAreaM2;
                text = String.format(Locale.ROOT, "driver '%s' rating %.2f kN on %.2f mm²", id, info.maxForceRatingN() / 1e3,
                        cellAreaM2 * 1e6);
            }
            if (info.maxPressureRatingPa() > 0 && ram > 0) {
                double viaLine = info.maxPressureRatingPa() * lineFactor;
                if (viaLine < r) {
                    r = viaLine;
                    text = String.format(Locale.ROOT, "driver '%s' line pressure rating %.1f MPa", id, info.maxPressureRatingPa() / 1e6);
                }
            }
        }
        ratingPa = r;
        ratingText = text;

        ActuatorModel mdl = actuator == null ? null : actuator.model().orElse(null);
        double g = Double.NaN;
        if (actuator != null) {
            if (info.maxForceRateNps() > 0 && source != PressureSource.VESSEL) {
                g = info.maxForceRateNps() / cellAreaM2;
            } else if (mdl != null) {
                double probe = 0.1 * cellAreaM2 * 1e6; // 0.1 MPa/s as force rate
                double u = mdl.outputFor(cellAreaM2 * 10e6, probe);
                if (u > 1e-6) {
                    g = 0.1e6 / u;
                }
            }
        }
        ActuationMode m = null;
        if (actuator != null) {
            var modes = actuator.modes();
            if (configuredMode != null && !"AUTO".equalsIgnoreCase(configuredMode)) {
                ActuationMode wanted = ActuationMode.valueOf(configuredMode.toUpperCase(Locale.ROOT));
                if (!modes.contains(wanted)) {
                    throw new IllegalArgumentException("driver '" + id + "' does not accept " + wanted + " (it accepts " + modes + ")");
                }
                m = wanted;
            } else if (modes.contains(ActuationMode.RAW_OUTPUT) && g > 0) {
                // Our loop, where the driver tells us enough about its plant to tune it.
                m = ActuationMode.RAW_OUTPUT;
            } else if (modes.contains(ActuationMode.FORCE_SETPOINT) && source != PressureSource.VESSEL) {
                m = ActuationMode.FORCE_SETPOINT;
            } else if (modes.contains(ActuationMode.PRESSURE_SETPOINT) && (isostatic || ram > 0)) {
                m = ActuationMode.PRESSURE_SETPOINT;
            } else if (modes.contains(ActuationMode.RAW_OUTPUT)) {
                m = ActuationMode.RAW_OUTPUT; // conservative fallback gains; set kp/tiS in the configuration
            } else {
                throw new IllegalArgumentException("driver '" + id + "' accepts no command mode control can use: " + modes);
            }
        }
        mode = m;
        model = mdl;
        plantGainPaPerS = mode == ActuationMode.RAW_OUTPUT ? g : Double.NaN;
        double mr = Double.POSITIVE_INFINITY;
        if (info.maxForceRateNps() > 0 && source != PressureSource.VESSEL) {
            mr = info.maxForceRateNps() / cellAreaM2;
        } else if (g > 0) {
            mr = g;
        }
        double stated = actuator == null ? Double.NaN : actuator.maxPressureRatePaPerS();
        if (stated > 0 && Double.isFinite(stated)) {
            double onCell = source == PressureSource.VESSEL ? stated : source == PressureSource.LINE ? stated * lineFactor : Double.NaN;
            if (onCell > 0 && onCell < mr) {
                mr = onCell;
            }
        }
        maxRatePaPerS = mr;
        identity = identityOf(info, id);
    }

    /** The identity of a device: vendor|model|serial, or the driver id where the device gives no serial. */
    static String identityOf(DeviceInfo info, String driverId) {
        if (info.serial().isBlank()) {
            return info.vendor() + "|" + info.model() + "|driver:" + driverId;
        }
        return info.vendor() + "|" + info.model() + "|" + info.serial();
    }

    /** The unit of the output in the bound mode, for people: "1" (fraction), "N" or "Pa". */
    String outputUnit() {
        if (mode == null) {
            return "";
        }
        switch (mode) {
            case FORCE_SETPOINT:
                return "N";
            case PRESSURE_SETPOINT:
                return "Pa";
            default:
                return "1";
        }
    }

    boolean canActuate() {
        return actuator != null;
    }

    /** Pressure on the cell from a reading, Pa; NaN when the reading does not have it. */
    double pressureOf(Reading r) {
        switch (source) {
            case FORCE:
                return r.forceN() / cellAreaM2;
            case VESSEL:
                return r.pressurePa();
            default:
                return r.pressurePa() * lineFactor;
        }
    }

    /** The value to send for a cell-pressure setpoint in the bound mode. */
    double commandValueFor(double cellPressurePa) {
        switch (mode) {
            case FORCE_SETPOINT:
                return cellPressurePa * cellAreaM2;
            case PRESSURE_SETPOINT:
                return source == PressureSource.VESSEL || info.kind() == DeviceKind.ISOSTATIC_PRESS ? cellPressurePa
                        : cellPressurePa / lineFactor;
            default:
                throw new IllegalStateException("not a setpoint mode: " + mode);
        }
    }

    /** The safe action for a trip, as close to {@code wanted} as the hardware allows. */
    SafeAction safeActionFor(SafeAction wanted) {
        if (actuator == null) {
            return wanted;
        }
        var available = actuator.safeActions();
        if (available.contains(wanted)) {
            return wanted;
        }
        for (SafeAction a : new SafeAction[] { SafeAction.HOLD, SafeAction.STOP, SafeAction.VENT }) {
            if (available.contains(a)) {
                return a;
            }
        }
        return wanted;
    }
}
