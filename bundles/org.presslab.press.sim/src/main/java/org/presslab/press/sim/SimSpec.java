package org.presslab.press.sim;

import java.util.Objects;

import org.presslab.press.api.DeviceKind;

/**
 * Everything a simulated device is built from: kind, id, seed, sampling, and the parameter groups
 * (only those the kind uses matter). Start from {@link #defaults(DeviceKind)} and change what you
 * need; {@link SimulatedDevices#create} validates and copies it. SI units throughout.
 */
public final class SimSpec {

    private final DeviceKind kind;
    private String id;
    private long seed = 1;
    private String serial = "SIM-0001";
    /** Sensor sample rate, Hz (per kind; e.g. 500 Hz for the automatic press, EST). */
    private double sampleRateHz;
    /** Conversion latency of the sensor in samples: a sample measured at t is readable from t + latency/rate (EST 1). */
    private int latencySamples = 1;
    /** Fixed integration step of the physics, s (per kind: 250 µs for hydraulics, 1 ms for frames). */
    private double integrationStepS;
    private final CellParameters cell;
    private final SensorParameters loadCell;
    private final SensorParameters pressureSensor;
    private final SensorParameters positionSensor;
    private final SensorParameters temperatureSensor;
    private final HydraulicParameters hydraulics;
    private final OperatorParameters operator;
    private final FrameParameters frame;
    private final HeaterParameters heater;
    private final VesselParameters vessel;
    private final CoinCanParameters coinCan;

    private SimSpec(DeviceKind kind) {
        this.kind = kind;
        this.id = "sim-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        this.cell = new CellParameters();
        // Load cell: 50 kN range, 0.5 N steps, 1.5 N rms (EST; docs/physics.md §1.1 wants <= 5 N resolution at 15 MPa on 10 mm)
        this.loadCell = new SensorParameters(50e3, 0.5, 1.5);
        // Line pressure transducer: 100 MPa, 1 kPa steps, 2 kPa rms (EST)
        this.pressureSensor = new SensorParameters(100e6, 1e3, 2e3);
        // Ram LVDT or encoder: 50 mm, 1 µm steps, 0.5 µm rms (EST)
        this.positionSensor = new SensorParameters(0.05, 1e-6, 0.5e-6);
        // Thermocouple with indicator: 400 °C full scale, 0.1 K steps, 0.05 K rms (EST)
        this.temperatureSensor = new SensorParameters(673.15, 0.1, 0.05);
        this.hydraulics = new HydraulicParameters();
        this.operator = new OperatorParameters();
        this.frame = new FrameParameters();
        this.heater = new HeaterParameters();
        this.vessel = new VesselParameters();
        this.coinCan = new CoinCanParameters();
        this.sampleRateHz = 500;
        this.integrationStepS = 250e-6;
    }

    /** A deep copy of {@code o}. */
    public SimSpec(SimSpec o) {
        kind = o.kind;
        id = o.id;
        seed = o.seed;
        serial = o.serial;
        sampleRateHz = o.sampleRateHz;
        latencySamples = o.latencySamples;
        integrationStepS = o.integrationStepS;
        cell = new CellParameters(o.cell);
        loadCell = new SensorParameters(o.loadCell);
        pressureSensor = new SensorParameters(o.pressureSensor);
        positionSensor = new SensorParameters(o.positionSensor);
        temperatureSensor = new SensorParameters(o.temperatureSensor);
        hydraulics = new HydraulicParameters(o.hydraulics);
        operator = new OperatorParameters(o.operator);
        frame = new FrameParameters(o.frame);
        heater = new HeaterParameters(o.heater);
        vessel = new VesselParameters(o.vessel);
        coinCan = new CoinCanParameters(o.coinCan);
    }

