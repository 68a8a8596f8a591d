package org.presslab.cycling.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.presslab.cycling.CyclingFormatException;
import org.presslab.cycling.CyclingLog;

/**
 * BioLogic EC-Lab ASCII export (.mpt) of a galvanostatic technique (GCPL and its kin). Line 1
 * {@code EC-Lab ASCII FILE}, line 2 {@code Nb header lines : N}; line N holds the tab-separated column names,
 * data follow. Columns: {@code time/s}; {@code I/mA} or {@code <I>/mA}; {@code Ewe/V} or {@code <Ewe>/V};
 * charge from {@code (Q-Qo)/mA.h} (cumulative), else {@code Q charge/discharge/mA.h} (reset at each half cycle,
 * negative on discharge), else the sum of {@code dq/mA.h}; {@code cycle number}, {@code half cycle}. Decimal
 * commas are accepted. The header's "Acquisition started on" is the time of {@code time/s = 0}. A file with a
 * {@code freq/Hz} column is an impedance file and not read here.
 */
final class BioLogicMptReader implements CyclingReader {

    static final String FORMAT = "BioLogic .mpt (GCPL)";
    private static final Pattern HEADER_LINES = Pattern.compile("Nb header lines\\s*:\\s*(\\d{1,9})");

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int probe(byte[] head, String fileName) {
        List<String> lines = Text.lines(Text.decode(head));
        if (lines.isEmpty()) {
            return 0;
        }
        String first = lines.get(0).trim();
        if (!first.startsWith("EC-Lab ASCII FILE") && !first.startsWith("BT-Lab ASCII FILE")) {
            return headerless(first) ? CyclingReader.LIKELY : 0;
        }
        for (String line : lines) {
            if (line.contains("freq/Hz")) {
                return 0;
            }
            if (line.contains("time/s") && line.contains("\t") && voltage(line.split("\t", -1)) >= 0
                    && current(line.split("\t", -1)) >= 0) {
                return CyclingReader.CERTAIN;
            }
        }
        return POSSIBLE; // an EC-Lab file without freq/Hz whose column names the head does not show (or a damaged one)
    }

    private static boolean headerless(String first) {
        if (!first.contains("\t") || first.contains("freq/Hz")) {
            return false;
        }
        String[] names = first.split("\t", -1);
        return indexOf(names, "time/s") >= 0 && voltage(names) >= 0 && current(names) >= 0;
    }

