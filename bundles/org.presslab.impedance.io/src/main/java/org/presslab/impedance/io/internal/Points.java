package org.presslab.impedance.io.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumMetadata;

/**
 * Collects points of one file, checks them (frequency positive, Z finite) with the line or byte
 * offset of each, and splits them into sweeps.
 */
final class Points {

    private final String source;
    private final Loc kind;
    private double[] f = new double[64];
    private double[] re = new double[64];
    private double[] im = new double[64];
    private double[] cycle = new double[64];
    private double[] tempC = new double[64];
    private long[] where = new long[64];
    private int n;
    private int skippedDc;

    /** What a location number means. */
    enum Loc { LINE, BYTE, POINT }

    Points(String source, Loc kind) {
        this.source = source;
        this.kind = kind;
    }

    private SpectrumFormatException error(long loc, String problem) {
        return switch (kind) {
            case BYTE -> SpectrumFormatException.atByte(source, loc, problem);
            case LINE -> SpectrumFormatException.atLine(source, (int) loc, problem);
            case POINT -> SpectrumFormatException.inFile(source, (loc >= 0 ? "point " + loc + ": " : "") + problem);
        };
    }

    /**
     * Adds a point; Z'' with the electrochemical sign (negative = capacitive).
     *
     * @param cycleNo sweep/cycle number or NaN when the file has none
     * @param loc line number (1-based), byte offset or point index
     */
    void add(double freq, double real, double imag, double cycleNo, long loc) throws SpectrumFormatException {
        add(freq, real, imag, cycleNo, Double.NaN, loc);
    }

    /**
     * Adds a point with the cell temperature in degrees Celsius recorded with it (NaN if none);
     * a spectrum's temperature is the mean over its points.
     */
    void add(double freq, double real, double imag, double cycleNo, double temperatureC, long loc)
            throws SpectrumFormatException {
        if (Double.isNaN(freq) || Double.isNaN(real) || Double.isNaN(imag)) {
            throw error(loc, "value is NaN (frequency " + freq + " Hz, Z' " + real + ", Z'' " + imag + ")");
        }
        if (Double.isInfinite(freq) || Double.isInfinite(real) || Double.isInfinite(imag)) {
            throw error(loc, "value is infinite (frequency " + freq + " Hz, Z' " + real + ", Z'' " + imag + ")");
        }
        if (freq == 0 && real == 0 && imag == 0) {
            skippedDc++; // a DC/wait row written between sweeps: no impedance measured
            return;
        }
        if (!(freq > 0)) {
            throw error(loc, "frequency must be positive, is " + freq + " Hz");
        }
        if (n == f.length) {
            int c = n * 2;
            f = Arrays.copyOf(f, c);
            re = Arrays.copyOf(re, c);
            im = Arrays.copyOf(im, c);
            cycle = Arrays.copyOf(cycle, c);
            tempC = Arrays.copyOf(tempC, c);
            where = Arrays.copyOf(where, c);
        }
        f[n] = freq;
        re[n] = real;
        im[n] = imag;
        cycle[n] = cycleNo;
        tempC[n] = temperatureC;
        where[n] = loc;
        n++;
    }

    int size() {
        return n;
    }

    /** Rows with f = 0 and Z' = Z'' = 0 that were skipped. */
    int skippedDcRows() {
        return skippedDc;
    }

    private SpectrumMetadata withSkipped(SpectrumMetadata meta) {
        if (skippedDc == 0) {
            return meta;
        }
        java.util.Map<String, String> extra = new java.util.LinkedHashMap<>(meta.extra());
        extra.put("skippedDcRows", Integer.toString(skippedDc));
        return new SpectrumMetadata(meta.source(), meta.instrument(), meta.format(), meta.measuredAt(),
                meta.temperatureK(), meta.cellDiameterM(), meta.cellThicknessM(), meta.stackPressurePa(), extra);
    }

    /**
     * One spectrum of all points.
     *
     * @throws SpectrumFormatException if there are none
     */
    Spectrum single(SpectrumMetadata meta, long endLoc) throws SpectrumFormatException {
        if (n == 0) {
            throw error(endLoc, "no impedance data points" + (skippedDc > 0 ? " (" + skippedDc
                    + " rows with frequency 0 and Z = 0 only)" : ""));
        }
        return new Spectrum(Arrays.copyOf(f, n), Arrays.copyOf(re, n), Arrays.copyOf(im, n),
                withTemperature(withSkipped(meta), 0, n));
    }

    /**
     * Splits into sweeps: a new sweep starts where the cycle number changes, or where the
     * frequency turns against the direction of the running sweep (a new sweep from the start
     * frequency). Each spectrum's metadata gets {@code extra.sweep} (1-based) and, if known,
     * {@code extra.cycle}.
     */
    List<Spectrum> sweeps(SpectrumMetadata meta, long endLoc) throws SpectrumFormatException {
        if (n == 0) {
            throw error(endLoc, "no impedance data points" + (skippedDc > 0 ? " (" + skippedDc
                    + " rows with frequency 0 and Z = 0 only)" : ""));
        }
        List<int[]> ranges = new ArrayList<>();
        int start = 0;
        int dir = 0;
        for (int i = 1; i < n; i++) {
            boolean cycleChange = !Double.isNaN(cycle[i]) && !Double.isNaN(cycle[i - 1]) && cycle[i] != cycle[i - 1];
            int step = Double.compare(f[i], f[i - 1]);
            boolean reversal = dir != 0 && step != 0 && step != dir;
            if (cycleChange || reversal) {
                ranges.add(new int[] {start, i});
                start = i;
                dir = 0;
            } else if (dir == 0 && step != 0) {
                dir = step;
            }
        }
        ranges.add(new int[] {start, n});
        List<Spectrum> out = new ArrayList<>(ranges.size());
        int sweep = 1;
        for (int[] r : ranges) {
            java.util.Map<String, String> extra = new java.util.LinkedHashMap<>(withSkipped(meta).extra());
            if (ranges.size() > 1) {
                extra.put("sweep", Integer.toString(sweep));
            }
            if (!Double.isNaN(cycle[r[0]])) {
                extra.put("cycle", formatCycle(cycle[r[0]]));
            }
            extra.put(kind == Loc.BYTE ? "firstByteOffset" : kind == Loc.LINE ? "firstLine" : "firstPoint",
                    Long.toString(where[r[0]]));
            SpectrumMetadata m = withTemperature(new SpectrumMetadata(meta.source(), meta.instrument(), meta.format(),
                    meta.measuredAt(), meta.temperatureK(), meta.cellDiameterM(), meta.cellThicknessM(),
                    meta.stackPressurePa(), extra), r[0], r[1]);
            out.add(new Spectrum(Arrays.copyOfRange(f, r[0], r[1]), Arrays.copyOfRange(re, r[0], r[1]),
                    Arrays.copyOfRange(im, r[0], r[1]), m));
            sweep++;
        }
        return out;
    }

    /** Sets the mean recorded temperature of points [from, to) when the header gave none. */
    private SpectrumMetadata withTemperature(SpectrumMetadata meta, int from, int to) {
        if (!Double.isNaN(meta.temperatureK())) {
            return meta;
        }
        double sum = 0;
        int k = 0;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(tempC[i]) && tempC[i] > -273.15) {
                sum += tempC[i];
                k++;
            }
        }
        return k == 0 ? meta : meta.withTemperatureK(sum / k + 273.15);
    }

    private static String formatCycle(double c) {
        return c == Math.rint(c) ? Long.toString((long) c) : Double.toString(c);
    }
}
