package org.presslab.cycling.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.presslab.cycling.CyclingFormatException;
import org.presslab.cycling.CyclingLog;

/**
 * BioLogic EC-Lab binary file (.mpr) of a galvanostatic technique. The module structure is the one the
 * impedance importer reads (org.presslab.impedance.io's BioLogicMprReader, after galvani and yadg):
 *
 * <pre>
 * 0x00  "BIO-LOGIC MODULAR FILE\x1a" padded to 52 bytes
 * 0x34  modules, each "MODULE" + header + data:
 *        old header (51 bytes): short name (10), long name (25), length u4, version u4, date (8)
 *        new header (59 bytes, EC-Lab 11.50+): short name, long name, 0xFFFFFFFF, length u4,
 *                                              version u4, version2 u4, date (8)
 * "VMP data": n points u4, n columns u1, column ids (u1 for version 0, little-endian u2 for 2/3, big-endian
 *        u2 for 10/11), records from offset 100 / 0x195 / 0x196 / 0x3EF; one value per column id in order,
 *        the flag ids sharing one byte.
 * "VMP LOG": the acquisition start as an OLE date at one of a few offsets.
 * </pre>
 *
 * Cycling columns (ids and types from galvani's BioLogic.py): 4 time/s (f8), 6 Ewe/V (f4) or 77 &lt;Ewe&gt;/V,
 * 8 I/mA (f4) or 11/76 &lt;I&gt;/mA, 13 (Q-Qo)/mA.h (f8), 467 Q charge/discharge/mA.h (f8), 7 dq/mA.h (f8),
 * 24 cycle number (f8), 468 half cycle (u4). An unknown column id stops the import (the record size would be
 * unknown) with its byte offset. A file with a freq/Hz column (32) is an impedance file and not read here.
 */
final class BioLogicMprReader implements CyclingReader {

    static final String FORMAT = "BioLogic .mpr (GCPL)";
    private static final byte[] MAGIC = "BIO-LOGIC MODULAR FILE\u001a".getBytes(StandardCharsets.US_ASCII);
    private static final int FILE_HEADER = 52;
    /** Records read at most: a month logged every 0.1 s; no count read from a file sizes anything beyond it. */
    static final long MAX_POINTS = 30_000_000L;

