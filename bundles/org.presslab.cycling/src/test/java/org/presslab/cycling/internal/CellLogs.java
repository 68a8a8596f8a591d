package org.presslab.cycling.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Generated galvanostatic cycling logs of a sodium full cell (Na metal | NASICON | Na3V2(PO4)3 cathode) and
 * writers for each vendor layout. GENERATED, NOT VENDOR FILES: the layouts follow the vendors' documented
 * columns (README, "Fixtures"); no real cycling file was available offline.
 *
 * <p>Model: open-circuit voltage of the NVP two-phase plateau, 3.37 V at mid state of charge, with a log term
 * that steepens it near empty and full; an ohmic term (cell resistance 150 ohm, a solid-state cell of
 * 0.785 cm2 at about 120 ohm cm2); Gaussian measurement noise (1 mV default). Constant current charge to
 * 3.8 V, rest 60 s, discharge to 2.8 V, rest 60 s, repeated. Current positive while charging.
 */
final class CellLogs {

    /** A log as columns. */
    static final class Data {
        final double[] t;
        final double[] i;
        final double[] v;
        final double[] q; // net charge, C
        final int[] cycle;
        final int[] half;
        final int[] step; // 1 charge, 2 rest, 3 discharge, 4 rest (per cycle)
        final int n;

        Data(int n) {
            this.n = n;
            t = new double[n];
            i = new double[n];
            v = new double[n];
            q = new double[n];
            cycle = new int[n];
            half = new int[n];
            step = new int[n];
        }
    }

    static final Instant START = LocalDateTime.of(2026, 11, 30, 9, 15, 32, 250_000_000).toInstant(ZoneOffset.UTC);
    static final double CAPACITY_C = 0.5 * 3.6; // 0.5 mAh
    static final double CURRENT_A = 0.25e-3; // C/2
    static final double R_OHM = 150;

    /** Optional short circuit: at {@code atS} (during a charge) the voltage collapses. */
    record Short(double atS, boolean hard) {
    }

    static double ocv(double soc) {
        double s = Math.min(0.999, Math.max(0.001, soc));
        return 3.37 + 0.04 * (s - 0.5) + 0.025 * Math.log(s / (1 - s));
    }

    /** {@code cycles} full cycles sampled every {@code dt} s, noise sigma {@code noiseV}, optional short. */
    static Data generate(int cycles, double dt, double noiseV, Short shortCircuit, long seed) {
        Random rnd = new Random(seed);
        int max = (int) (cycles * (2 * CAPACITY_C / CURRENT_A + 240) / dt) + 10;
        Data d = new Data(max);
        double soc = 0.02;
        double q = 0;
        double t = 0;
        int k = 0;
        double shortV = Double.NaN;
        boolean shorted = false;
        for (int c = 0; c < cycles && k < max; c++) {
            for (int step = 1; step <= 4 && k < max; step++) {
                double current = step == 1 ? CURRENT_A : step == 3 ? -CURRENT_A : 0;
                double stepTime = 0;
                while (k < max) {
                    double ideal = ocv(soc) + current * R_OHM;
                    double v = ideal + noiseV * rnd.nextGaussian();
                    if (shortCircuit != null && t >= shortCircuit.atS() && step == 1) {
                        shorted = true;
                    }
                    if (shorted) {
                        if (shortCircuit.hard()) {
                            v = 0.015 + 0.002 * rnd.nextGaussian(); // a metal path of a few ohm: near 0 V
                        } else {
                            if (Double.isNaN(shortV)) {
                                shortV = ideal - 0.3;
                            }
                            shortV += 0.002 * (ideal - 0.15 - shortV); // partial recovery, dendrite burns and regrows
                            v = shortV + 0.03 * rnd.nextGaussian(); // the noisy voltage of a soft short
                        }
                    }
                    d.t[k] = t;
                    d.i[k] = current;
                    d.v[k] = v;
                    d.q[k] = q;
                    d.cycle[k] = c;
                    d.half[k] = step <= 2 ? 2 * c : 2 * c + 1;
                    d.step[k] = step + 4 * c;
                    k++;
                    boolean done = switch (step) {
                        case 1 -> ideal >= 3.8 || soc >= 0.98 || (shorted && t - shortCircuit.atS() > 300);
                        case 3 -> ideal <= 2.8 || soc <= 0.02;
                        default -> stepTime >= 60;
                    };
                    if (done) {
                        break;
                    }
                    t += dt;
                    stepTime += dt;
                    if (!shorted) {
                        soc += current * dt / CAPACITY_C;
                    }
                    q += current * dt;
                }
                if (shorted) {
                    shortV = Double.NaN;
                    shorted = false;
                    shortCircuit = null; // one event
                }
                t += dt;
            }
        }
        Data out = new Data(k);
        System.arraycopy(d.t, 0, out.t, 0, k);
        System.arraycopy(d.i, 0, out.i, 0, k);
        System.arraycopy(d.v, 0, out.v, 0, k);
        System.arraycopy(d.q, 0, out.q, 0, k);
        System.arraycopy(d.cycle, 0, out.cycle, 0, k);
        System.arraycopy(d.half, 0, out.half, 0, k);
        System.arraycopy(d.step, 0, out.step, 0, k);
        return out;
    }

