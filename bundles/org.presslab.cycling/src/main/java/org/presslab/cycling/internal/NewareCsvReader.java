package org.presslab.cycling.internal;

import java.io.IOException;
import java.time.Instant;

import org.presslab.cycling.CyclingFormatException;
import org.presslab.cycling.CyclingLog;

/**
 * Neware BTSDA "record" sheet exported to CSV: {@code Record ID} (or {@code Record Index}), {@code Step Type}
 * ({@code CC_Chg}, {@code CC_DChg}, {@code CCCV_Chg}, {@code Rest}...), a step time {@code Time} or
 * {@code Time(h:min:s.ms)} ({@code h:mm:ss.fff}, restarting at each step), {@code Current(mA)} (or A),
 * {@code Voltage(V)}, {@code Capacity(mAh)} (per step, never negative) and {@code Realtime} (local wall clock);
 * optional {@code Cycle ID}, {@code Step ID}. Column names as in TRI's beep Neware schema and BTSDA 7.6 exports.
 *
 * <p>Time axis: each step's first record fixes the step's start on the wall clock ({@code Realtime} minus the step
 * time), and a record's time is that plus its step time, so the axis has the step time's resolution and the
 * wall clock's continuity; without {@code Realtime} the step times are chained. Current is made negative on
 * discharge steps when the file writes magnitudes. Charge: each step's capacity, signed by the current,
 * accumulated over steps.
 */
final class NewareCsvReader implements CyclingReader {

    static final String FORMAT = "Neware CSV";
    private static final String[] RECORD = {"recordid", "recordindex", "record"};
    private static final String[] STEP_TYPE = {"steptype", "stepname", "status"};
    private static final String[] STEP_ID = {"stepid", "stepindex", "steps", "step"};
    private static final String[] CYCLE = {"cycleid", "cycleindex", "cycle"};
    private static final String[] STEP_TIME = {"time(h:min:s.ms)", "relativetime(h:min:s.ms)", "time", "steptime",
            "steptime(h:min:s.ms)"};
    private static final String[] CURRENT = {"current(ma)", "current(a)", "cur(ma)", "current(ua)"};
    private static final String[] VOLTAGE = {"voltage(v)", "voltage(mv)"};
    private static final String[] CAPACITY = {"capacity(mah)", "capacity(ah)", "capacity(uah)"};
    private static final String[] REALTIME = {"realtime", "absolutetime", "systemtime", "date"};

    @Override
    public String format() {
        return FORMAT;
    }

    private static boolean header(String[] n) {
        return CsvTable.column(n, RECORD) >= 0 && CsvTable.column(n, CURRENT) >= 0 && CsvTable.column(n, VOLTAGE) >= 0
                && (CsvTable.column(n, STEP_TIME) >= 0 || CsvTable.column(n, REALTIME) >= 0);
    }

    @Override
    public int probe(byte[] head, String fileName) {
        String[] names = CsvTable.findHeader(Text.lines(Text.decode(head)), NewareCsvReader::header);
        if (names == null) {
            return 0;
        }
        return CsvTable.column(names, STEP_TYPE) >= 0 ? CERTAIN : LIKELY;
    }

