package org.presslab.cycling.internal;

import java.io.IOException;

import org.presslab.cycling.CyclingFormatException;
import org.presslab.cycling.CyclingLog;

/**
 * A plain delimited file of time, current and voltage with a header naming the units, e.g.
 * {@code time/s,current/mA,voltage/V} or {@code Time (h); Current (A); Voltage (V)} (',', ';' or tab; decimal
 * commas with ';' or tab). Names: time/t; current/I; voltage/potential/Ewe/U/E. Units: s, ms, min, h; A, mA, uA,
 * nA; V, mV. An optional charge or capacity column (Ah, mAh, C) is taken as net charge; without one the charge is
 * integrated from the current. A column without a unit is an error: the file cannot say what it measures.
 */
final class PlainCsvReader implements CyclingReader {

    static final String FORMAT = "CSV (time, current, voltage)";
    private static final String[] TIME = {"time", "t", "testtime", "elapsedtime"};
    private static final String[] CURRENT = {"current", "i"};
    private static final String[] VOLTAGE = {"voltage", "potential", "ewe", "u", "e", "cellvoltage"};
    private static final String[] CHARGE = {"charge", "capacity", "q"};

    @Override
    public String format() {
        return FORMAT;
    }

    private static int col(String[] names, String[] wanted) {
        String[] bases = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            bases[i] = Units.base(names[i]);
        }
        for (String w : wanted) {
            for (int i = 0; i < names.length; i++) {
                if (bases[i].equals(w)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean header(String[] n) {
        return col(n, TIME) >= 0 && col(n, CURRENT) >= 0 && col(n, VOLTAGE) >= 0
                && col(n, new String[] {"freq", "f", "frequency"}) < 0; // an impedance table is not a cycling log
    }

    @Override
    public int probe(byte[] head, String fileName) {
        String[] names = CsvTable.findHeader(Text.lines(Text.decode(head)), PlainCsvReader::header);
        if (names == null) {
            return 0;
        }
        boolean units = !Double.isNaN(Units.time(Units.unit(names[col(names, TIME)])))
                && !Double.isNaN(Units.current(Units.unit(names[col(names, CURRENT)])))
                && !Double.isNaN(Units.voltage(Units.unit(names[col(names, VOLTAGE)])));
        return units ? POSSIBLE : 20; // without units still claimed, so that the error says what is missing
    }

    @Override
    public CyclingLog read(byte[] content, String source) throws IOException {
        CsvTable table = CsvTable.open(content, source, PlainCsvReader::header,
                "time, current and voltage columns (e.g. time/s,current/mA,voltage/V)");
        int time = col(table.names, TIME);
        int cur = col(table.names, CURRENT);
        int volt = col(table.names, VOLTAGE);
        int q = col(table.names, CHARGE);
        double tScale = scale(table, time, Units.time(Units.unit(table.names[time])), "time", "s, ms, min or h");
        double iScale = scale(table, cur, Units.current(Units.unit(table.names[cur])), "current", "A, mA, uA or nA");
        double vScale = scale(table, volt, Units.voltage(Units.unit(table.names[volt])), "voltage", "V or mV");
        double qScale = q >= 0 ? scale(table, q, Units.charge(Units.unit(table.names[q])), "charge", "Ah, mAh or C")
                : Double.NaN;
        CyclingLog.Builder log = CyclingLog.builder(source, FORMAT);
        log.put("headerLine", Long.toString(table.headerLine));
        table.forEach(row -> {
            long ln = row.line();
            double t = Text.number(row.get(time), source, ln, table.names[time]) * tScale;
            double i = Text.number(row.get(cur), source, ln, table.names[cur]) * iScale;
            double v = Text.number(row.get(volt), source, ln, table.names[volt]) * vScale;
            double c = q >= 0 ? Text.number(row.get(q), source, ln, table.names[q]) * qScale : Double.NaN;
            Rows.add(log, t, i, v, c, -1, -1, ln, source);
        });
        if (log.size() == 0) {
            throw CyclingFormatException.atLine(source, table.headerLine, "no data rows after the column names");
        }
        return log.build();
    }

    private static double scale(CsvTable table, int col, double factor, String what, String units)
            throws CyclingFormatException {
        if (Double.isNaN(factor)) {
            String unit = Units.unit(table.names[col]);
            throw CyclingFormatException.atLine(table.source, table.headerLine, "the " + what + " column '"
                    + Text.abbreviate(table.names[col]) + "' " + (unit.isEmpty() ? "names no unit" : "has unit '" + unit
                    + "', not one of " + units) + "; name it like " + what + "/" + units.split("[, ]")[0]);
        }
        return factor;
    }
}
