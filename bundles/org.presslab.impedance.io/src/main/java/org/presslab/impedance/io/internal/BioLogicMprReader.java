package org.presslab.impedance.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumFormatException;
import org.presslab.impedance.api.SpectrumReader;

/**
 * BioLogic EC-Lab binary file (.mpr). The layout is not published; this follows what the open
 * readers (galvani, yadg) learned from real files:
 *
 * <pre>
 * 0x00  "BIO-LOGIC MODULAR FILE\x1a" padded with blanks to 48 bytes, then 4 zero bytes
 * 0x34  modules, each "MODULE" + header + data:
 *        old header (51 bytes): short name (10), long name (25), length u4, version u4, date (8)
 *        new header (59 bytes, EC-Lab 11.50+): short name, long name, 0xFFFFFFFF, length u4,
 *                                              version u4, version2 u4, date (8)
 * "VMP data" module: n points u4, n columns u1, column ids (u1 for version 0, little-endian u2
 *        for 2/3, big-endian u2 for 10/11), records from offset 100 / 0x195 / 0x196 / 0x3EF.
 *        A record holds one value per column id in order; flag ids share one byte.
 * </pre>
 *
 * Impedance columns: 32 freq/Hz (f4), 37 Re(Z)/Ohm (f4), 38 -Im(Z)/Ohm (f4, negated on import),
 * 24 cycle number (f8). Sweeps are split as in the .mpt reader. An unknown column id stops the
 * import (the record size would be unknown) with its byte offset.
 */
@Component(service = SpectrumReader.class)
public final class BioLogicMprReader implements SpectrumReader {

    static final String FORMAT = "BioLogic .mpr";
    private static final byte[] MAGIC = "BIO-LOGIC MODULAR FILE\u001a".getBytes(StandardCharsets.US_ASCII);
    private static final int FILE_HEADER = 52;

    private static final int FREQ = 32;
    private static final int RE_Z = 37;
    private static final int MINUS_IM_Z = 38;
    private static final int CYCLE = 24;
    private static final int TEMPERATURE = 462;

    /** Column ids that are bits of the shared flags byte. */
    private static final int[] FLAG_IDS = {1, 2, 3, 21, 31, 65};