    @Override
    public CyclingLog read(byte[] content, String source) throws IOException {
        CsvTable table = CsvTable.open(content, source, NewareCsvReader::header,
                "Record ID, Current(mA), Voltage(V) and Time or Realtime");
        int rec = table.column(RECORD);
        int type = table.column(STEP_TYPE);
        int stepId = table.column(STEP_ID);
        int cyc = table.column(CYCLE);
        int stepTime = table.column(STEP_TIME);
        int cur = table.column(CURRENT);
        int volt = table.column(VOLTAGE);
        int cap = table.column(CAPACITY);
        int real = table.column(REALTIME);
        double iScale = Units.current(Units.unit(table.names[cur]));
        double vScale = Units.voltage(Units.unit(table.names[volt]));
        double qScale = cap >= 0 ? Units.charge(Units.unit(table.names[cap])) : Double.NaN;
        CyclingLog.Builder log = CyclingLog.builder(source, FORMAT).instrument("Neware");
        log.put("headerLine", Long.toString(table.headerLine));
        log.put("timeFrom", real >= 0 ? "Realtime + step time" : "chained step times");
        State s = new State();
        table.forEach(row -> {
            long ln = row.line();
            String recText = row.get(rec).trim();
            if (recText.isEmpty()) {
                throw CyclingFormatException.atLine(source, ln, "Record ID is empty");
            }
            String typeText = type >= 0 ? row.get(type).trim() : "";
            String stepKey = stepId >= 0 ? row.get(stepId).trim() : typeText;
            double current = Text.number(row.get(cur), source, ln, table.names[cur]) * iScale;
            if (isDischarge(typeText) && current > 0) {
                current = -current;
            }
            double voltage = Text.number(row.get(volt), source, ln, table.names[volt]) * vScale;
            double st = Double.NaN;
            if (stepTime >= 0) {
                st = Dates.duration(row.get(stepTime));
                if (Double.isNaN(st)) {
                    throw CyclingFormatException.atLine(source, ln, table.names[stepTime] + " is not a duration "
                            + "(h:mm:ss.fff or seconds): '" + Text.abbreviate(row.get(stepTime).trim()) + "'");
                }
            }
            Instant wall = null;
            if (real >= 0) {
                wall = Dates.parse(row.get(real));
                if (wall == null) {
                    throw CyclingFormatException.atLine(source, ln, table.names[real] + " is not a date and time "
                            + "(yyyy-MM-dd HH:mm:ss): '" + Text.abbreviate(row.get(real).trim()) + "'");
                }
            }
            boolean newStep = s.rows == 0 || !stepKey.equals(s.stepKey) || (!Double.isNaN(st) && st < s.lastStepTime);
            double t;
            if (wall != null) {
                if (s.start == null) {
                    s.start = wall.minusNanos(Math.round((Double.isNaN(st) ? 0 : st) * 1e9));
                    log.start(s.start, row.get(real).trim());
                }
                double wallS = (wall.getEpochSecond() - s.start.getEpochSecond())
                        + (wall.getNano() - s.start.getNano()) * 1e-9;
                if (newStep) {
                    s.stepStart = wallS - (Double.isNaN(st) ? 0 : st);
                }
                t = Double.isNaN(st) ? wallS : s.stepStart + st;
            } else {
                if (newStep) {
                    s.stepStart = s.rows == 0 ? 0 : s.lastTime;
                }
                t = s.stepStart + st;
            }
            if (newStep) {
                s.step++;
            }
            double q = Double.NaN;
            if (cap >= 0) {
                double qStep = Math.abs(Text.number(row.get(cap), source, ln, table.names[cap]) * qScale);
                q = s.charge.next(s.step, current < 0 || isDischarge(typeText) ? -qStep : qStep);
            }
            int cycleNo = cyc >= 0 ? Text.counter(row.get(cyc), source, ln, table.names[cyc]) : -1;
            Rows.add(log, t, current, voltage, q, cycleNo, -1, ln, source);
            s.rows++;
            s.stepKey = stepKey;
            s.lastStepTime = Double.isNaN(st) ? 0 : st;
            s.lastTime = t;
        });
        if (log.size() == 0) {
            throw CyclingFormatException.atLine(source, table.headerLine, "no data rows after the column names");
        }
        return log.build();
    }

    private static boolean isDischarge(String stepType) {
        String t = stepType.toLowerCase(java.util.Locale.ROOT);
        return t.contains("dchg") || t.contains("discharge");
    }

    private static final class State {
        long rows;
        String stepKey = "";
        int step;
        double stepStart;
        double lastStepTime;
        double lastTime;
        Instant start;
        final Charge charge = new Charge();
    }
}
