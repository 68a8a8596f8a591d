package org.presslab.cycling.internal;

import java.io.IOException;
import java.time.Instant;

import org.presslab.cycling.CyclingFormatException;
import org.presslab.cycling.CyclingLog;

/**
 * Arbin MITS Pro CSV export: {@code Data_Point}, {@code Test_Time(s)}, {@code Date_Time}, {@code Step_Index},
 * {@code Cycle_Index}, {@code Current(A)} (negative on discharge), {@code Voltage(V)}, {@code Charge_Capacity(Ah)},
 * {@code Discharge_Capacity(Ah)}, and more we do not need; the column set of TRI's beep Arbin schema and of the
 * Arbin exports in public data sets. Units in the names are honoured (mA, mAh...).
 *
 * <p>Time is {@code Test_Time(s)}; the start is the first row's {@code Date_Time} minus its test time. Charge is
 * {@code Charge_Capacity - Discharge_Capacity}; both counters grow through a cycle and restart with the next
 * (Arbin's default), which {@link Charge} carries over.
 */
final class ArbinCsvReader implements CyclingReader {

    static final String FORMAT = "Arbin CSV";
    private static final String[] POINT = {"datapoint"};
    private static final String[] TEST_TIME = {"testtime(s)", "testtime(sec)", "testtime(h)", "testtime(min)"};
    private static final String[] DATE = {"datetime", "date"};
    private static final String[] STEP = {"stepindex"};
    private static final String[] CYCLE = {"cycleindex"};
    private static final String[] CURRENT = {"current(a)", "current(ma)", "current(ua)"};
    private static final String[] VOLTAGE = {"voltage(v)", "voltage(mv)"};
    private static final String[] CHARGE = {"chargecapacity(ah)", "chargecapacity(mah)"};
    private static final String[] DISCHARGE = {"dischargecapacity(ah)", "dischargecapacity(mah)"};

    @Override
    public String format() {
        return FORMAT;
    }

    private static boolean header(String[] n) {
        return CsvTable.column(n, TEST_TIME) >= 0 && CsvTable.column(n, CURRENT) >= 0 && CsvTable.column(n, VOLTAGE) >= 0
                && (CsvTable.column(n, POINT) >= 0 || CsvTable.column(n, CYCLE) >= 0);
    }

    @Override
    public int probe(byte[] head, String fileName) {
        String[] names = CsvTable.findHeader(Text.lines(Text.decode(head)), ArbinCsvReader::header);
        return names == null ? 0 : CERTAIN;
    }

    @Override
    public CyclingLog read(byte[] content, String source) throws IOException {
        CsvTable table = CsvTable.open(content, source, ArbinCsvReader::header,
                "Data_Point, Test_Time(s), Current(A) and Voltage(V)");
        int time = table.column(TEST_TIME);
        int date = table.column(DATE);
        int step = table.column(STEP);
        int cyc = table.column(CYCLE);
        int cur = table.column(CURRENT);
        int volt = table.column(VOLTAGE);
        int qc = table.column(CHARGE);
        int qd = table.column(DISCHARGE);
        double tScale = Units.time(Units.unit(table.names[time]));
        double iScale = Units.current(Units.unit(table.names[cur]));
        double vScale = Units.voltage(Units.unit(table.names[volt]));
        double qcScale = qc >= 0 ? Units.charge(Units.unit(table.names[qc])) : Double.NaN;
        double qdScale = qd >= 0 ? Units.charge(Units.unit(table.names[qd])) : Double.NaN;
        CyclingLog.Builder log = CyclingLog.builder(source, FORMAT).instrument("Arbin");
        log.put("headerLine", Long.toString(table.headerLine));
        Charge charge = new Charge();
        table.forEach(row -> {
            long ln = row.line();
            double t = Text.number(row.get(time), source, ln, table.names[time]) * tScale;
            if (log.size() == 0 && date >= 0) {
                Instant wall = Dates.parse(row.get(date));
                if (wall == null) {
                    throw CyclingFormatException.atLine(source, ln, table.names[date] + " is not a date and time "
                            + "(MM/dd/yyyy HH:mm:ss or yyyy-MM-dd HH:mm:ss): '" + Text.abbreviate(row.get(date).trim()) + "'");
                }
                log.start(wall.minusNanos(Math.round(t * 1e9)), row.get(date).trim());
                log.put("startFrom", "Date_Time of line " + ln + " minus its test time");
            }
            double current = Text.number(row.get(cur), source, ln, table.names[cur]) * iScale;
            double voltage = Text.number(row.get(volt), source, ln, table.names[volt]) * vScale;
            int cycleNo = cyc >= 0 ? Text.counter(row.get(cyc), source, ln, table.names[cyc]) : -1;
            double q = Double.NaN;
            if (qc >= 0 && qd >= 0) {
                double net = Text.number(row.get(qc), source, ln, table.names[qc]) * qcScale
                        - Text.number(row.get(qd), source, ln, table.names[qd]) * qdScale;
                q = charge.next(cycleNo, net);
            }
            if (step >= 0) {
                Text.counter(row.get(step), source, ln, table.names[step]);
            }
            Rows.add(log, t, current, voltage, q, cycleNo, -1, ln, source);
        });
        if (log.size() == 0) {
            throw CyclingFormatException.atLine(source, table.headerLine, "no data rows after the column names");
        }
        return log.build();
    }
}