    @Override
    public CyclingLog read(byte[] content, String source) throws IOException {
        List<String> lines = Text.lines(Text.decode(content));
        CyclingLog.Builder log = CyclingLog.builder(source, FORMAT).instrument("BioLogic");
        if (lines.isEmpty()) {
            throw CyclingFormatException.atLine(source, 1, "empty file: no column names");
        }
        int headerLine;
        String first = lines.get(0).trim();
        if (first.endsWith("ASCII FILE")) {
            if (lines.size() < 2) {
                throw CyclingFormatException.atLine(source, 1, "truncated: no 'Nb header lines' line after the title");
            }
            Matcher m = HEADER_LINES.matcher(lines.get(1));
            if (!m.find()) {
                throw CyclingFormatException.atLine(source, 2, "expected 'Nb header lines : N', found '"
                        + Text.abbreviate(lines.get(1).trim()) + "'");
            }
            headerLine = Integer.parseInt(m.group(1));
            if (headerLine < 3) {
                throw CyclingFormatException.atLine(source, 2, "'Nb header lines' is " + headerLine + ", must be at least 3");
            }
            if (headerLine > lines.size()) {
                throw CyclingFormatException.atLine(source, lines.size(), "truncated: header announces " + headerLine
                        + " lines but the file has " + lines.size());
            }
            readHeader(lines.subList(0, headerLine - 1), log, source);
        } else {
            headerLine = 1;
        }
        String[] names = lines.get(headerLine - 1).split("\t", -1);
        if (indexOf(names, "freq/Hz") >= 0) {
            throw CyclingFormatException.atLine(source, headerLine, "an impedance file (freq/Hz column), not a cycling log");
        }
        int tCol = indexOf(names, "time/s");
        int iCol = current(names);
        int vCol = voltage(names);
        if (tCol < 0 || iCol < 0 || vCol < 0) {
            throw CyclingFormatException.atLine(source, headerLine, "no cycling data: column(s) "
                    + (tCol < 0 ? "time/s " : "") + (iCol < 0 ? "I/mA " : "") + (vCol < 0 ? "Ewe/V " : "")
                    + "missing from the column names");
        }
        int qqo = indexOf(names, "(Q-Qo)/mA.h");
        int qcd = indexOf(names, "Q charge/discharge/mA.h");
        int dq = indexOf(names, "dq/mA.h");
        int cyc = indexOf(names, "cycle number");
        int half = indexOf(names, "half cycle");
        log.put("currentColumn", names[iCol].trim()).put("voltageColumn", names[vCol].trim());
        log.put("chargeColumn", qqo >= 0 ? "(Q-Qo)/mA.h" : qcd >= 0 ? "Q charge/discharge/mA.h" : dq >= 0 ? "dq/mA.h" : "none");
        int need = Math.max(Math.max(Math.max(tCol, iCol), Math.max(vCol, qqo)), Math.max(Math.max(qcd, dq),
                Math.max(cyc, half))) + 1;
        Charge counter = new Charge();
        double dqSum = 0;
        for (int i = headerLine; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            long ln = i + 1L;
            String[] v = line.split("\t", -1);
            if (v.length < need) {
                throw CyclingFormatException.atLine(source, ln, "truncated row: " + v.length + " values, the cycling "
                        + "columns need " + need);
            }
            double t = Text.number(v[tCol], source, ln, "time/s");
            double current = Text.number(v[iCol], source, ln, names[iCol].trim()) * 1e-3;
            double volt = Text.number(v[vCol], source, ln, names[vCol].trim());
            int halfNo = half >= 0 ? Text.counter(v[half], source, ln, "half cycle") : -1;
            int cycleNo = cyc >= 0 ? Text.counter(v[cyc], source, ln, "cycle number") : -1;
            double q = Double.NaN;
            if (qqo >= 0) {
                q = Text.number(v[qqo], source, ln, "(Q-Qo)/mA.h") * 3.6;
            } else if (qcd >= 0) {
                double qh = Text.number(v[qcd], source, ln, "Q charge/discharge/mA.h") * 3.6;
                q = counter.next(halfNo >= 0 ? halfNo : Math.signum(qh), qh);
            } else if (dq >= 0) {
                dqSum += Text.number(v[dq], source, ln, "dq/mA.h") * 3.6;
                q = dqSum;
            }
            Rows.add(log, t, current, volt, q, cycleNo, halfNo, ln, source);
        }
        if (log.size() == 0) {
            throw CyclingFormatException.atLine(source, headerLine, "no data rows after the column names");
        }
        return log.build();
    }

    static int current(String[] names) {
        int i = indexOf(names, "I/mA");
        return i >= 0 ? i : indexOf(names, "<I>/mA");
    }

    static int voltage(String[] names) {
        int i = indexOf(names, "Ewe/V");
        return i >= 0 ? i : indexOf(names, "<Ewe>/V");
    }

    static int indexOf(String[] names, String wanted) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].trim().equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static void readHeader(List<String> header, CyclingLog.Builder log, String source) {
        if (header.size() > 3 && !header.get(3).isBlank()) {
            log.put("technique", header.get(3).trim());
        }
        for (int i = 0; i < header.size(); i++) {
            String line = header.get(i).trim();
            int colon = line.indexOf(" : ");
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 3).trim();
            switch (key) {
                case "Device" -> log.instrument("BioLogic " + value);
                case "Run on channel" -> log.put("channel", value);
                case "Acquisition started on" -> {
                    Instant start = BioLogicTime.parse(value);
                    if (start != null) {
                        log.start(start, value);
                        log.put("startFrom", "header line " + (i + 1));
                    } else {
                        log.put("startUnreadable", value);
                    }
                }
                default -> {
                    // other settings are not needed
                }
            }
        }
    }
}