    /**
     * The defaults for a kind: AUTOMATIC_HYDRAULIC_PRESS, MANUAL_HYDRAULIC_PRESS, SPRING_FRAME,
     * SCREW_FRAME, MOTORIZED_FRAME, HEATED_PRESS, ISOSTATIC_PRESS or CRIMPER (since 1.3).
     *
     * @throws IllegalArgumentException for a kind the simulator does not model
     */
    public static SimSpec defaults(DeviceKind kind) {
        Objects.requireNonNull(kind, "kind");
        SimSpec s = new SimSpec(kind);
        switch (kind) {
            case AUTOMATIC_HYDRAULIC_PRESS:
            case HEATED_PRESS:
                break;
            case MANUAL_HYDRAULIC_PRESS:
                // Hand pump, hoses and gauge: more oil and entrained air, a slower needle release valve (EST)
                s.hydraulics.oilVolumeM3(1e-4).oilBulkModulusPa(0.7e9).releaseValveCoefficient(2e-11);
                s.sampleRateHz = 50; // digital load-cell readout (EST)
                break;
            case SPRING_FRAME:
            case SCREW_FRAME:
            case MOTORIZED_FRAME:
                if (kind == DeviceKind.SCREW_FRAME) {
                    s.frame.springStiffnessNpm(Double.POSITIVE_INFINITY);
                } else if (kind == DeviceKind.MOTORIZED_FRAME) {
                    s.frame.springStiffnessNpm(500e3); // stiffer disc springs for active control (EST, docs/physics.md §1.4 range)
                }
                // Button load cell in the frame: 10 kN, 0.2 N steps, 0.5 N rms (EST)
                s.loadCell.range(10e3).resolution(0.2).noiseRms(0.5);
                // stacked at 74 MPa in a press before it went into the frame: the foil has crept from
                // 100 to ~70 µm there (what the simulated press gives after ~1 min at 74 MPa)
                s.cell.assemblyPressurePa(74e6).anodeThicknessM(70e-6);

                // Crosshead encoder: 10 mm, 0.1 µm (EST)
                s.positionSensor.range(0.01).resolution(0.1e-6).noiseRms(0.05e-6);
                s.sampleRateHz = kind == DeviceKind.MOTORIZED_FRAME ? 200 : 50;
                // passive frames change only by creep and plating (time constants of minutes): 10 ms steps
                s.integrationStepS = kind == DeviceKind.MOTORIZED_FRAME ? 500e-6 : 10e-3;
                break;
            case ISOSTATIC_PRESS:
                // Vessel pressure transducer: 500 MPa, 10 kPa steps, 20 kPa rms (EST)
                s.pressureSensor.range(500e6).resolution(10e3).noiseRms(20e3);
                s.sampleRateHz = 100;
                s.integrationStepS = 1e-3;
                break;
            case CRIMPER:
                // Electro-hydraulic coin-cell crimper, 2 t, 20 mm CR2032 die (docs/physics.md §5, all EST): the die
                // is the "cell" whose area turns force into die pressure
                s.cell.diameterM(20e-3);
                s.hydraulics.ramAreaM2(Math.PI * 0.04 * 0.04 / 4) // Ø 40 mm
                        .ratedForceN(2 * 9806.65)                  // 2 t = 19.6 kN
                        .reliefPressurePa(2 * 9806.65 / (Math.PI * 0.04 * 0.04 / 4)) // rating over ram area, 15.6 MPa
                        .pumpFlowM3s(0.6e-6)                       // 0.6 cm³/s: ~7.8 kN/s on an elastic can, ~3.3 kN/s yielding
                        .oilVolumeM3(10e-6)                        // 10 cm³ in cylinder and block, no hoses
                        .oilBulkModulusPa(1.2e9)
                        .frameStiffnessNpm(200e6)                  // C-frame and die, 200 kN/mm
                        .releaseValveCoefficient(2e-10)
                        .reliefValveGainM3PerSPa(1e-12)
                        .leakCoefficientM3PerSPa(1e-18)
                        .strokeM(10e-3).contactTravelM(3e-3).initialGapM(0);
                // Load cell under the die: 30 kN, 1 N steps, 2 N rms; ram LVDT 20 mm, 1 µm
                s.loadCell.range(30e3).resolution(1).noiseRms(2);
                s.positionSensor.range(0.02).resolution(1e-6).noiseRms(0.5e-6);
                break;
            default:
                throw new IllegalArgumentException("the simulator has no model for device kind " + kind);
        }
        return s;
    }