    static Data clean() {
        return generate(3, 5, 0.001, null, 1);
    }

    // ---- writers ----

    /** EC-Lab .mpt, GCPL columns; decimal comma when {@code comma}. */
    static byte[] mpt(Data d, boolean comma) {
        String[] header = {
            "EC-Lab ASCII FILE", "Nb header lines : 13", "", "Galvanostatic Cycling with Potential Limitation", "",
            "Run on channel : 3 (SN 0815)", "Device : VMP-300", "Electrode material : NVP",
            "Acquisition started on : " + DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss.SSS", Locale.ROOT)
                    .format(LocalDateTime.ofInstant(START, ZoneOffset.UTC)),
            "Saved on :", "Cycle Definition : Charge/Discharge alternance", "",
            "mode\tox/red\terror\tcontrol changes\tNs changes\tcounter inc.\tNs\ttime/s\tcontrol/V/mA\tEwe/V\tI/mA"
                    + "\tdq/mA.h\t(Q-Qo)/mA.h\thalf cycle\tQ charge/discharge/mA.h\tcycle number\t"};
        StringBuilder b = new StringBuilder();
        for (String h : header) {
            b.append(h).append("\r\n");
        }
        double qHalfStart = 0;
        for (int k = 0; k < d.n; k++) {
            if (k > 0 && d.half[k] != d.half[k - 1]) {
                qHalfStart = d.q[k - 1];
            }
            double dq = k == 0 ? 0 : d.q[k] - d.q[k - 1];
            String row = String.format(Locale.ROOT, "%d\t%d\t0\t0\t0\t0\t%d\t%.15E\t%.6E\t%.7E\t%.6E\t%.6E\t%.6E\t%d\t%.6E\t%.6E",
                    d.i[k] == 0 ? 3 : 1, d.i[k] >= 0 ? 1 : 0, d.step[k] % 4, d.t[k] + 0.1234, d.i[k] * 1e3, d.v[k],
                    d.i[k] * 1e3, dq / 3.6, d.q[k] / 3.6, d.half[k], (d.q[k] - qHalfStart) / 3.6, (double) d.cycle[k]);
            b.append(comma ? row.replace('.', ',') : row).append("\t\r\n");
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** EC-Lab .mpr: VMP Set, VMP data (version 2 or 3), VMP LOG with the start as an OLE date. */
    static byte[] mpr(Data d, int version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = new byte[52];
        java.util.Arrays.fill(head, 0, 48, (byte) ' ');
        byte[] magic = "BIO-LOGIC MODULAR FILE\u001a".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, head, 0, magic.length);
        out.writeBytes(head);
        out.writeBytes(module("VMP Set", 0, new byte[64]));
        // flags, Ns (u2), time/s (d), control/V/mA (f), Ewe/V (f), I/mA (f), dq/mA.h (d), (Q-Qo)/mA.h (d),
        // half cycle (u4), Q charge/discharge/mA.h (d), cycle number (d)
        int[] ids = {1, 2, 131, 4, 5, 6, 8, 7, 13, 468, 467, 24};
        int recordSize = 1 + 2 + 8 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + 8;
        int recordStart = version == 2 ? 0x195 : 0x196;
        ByteBuffer b = ByteBuffer.allocate(recordStart + d.n * recordSize).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(d.n).put((byte) ids.length);
        for (int id : ids) {
            b.putShort((short) id);
        }
        b.position(recordStart);
        double qHalfStart = 0;
        for (int k = 0; k < d.n; k++) {
            if (k > 0 && d.half[k] != d.half[k - 1]) {
                qHalfStart = d.q[k - 1];
            }
            b.put((byte) 0).putShort((short) (d.step[k] % 4)).putDouble(d.t[k]).putFloat((float) (d.i[k] * 1e3))
                    .putFloat((float) d.v[k]).putFloat((float) (d.i[k] * 1e3))
                    .putDouble(k == 0 ? 0 : (d.q[k] - d.q[k - 1]) / 3.6).putDouble(d.q[k] / 3.6).putInt(d.half[k])
                    .putDouble((d.q[k] - qHalfStart) / 3.6).putDouble(d.cycle[k]);
        }
        out.writeBytes(module("VMP data", version, b.array()));
        byte[] log = new byte[0x3e0];
        ByteBuffer lb = ByteBuffer.wrap(log).order(ByteOrder.LITTLE_ENDIAN);
        double days = Duration.between(LocalDateTime.of(1899, 12, 30, 0, 0).toInstant(ZoneOffset.UTC), START).toMillis()
                / 86_400_000d;
        lb.putDouble(0x249, days);
        log[0x3cf] = 4;
        System.arraycopy("0815".getBytes(StandardCharsets.US_ASCII), 0, log, 0x3d0, 4);
        out.writeBytes(module("VMP LOG", 0, log));
        return out.toByteArray();
    }

    private static byte[] module(String name, int version, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(6 + 51 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("MODULE".getBytes(StandardCharsets.US_ASCII));
        b.put(fixed(name, 10)).put(fixed(name + " long name", 25));
        b.putInt(body.length).putInt(version);
        b.put(fixed("11/30/26", 8));
        b.put(body);
        return b.array();
    }

    private static byte[] fixed(String s, int n) {
        byte[] out = new byte[n];
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, out, 0, Math.min(n, t.length));
        return out;
    }

    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** Neware BTSDA record sheet as CSV: step time h:mm:ss.fff, Realtime to the second, per-step capacity. */
    static byte[] neware(Data d) {
        StringBuilder b = new StringBuilder(
                "Record ID,Cycle ID,Step ID,Step Type,Time,Current(mA),Voltage(V),Capacity(mAh),Energy(mWh),Realtime\r\n");
        int stepStart = 0;
        for (int k = 0; k < d.n; k++) {
            if (k > 0 && d.step[k] != d.step[k - 1]) {
                stepStart = k;
            }
            double st = d.t[k] - d.t[stepStart];
            String type = switch ((d.step[k] - 1) % 4) {
                case 0 -> "CC_Chg";
                case 2 -> "CC_DChg";
                default -> "Rest";
            };
            double cap = Math.abs(d.q[k] - d.q[stepStart]) / 3.6;
            Instant wall = START.plusMillis(Math.round(d.t[k] * 1000));
            b.append(String.format(Locale.ROOT, "%d,%d,%d,%s,%s,%.4f,%.4f,%.4f,%.4f,%s\r\n", k + 1, d.cycle[k] + 1,
                    d.step[k], type, hms(st), Math.abs(d.i[k]) * 1e3, d.v[k], cap, cap * d.v[k],
                    ISO_SECONDS.format(LocalDateTime.ofInstant(wall.minusNanos(wall.getNano()), ZoneOffset.UTC))));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String hms(double s) {
        long ms = Math.round(s * 1000);
        return String.format(Locale.ROOT, "%d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    /** Arbin MITS Pro CSV: Test_Time(s), Date_Time (US order), counters per cycle in Ah. */
    static byte[] arbin(Data d) {
        StringBuilder b = new StringBuilder("Data_Point,Test_Time(s),Date_Time,Step_Time(s),Step_Index,Cycle_Index,"
                + "Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah),Charge_Energy(Wh),Discharge_Energy(Wh),"
                + "dV/dt(V/s),Internal_Resistance(Ohm)\r\n");
        DateTimeFormatter us = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss.SSS", Locale.ROOT);
        double qc = 0;
        double qd = 0;
        int stepStart = 0;
        for (int k = 0; k < d.n; k++) {
            if (k > 0 && d.cycle[k] != d.cycle[k - 1]) {
                qc = 0;
                qd = 0;
            }
            if (k > 0 && d.step[k] != d.step[k - 1]) {
                stepStart = k;
            }
            if (k > 0) {
                double dq = d.q[k] - d.q[k - 1];
                if (dq > 0) {
                    qc += dq;
                } else {
                    qd -= dq;
                }
            }
            b.append(String.format(Locale.ROOT, "%d,%.4f,%s,%.4f,%d,%d,%.6E,%.6f,%.9E,%.9E,0,0,0,0.15\r\n", k + 1, d.t[k],
                    us.format(LocalDateTime.ofInstant(START.plusMillis(Math.round(d.t[k] * 1000)), ZoneOffset.UTC)),
                    d.t[k] - d.t[stepStart], (d.step[k] - 1) % 4 + 1, d.cycle[k] + 1, d.i[k], d.v[k], qc / 3600, qd / 3600));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Plain CSV: time/s, current/mA, voltage/V. */
    static byte[] plain(Data d) {
        StringBuilder b = new StringBuilder("time/s,current/mA,voltage/V\n");
        for (int k = 0; k < d.n; k++) {
            b.append(String.format(Locale.ROOT, "%.3f,%.6f,%.6f\n", d.t[k], d.i[k] * 1e3, d.v[k]));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