    /** Column id to value type: 'f' float32, 'd' float64, 's' uint16, 'i' uint32. */
    private static final Map<Integer, Character> TYPES = new HashMap<>();
    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        col(4, 'd', "time/s"); col(5, 'f', "control/V/mA"); col(6, 'f', "Ewe/V"); col(7, 'd', "dq/mA.h");
        col(8, 'f', "I/mA"); col(9, 'f', "Ece/V"); col(11, 'd', "<I>/mA"); col(13, 'd', "(Q-Qo)/mA.h");
        col(16, 'f', "Analog IN 1/V"); col(17, 'f', "Analog IN 2/V"); col(19, 'f', "control/V");
        col(20, 'f', "control/mA"); col(23, 'd', "dQ/mA.h"); col(CYCLE, 'd', "cycle number");
        col(FREQ, 'f', "freq/Hz"); col(33, 'f', "|Ewe|/V"); col(34, 'f', "|I|/A"); col(35, 'f', "Phase(Z)/deg");
        col(36, 'f', "|Z|/Ohm"); col(RE_Z, 'f', "Re(Z)/Ohm"); col(MINUS_IM_Z, 'f', "-Im(Z)/Ohm");
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

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int probe(byte[] head, String fileName) {
        if (head.length < MAGIC.length) {
            return 0;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return 0;
            }
        }
        return CERTAIN;
    }

    /** One module: name, version, where its data start and how long they are. */
    private record Module(String name, int version, int dataStart, int length, String date) {
    }

    @Override
    public List<Spectrum> read(byte[] content, String source) throws IOException {
        if (probe(content, source) == 0) {
            throw SpectrumFormatException.atByte(source, 0, "not a BioLogic .mpr file (no 'BIO-LOGIC MODULAR FILE' magic)");
        }
        ByteBuffer buf = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        Module settings = null;
        Module data = null;
        Module log = null;
        int pos = FILE_HEADER;
        while (pos < content.length) {
            if (pos + 6 > content.length || !"MODULE".equals(ascii(content, pos, 6))) {
                throw SpectrumFormatException.atByte(source, pos, "expected 'MODULE', found "
                        + (pos + 6 > content.length ? "end of file (truncated)" : "'" + ascii(content, pos, 6) + "'"));
            }
            int h = pos + 6;
            if (h + 51 > content.length) {
                throw SpectrumFormatException.atByte(source, h, "truncated module header");
            }
            String name = ascii(content, h, 10).trim();
            boolean newHeader = buf.getInt(h + 35) == -1;
            int headerSize = newHeader ? 59 : 51;
            if (h + headerSize > content.length) {
                throw SpectrumFormatException.atByte(source, h, "truncated module header");
            }
            long length = Integer.toUnsignedLong(buf.getInt(h + (newHeader ? 39 : 35)));
            int version = newHeader ? buf.getInt(h + 43) + buf.getInt(h + 47) : buf.getInt(h + 39);
            String date = ascii(content, h + (newHeader ? 51 : 43), 8);
            int start = h + headerSize;
            if (start + length > content.length) {
                throw SpectrumFormatException.atByte(source, content.length, "truncated: module '" + name + "' at byte "
                        + pos + " announces " + length + " bytes, only " + (content.length - start) + " present");
            }
            Module m = new Module(name, version, start, (int) length, date);
            switch (name) {
                case "VMP Set" -> settings = m;
                case "VMP data" -> data = m;
                case "VMP LOG" -> log = m;
                default -> {
                    // loop indexes, external devices: not needed
                }
            }
            pos = start + (int) length;
        }
        if (data == null) {
            throw SpectrumFormatException.atByte(source, content.length, "no 'VMP data' module: no data in this file");
        }
        Meta meta = new Meta(source, FORMAT);
        meta.instrument = "BioLogic";
        if (settings != null && settings.length > 0) {
            int technique = content[settings.dataStart] & 0xff;
            meta.put("technique", switch (technique) {
                case 0x1d -> "PEIS";
                case 0x1e -> "GEIS";
                default -> "technique id " + technique;
            });
        }
        meta.put("moduleDate", data.date);
        if (log != null) {
            readTimestamp(buf, log, meta);
            String serial = pascal(content, log, 0x3cf);
            if (serial != null) {
                meta.instrument = "BioLogic (SN " + serial + ")";
            }
            String version = pascal(content, log, 0x3b7);
            if (version != null) {
                meta.put("software", "EC-Lab v" + version);
            }
        }
        return readData(buf, data, source, meta);
    }

    private static List<Spectrum> readData(ByteBuffer buf, Module data, String source, Meta meta)
            throws SpectrumFormatException {
        int d = data.dataStart;
        if (data.length < 5) {
            throw SpectrumFormatException.atByte(source, d, "data module too short");
        }
        long nPoints = Integer.toUnsignedLong(buf.getInt(d));
        int nCols = buf.get(d + 4) & 0xff;
        int[] ids = new int[nCols];
        int recordStart;
        switch (data.version) {
            case 0 -> {
                for (int i = 0; i < nCols; i++) {
                    ids[i] = buf.get(d + 5 + i) & 0xff;
                }
                recordStart = 100;
            }
            case 2, 3 -> {
                for (int i = 0; i < nCols; i++) {
                    ids[i] = buf.getShort(d + 5 + 2 * i) & 0xffff;
                }
                recordStart = data.version == 2 ? 0x195 : 0x196;
            }
            case 10, 11 -> {
                for (int i = 0; i < nCols; i++) {
                    int o = d + 5 + 2 * i;
                    ids[i] = ((buf.get(o) & 0xff) << 8) | (buf.get(o + 1) & 0xff);
                }
                recordStart = 0x3ef;
            }
            default -> throw SpectrumFormatException.atByte(source, d - 16,
                    "unsupported 'VMP data' module version " + data.version + " (known: 0, 2, 3, 10, 11)");
        }
        int[] offsets = new int[nCols];
        char[] types = new char[nCols];
        int recordSize = 0;
        boolean flagsSeen = false;
        int fCol = -1;
        int reCol = -1;
        int imCol = -1;
        int cycleCol = -1;
        int tempCol = -1;
        for (int i = 0; i < nCols; i++) {
            int id = ids[i];
            if (isFlag(id)) {
                types[i] = 'b';
                if (!flagsSeen) {
                    flagsSeen = true;
                    recordSize += 1;
                }
                continue;
            }
            Character t = TYPES.get(id);
            if (t == null) {
                throw SpectrumFormatException.atByte(source, d + 5 + (data.version == 0 ? i : 2L * i),
                        "unknown column id " + id + " (column " + (i + 1) + " of " + nCols
                                + "); the record layout cannot be determined");
            }
            types[i] = t;
            offsets[i] = recordSize;
            recordSize += switch (t) {
                case 'f', 'i' -> 4;
                case 'd' -> 8;
                default -> 2;
            };
            if (id == FREQ && fCol < 0) {
                fCol = i;
            } else if (id == RE_Z && reCol < 0) {
                reCol = i;
            } else if (id == MINUS_IM_Z && imCol < 0) {
                imCol = i;
            } else if (id == CYCLE && cycleCol < 0) {
                cycleCol = i;
            } else if (id == TEMPERATURE && tempCol < 0) {
                tempCol = i;
            }
        }
        if (fCol < 0 || reCol < 0 || imCol < 0) {
            StringBuilder cols = new StringBuilder();
            for (int id : ids) {
                cols.append(cols.length() == 0 ? "" : ", ").append(NAMES.getOrDefault(id, isFlag(id) ? "flag" : "?"));
            }
            throw SpectrumFormatException.atByte(source, d + 5, "no impedance data: columns freq/Hz, Re(Z)/Ohm and "
                    + "-Im(Z)/Ohm are not all present (columns: " + cols + ")");
        }
        long first = (long) d + recordStart;
        long end = (long) d + data.length;
        long needed = nPoints * recordSize;
        if (first + needed > end) {
            long complete = Math.max(0, (end - first) / recordSize);
            throw SpectrumFormatException.atByte(source, first + complete * recordSize, "truncated: " + nPoints
                    + " records of " + recordSize + " bytes announced, only " + complete + " complete");
        }
        Points pts = new Points(source, Points.Loc.BYTE);
        for (long p = 0; p < nPoints; p++) {
            int r = (int) (first + p * recordSize);
            double f = buf.getFloat(r + offsets[fCol]);
            double re = buf.getFloat(r + offsets[reCol]);
            double im = -buf.getFloat(r + offsets[imCol]);
            double cyc = cycleCol >= 0 ? buf.getDouble(r + offsets[cycleCol]) : Double.NaN;
            double temp = tempCol >= 0 ? buf.getFloat(r + offsets[tempCol]) : Double.NaN;
            pts.add(f, re, im, cyc, temp, r);
        }
        meta.put("dataModuleVersion", Integer.toString(data.version));
        return pts.sweeps(meta.build(), end);
    }

    private static boolean isFlag(int id) {
        for (int f : FLAG_IDS) {
            if (f == id) {
                return true;
            }
        }
        return false;
    }

    /** The acquisition start, an OLE automation date, sits at one of a few offsets in the LOG module. */
    private static void readTimestamp(ByteBuffer buf, Module log, Meta meta) {
        for (int off : new int[] {0x249, 465, 469, 473}) {
            if (off + 8 > log.length) {
                continue;
            }
            double days = buf.getDouble(log.dataStart + off);
            if (days > 36526 && days < 73051) { // years 2000 to 2099
                long millis = Math.round(days * 86_400_000d);
                LocalDateTime t = LocalDateTime.of(1899, 12, 30, 0, 0).plus(Duration.ofMillis(millis));
                meta.localTime(t, t.toString());
                return;
            }
        }
    }

    /** A short printable Pascal string (length byte, then ASCII) in a module, or null. */
    private static String pascal(byte[] b, Module m, int off) {
        if (off >= m.length) {
            return null;
        }
        int n = b[m.dataStart + off] & 0xff;
        if (n == 0 || n > 32 || off + 1 + n > m.length) {
            return null;
        }
        String s = ascii(b, m.dataStart + off + 1, n).trim();
        return !s.isEmpty() && s.chars().allMatch(c -> c >= 32 && c < 127 && c != '?') ? s : null;
    }

    private static String ascii(byte[] b, int off, int len) {
        int n = Math.max(0, Math.min(len, b.length - off));
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int c = b[off + i] & 0xff;
            if (c == 0) {
                break;
            }
            s.append(c >= 32 && c < 127 ? (char) c : '?');
        }
        return s.toString();
    }
}