    private static final int[] FLAG_IDS = {1, 2, 3, 21, 31, 65};
    private static final Map<Integer, Character> TYPES = new HashMap<>();
    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        col(4, 'd', "time/s"); col(5, 'f', "control/V/mA"); col(6, 'f', "Ewe/V"); col(7, 'd', "dq/mA.h");
        col(8, 'f', "I/mA"); col(9, 'f', "Ece/V"); col(11, 'd', "<I>/mA"); col(13, 'd', "(Q-Qo)/mA.h");
        col(16, 'f', "Analog IN 1/V"); col(17, 'f', "Analog IN 2/V"); col(19, 'f', "control/V");
        col(20, 'f', "control/mA"); col(23, 'd', "dQ/mA.h"); col(24, 'd', "cycle number");
        col(32, 'f', "freq/Hz"); col(33, 'f', "|Ewe|/V"); col(34, 'f', "|I|/A"); col(35, 'f', "Phase(Z)/deg");
        col(36, 'f', "|Z|/Ohm"); col(37, 'f', "Re(Z)/Ohm"); col(38, 'f', "-Im(Z)/Ohm");
        col(39, 's', "I Range"); col(69, 'f', "R/Ohm"); col(70, 'f', "P/W"); col(74, 'd', "|Energy|/W.h");
        col(75, 'f', "Analog OUT/V"); col(76, 'f', "<I>/mA"); col(77, 'f', "<Ewe>/V"); col(78, 'f', "Cs-2/uF-2");
        col(96, 'f', "|Ece|/V"); col(98, 'f', "Phase(Zce)/deg"); col(99, 'f', "|Zce|/Ohm");
        col(100, 'f', "Re(Zce)/Ohm"); col(101, 'f', "-Im(Zce)/Ohm"); col(123, 'd', "Energy charge/W.h");
        col(124, 'd', "Energy discharge/W.h"); col(125, 'd', "Capacitance charge/uF");
        col(126, 'd', "Capacitance discharge/uF"); col(131, 's', "Ns"); col(163, 'f', "|Estack|/V");
        col(168, 'f', "Rcmp/Ohm"); col(169, 'f', "Cs/uF"); col(172, 'f', "Cp/uF"); col(173, 'f', "Cp-2/uF-2");
        col(174, 'f', "<Ewe>/V"); col(178, 'f', "(Q-Qo)/C"); col(179, 'f', "dQ/C"); col(182, 'd', "step time/s");
        col(211, 'd', "Q charge/discharge/C"); col(217, 'f', "THD Ewe/%"); col(241, 'f', "|E1|/V");
        col(242, 'f', "|E2|/V"); col(271, 'f', "Phase(Z1)/deg"); col(272, 'f', "Phase(Z2)/deg");
        col(295, 's', "I Range"); col(301, 'f', "|Z1|/Ohm"); col(302, 'f', "|Z2|/Ohm"); col(326, 'f', "P/W");
        col(331, 'f', "Re(Z1)/Ohm"); col(332, 'f', "Re(Z2)/Ohm"); col(361, 'f', "-Im(Z1)/Ohm");
        col(362, 'f', "-Im(Z2)/Ohm"); col(379, 'd', "Energy charge/W.h"); col(391, 'f', "<E1>/V");
        col(392, 'f', "<E2>/V"); col(422, 'f', "Phase(Zstack)/deg"); col(423, 'f', "|Zstack|/Ohm");
        col(424, 'f', "Re(Zstack)/Ohm"); col(425, 'f', "-Im(Zstack)/Ohm"); col(426, 'f', "<Estack>/V");
        col(430, 'f', "Phase(Zwe-ce)/deg"); col(431, 'f', "|Zwe-ce|/Ohm"); col(432, 'f', "Re(Zwe-ce)/Ohm");
        col(433, 'f', "-Im(Zwe-ce)/Ohm"); col(434, 'f', "(Q-Qo)/C"); col(435, 'f', "dQ/C"); col(441, 'f', "<Ece>/V");
        col(215, 'f', "<Ece>/V"); col(352, 'f', "|Ece|/V");
        col(462, 'f', "Temperature/degC"); col(467, 'd', "Q charge/discharge/mA.h"); col(468, 'i', "half cycle");
        col(469, 'i', "z cycle"); col(471, 'f', "<Ece>/V"); col(473, 'f', "THD Ewe/%"); col(474, 'f', "THD I/%");
        col(475, 'f', "THD Ece/%"); col(476, 'f', "NSD Ewe/%"); col(477, 'f', "NSD I/%"); col(478, 'f', "NSD Ece/%");
        col(479, 'f', "NSR Ewe/%"); col(480, 'f', "NSR I/%"); col(481, 'f', "NSR Ece/%");
        for (int h = 0; h < 6; h++) {
            col(486 + h, 'f', "|Ewe h" + (h + 2) + "|/V");
            col(492 + h, 'f', "|I h" + (h + 2) + "|/A");
            col(498 + h, 'f', "|Ece h" + (h + 2) + "|/V");
        }
    }

    private static void col(int id, char type, String name) {
        TYPES.put(id, type);
        NAMES.put(id, name);
    }

    private record Module(String name, int version, int dataStart, int length) {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int probe(byte[] head, String fileName) {
        if (!magic(head)) {
            return 0;
        }
        try {
            Columns c = columns(head, "probe", true);
            return c == null ? 0 : c.freq >= 0 ? 0 : c.time >= 0 && c.current >= 0 && c.voltage >= 0 ? CERTAIN : 0;
        } catch (CyclingFormatException e) {
            return POSSIBLE; // damaged or an unknown column: claimed, so that the error says where
        }
    }

    private static boolean magic(byte[] b) {
        if (b.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Where the record fields are. */
    private static final class Columns {
        Module data;
        Module log;
        long nPoints;
        int recordStart;
        int recordSize;
        int[] offsets;
        char[] types;
        int time = -1;
        int current = -1;
        int voltage = -1;
        int qqo = -1;
        int qcd = -1;
        int dq = -1;
        int cycle = -1;
        int half = -1;
        int freq = -1;
        String names = "";
    }

    @Override
    public CyclingLog read(byte[] content, String source) throws IOException {
        if (!magic(content)) {
            throw CyclingFormatException.atByte(source, 0, "not a BioLogic .mpr file (no 'BIO-LOGIC MODULAR FILE' magic)");
        }
        Columns c = columns(content, source, false);
        if (c.freq >= 0) {
            throw CyclingFormatException.atByte(source, c.data.dataStart() + 5L, "an impedance file (freq/Hz column), not a cycling log");
        }
        if (c.time < 0 || c.current < 0 || c.voltage < 0) {
            throw CyclingFormatException.atByte(source, c.data.dataStart() + 5L, "no cycling data: columns time/s, I/mA "
                    + "and Ewe/V are not all present (columns: " + c.names + ")");
        }
        ByteBuffer buf = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        CyclingLog.Builder log = CyclingLog.builder(source, FORMAT).instrument("BioLogic");
        log.put("dataModuleVersion", Integer.toString(c.data.version()));
        if (c.log != null) {
            readLog(content, buf, c.log, log);
        }
        long first = (long) c.data.dataStart() + c.recordStart;
        long end = (long) c.data.dataStart() + c.data.length();
        long needed = c.nPoints * c.recordSize;
        if (c.nPoints > MAX_POINTS) {
            throw CyclingFormatException.atByte(source, c.data.dataStart(), c.nPoints + " records announced, more than "
                    + MAX_POINTS + " are not read");
        }
        if (c.nPoints == 0) {
            throw CyclingFormatException.atByte(source, c.data.dataStart(), "no data points: the data module announces 0 records");
        }
        if (first + needed > end) {
            long complete = Math.max(0, (end - first) / c.recordSize);
            throw CyclingFormatException.atByte(source, first + complete * c.recordSize, "truncated: " + c.nPoints
                    + " records of " + c.recordSize + " bytes announced, only " + complete + " complete");
        }
        Charge counter = new Charge();
        double dqSum = 0;
        for (long p = 0; p < c.nPoints; p++) {
            int r = (int) (first + p * c.recordSize);
            double t = value(buf, r, c, c.time);
            double current = value(buf, r, c, c.current) * 1e-3;
            double volt = value(buf, r, c, c.voltage);
            int half = c.half >= 0 ? whole(value(buf, r, c, c.half), source, r, "half cycle") : -1;
            int cycle = c.cycle >= 0 ? whole(value(buf, r, c, c.cycle), source, r, "cycle number") : -1;
            double q = Double.NaN;
            if (c.qqo >= 0) {
                q = value(buf, r, c, c.qqo) * 3.6;
            } else if (c.qcd >= 0) {
                double qh = value(buf, r, c, c.qcd) * 3.6;
                q = counter.next(half >= 0 ? (Object) half : (Object) Math.signum(qh), qh);
            } else if (c.dq >= 0) {
                dqSum += value(buf, r, c, c.dq) * 3.6;
                q = dqSum;
            }
            if (Double.isNaN(q) && (c.qqo >= 0 || c.qcd >= 0 || c.dq >= 0)) {
                throw CyclingFormatException.atByte(source, r, "charge is NaN");
            }
            Rows.add(log, t, current, volt, q, cycle, half, r, source, true);
        }
        return log.build();
    }

    private static int whole(double v, String source, long at, String what) throws CyclingFormatException {
        if (!(v >= 0) || v > Integer.MAX_VALUE || v != Math.rint(v)) {
            throw CyclingFormatException.atByte(source, at, what + " must be a whole number from 0, is " + v);
        }
        return (int) v;
    }

    private static double value(ByteBuffer buf, int record, Columns c, int col) {
        int at = record + c.offsets[col];
        return switch (c.types[col]) {
            case 'f' -> buf.getFloat(at);
            case 'd' -> buf.getDouble(at);
            case 'i' -> Integer.toUnsignedLong(buf.getInt(at));
            default -> buf.getShort(at) & 0xffff;
        };
    }

    /**
     * Walks the modules and lays out the data module's record. In a probe ({@code head}), a module cut by the
     * end of the head is tolerated and null is returned when the data module's column list is not in it.
     */
    private static Columns columns(byte[] content, String source, boolean head) throws CyclingFormatException {
        ByteBuffer buf = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        Columns c = new Columns();
        int pos = FILE_HEADER;
        while (pos < content.length) {
            if (pos + 6 > content.length || !"MODULE".equals(ascii(content, pos, 6))) {
                if (head && pos + 6 > content.length) {
                    break;
                }
                throw CyclingFormatException.atByte(source, pos, "expected 'MODULE', found "
                        + (pos + 6 > content.length ? "end of file (truncated)" : "'" + ascii(content, pos, 6) + "'"));
            }
            int h = pos + 6;
            boolean newHeader = h + 39 <= content.length && buf.getInt(h + 35) == -1;
            int headerSize = newHeader ? 59 : 51;
            if (h + headerSize > content.length) {
                if (head) {
                    break;
                }
                throw CyclingFormatException.atByte(source, h, "truncated module header");
            }
            String name = ascii(content, h, 10).trim();
            long length = Integer.toUnsignedLong(buf.getInt(h + (newHeader ? 39 : 35)));
            int version = newHeader ? buf.getInt(h + 43) + buf.getInt(h + 47) : buf.getInt(h + 39);
            int start = h + headerSize;
            if (start + length > content.length) {
                if (head) {
                    if ("VMP data".equals(name)) {
                        c.data = new Module(name, version, start, (int) Math.min(length, content.length - start));
                    }
                    break;
                }
                throw CyclingFormatException.atByte(source, content.length, "truncated: module '" + name + "' at byte "
                        + pos + " announces " + length + " bytes, only " + (content.length - start) + " present");
            }
            Module m = new Module(name, version, start, (int) length);
            if ("VMP data".equals(name)) {
                c.data = m;
            } else if ("VMP LOG".equals(name)) {
                c.log = m;
            }
            pos = start + (int) length;
        }
        if (c.data == null) {
            if (head) {
                return null;
            }
            throw CyclingFormatException.atByte(source, content.length, "no 'VMP data' module: no data in this file");
        }
        return layout(buf, c, source, head);
    }

    private static Columns layout(ByteBuffer buf, Columns c, String source, boolean head) throws CyclingFormatException {
        Module data = c.data;
        int d = data.dataStart();
        if (data.length() < 5) {
            if (head) {
                return null;
            }
            throw CyclingFormatException.atByte(source, d, "data module too short");
        }
        c.nPoints = Integer.toUnsignedLong(buf.getInt(d));
        int nCols = buf.get(d + 4) & 0xff;
        int idBytes = data.version() == 0 ? 1 : 2;
        if (5 + (long) nCols * idBytes > data.length()) {
            if (head) {
                return null;
            }
            throw CyclingFormatException.atByte(source, d + 4, "truncated: " + nCols + " column ids announced, the module "
                    + "holds " + data.length() + " bytes");
        }
        int[] ids = new int[nCols];
        switch (data.version()) {
            case 0 -> {
                for (int i = 0; i < nCols; i++) {
                    ids[i] = buf.get(d + 5 + i) & 0xff;
                }
                c.recordStart = 100;
            }
            case 2, 3 -> {
                for (int i = 0; i < nCols; i++) {
                    ids[i] = buf.getShort(d + 5 + 2 * i) & 0xffff;
                }
                c.recordStart = data.version() == 2 ? 0x195 : 0x196;
            }
            case 10, 11 -> {
                for (int i = 0; i < nCols; i++) {
                    int o = d + 5 + 2 * i;
                    ids[i] = ((buf.get(o) & 0xff) << 8) | (buf.get(o + 1) & 0xff);
                }
                c.recordStart = 0x3ef;
            }
            default -> throw CyclingFormatException.atByte(source, d - 16,
                    "unsupported 'VMP data' module version " + data.version() + " (known: 0, 2, 3, 10, 11)");
        }
        c.offsets = new int[nCols];
        c.types = new char[nCols];
        boolean flagsSeen = false;
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < nCols; i++) {
            int id = ids[i];
            names.append(i == 0 ? "" : ", ").append(NAMES.getOrDefault(id, isFlag(id) ? "flag" : "id " + id));
            if (isFlag(id)) {
                c.types[i] = 'b';
                if (!flagsSeen) {
                    flagsSeen = true;
                    c.recordSize += 1;
                }
                continue;
            }
            Character t = TYPES.get(id);
            if (t == null) {
                throw CyclingFormatException.atByte(source, d + 5 + (long) idBytes * i, "unknown column id " + id
                        + " (column " + (i + 1) + " of " + nCols + "); the record layout cannot be determined");
            }
            c.types[i] = t;
            c.offsets[i] = c.recordSize;
            c.recordSize += switch (t) {
                case 'f', 'i' -> 4;
                case 'd' -> 8;
                default -> 2;
            };
            switch (id) {
                case 4 -> c.time = first(c.time, i);
                case 8 -> c.current = i;
                case 11, 76 -> c.current = c.current < 0 ? i : c.current;
                case 6 -> c.voltage = i;
                case 77 -> c.voltage = c.voltage < 0 ? i : c.voltage;
                case 13 -> c.qqo = first(c.qqo, i);
                case 467 -> c.qcd = first(c.qcd, i);
                case 7 -> c.dq = first(c.dq, i);
                case 24 -> c.cycle = first(c.cycle, i);
                case 468 -> c.half = first(c.half, i);
                case 32 -> c.freq = first(c.freq, i);
                default -> {
                    // not needed
                }
            }
        }
        if (c.recordSize == 0) {
            if (head) {
                return null;
            }
            throw CyclingFormatException.atByte(source, d + 4, "no columns in the data module");
        }
        c.names = names.toString();
        return c;
    }

    private static int first(int current, int i) {
        return current < 0 ? i : current;
    }

    private static boolean isFlag(int id) {
        for (int f : FLAG_IDS) {
            if (f == id) {
                return true;
            }
        }
        return false;
    }

    private static void readLog(byte[] content, ByteBuffer buf, Module m, CyclingLog.Builder log) {
        for (int off : new int[] {0x249, 465, 469, 473}) {
            if (off + 8 > m.length()) {
                continue;
            }
            LocalDateTime t = BioLogicTime.ole(buf.getDouble(m.dataStart() + off));
            if (t != null) {
                log.start(t.toInstant(ZoneOffset.UTC), t.toString());
                log.put("startFrom", "LOG module, byte " + (m.dataStart() + off));
                break;
            }
        }
        if (0x3cf < m.length()) {
            int n = content[m.dataStart() + 0x3cf] & 0xff;
            if (n > 0 && n <= 32 && 0x3cf + 1 + n <= m.length()) {
                String s = ascii(content, m.dataStart() + 0x3cf + 1, n).trim();
                if (!s.isEmpty() && s.chars().allMatch(ch -> ch >= 32 && ch < 127 && ch != '?')) {
                    log.instrument("BioLogic (SN " + s + ")");
                }
            }
        }
    }

    private static String ascii(byte[] b, int off, int len) {
        int n = Math.max(0, Math.min(len, b.length - off));
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int ch = b[off + i] & 0xff;
            if (ch == 0) {
                break;
            }
            s.append(ch >= 32 && ch < 127 ? (char) ch : '?');
        }
        return s.toString();
    }
}