    /** Checks every field of the groups this kind uses; the message names the first bad one. */
    public void validate() {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        Checks.range("sampleRateHz", sampleRateHz, 0.1, 100_000);
        Checks.range("latencySamples", latencySamples, 0, 100);
        Checks.range("integrationStepS", integrationStepS, 1e-6, 0.1);
        if (integrationStepS > 1 / sampleRateHz) {
            throw new IllegalArgumentException("integrationStepS (" + integrationStepS
                    + " s) must not exceed the sample period (" + 1 / sampleRateHz + " s)");
        }
        cell.validate();
        loadCell.validate("loadCell");
        pressureSensor.validate("pressureSensor");
        positionSensor.validate("positionSensor");
        temperatureSensor.validate("temperatureSensor");
        switch (kind) {
            case AUTOMATIC_HYDRAULIC_PRESS:
                hydraulics.validate();
                break;
            case MANUAL_HYDRAULIC_PRESS:
                hydraulics.validate();
                operator.validate();
                break;
            case HEATED_PRESS:
                hydraulics.validate();
                heater.validate();
                break;
            case SPRING_FRAME:
            case SCREW_FRAME:
            case MOTORIZED_FRAME:
                frame.validate();
                break;
            case ISOSTATIC_PRESS:
                vessel.validate();
                if (vessel.warm()) {
                    heater.validate();
                }
                break;
            case CRIMPER:
                hydraulics.validate();
                coinCan.validate();
                if (hydraulics.sealFrictionN() != 0 || hydraulics.ramMassKg() != 0 || hydraulics.valveDeadband() != 0) {
                    throw new IllegalArgumentException("hydraulics.sealFrictionN, ramMassKg and valveDeadband are not "
                            + "modelled for a CRIMPER; leave them 0");
                }
                if (hydraulics.contactTravelM() + coinCan.initialHeightM() > hydraulics.strokeM()) {
                    throw new IllegalArgumentException("hydraulics.strokeM (" + hydraulics.strokeM()
                            + " m) leaves no room to close the can: it must exceed contactTravelM + coinCan.initialHeightM");
                }
                break;
            default:
                throw new IllegalArgumentException("the simulator has no model for device kind " + kind);
        }
    }

    public DeviceKind kind() { return kind; }
    public String id() { return id; }
    public SimSpec id(String v) { id = v; return this; }
    public long seed() { return seed; }
    public SimSpec seed(long v) { seed = v; return this; }
    public String serial() { return serial; }
    public SimSpec serial(String v) { serial = v; return this; }
    public double sampleRateHz() { return sampleRateHz; }
    public SimSpec sampleRateHz(double v) { sampleRateHz = v; return this; }
    public int latencySamples() { return latencySamples; }
    public SimSpec latencySamples(int v) { latencySamples = v; return this; }
    public double integrationStepS() { return integrationStepS; }
    public SimSpec integrationStepS(double v) { integrationStepS = v; return this; }

    /** The cell stack (all kinds). */
    public CellParameters cell() { return cell; }
    /** The load cell, N (all kinds but the isostatic press). */
    public SensorParameters loadCell() { return loadCell; }
    /** Line pressure (hydraulic presses) or vessel pressure (isostatic), Pa. */
    public SensorParameters pressureSensor() { return pressureSensor; }
    /** Ram or crosshead position, m (hydraulic presses and motorized frame). */
    public SensorParameters positionSensor() { return positionSensor; }
    /** Temperature, K (heated press, warm isostatic press). */
    public SensorParameters temperatureSensor() { return temperatureSensor; }
    /** Hydraulics (automatic, manual and heated presses). */
    public HydraulicParameters hydraulics() { return hydraulics; }
    /** The operator (manual press). */
    public OperatorParameters operator() { return operator; }
    /** The frame (spring, screw and motorized frames). */
    public FrameParameters frame() { return frame; }
    /** The heater (heated press, warm isostatic press). */
    public HeaterParameters heater() { return heater; }
    /** The vessel (isostatic press). */
    public VesselParameters vessel() { return vessel; }
    /** The coin-cell can (crimper). @since 1.3 */
    public CoinCanParameters coinCan() { return coinCan; }
}
