package org.presslab.impedance.io.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Small synthetic BioLogic .mpr files in every data-module layout the reader knows (versions 0, 2,
 * 3, 10, old and new module headers), written from the layout in {@link BioLogicMprReader}'s
 * comment. They seed the fuzzer: the real .mpr files in the shared data are GPL and stay out of
 * the repository. {@code main} rewrites the seed files.
 */
final class MprSamples {

    private MprSamples() {
    }

    /** A file with "VMP Set", "VMP data" and "VMP LOG" modules; {@code points} impedance points. */
    static byte[] file(int version, boolean newHeader, int points) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = new byte[52];
        java.util.Arrays.fill(head, 0, 48, (byte) ' ');
        byte[] magic = "BIO-LOGIC MODULAR FILE\u001a".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, head, 0, magic.length);
        java.util.Arrays.fill(head, 48, 52, (byte) 0);
        out.writeBytes(head);
        byte[] set = new byte[16];
        set[0] = 0x1d; // PEIS
        out.writeBytes(module("VMP Set", 0, newHeader, set));
        out.writeBytes(module("VMP data", version, newHeader, data(version, points)));
        byte[] log = new byte[0x3e0];
        ByteBuffer lb = ByteBuffer.wrap(log).order(ByteOrder.LITTLE_ENDIAN);
        lb.putDouble(0x249, 45000.5); // 2023-03-15 12:00
        log[0x3b7] = 5;
        System.arraycopy("11.50".getBytes(StandardCharsets.US_ASCII), 0, log, 0x3b8, 5);
        log[0x3cf] = 4;
        System.arraycopy("1234".getBytes(StandardCharsets.US_ASCII), 0, log, 0x3d0, 4);
        out.writeBytes(module("VMP LOG", 0, newHeader, log));
        return out.toByteArray();
    }

    private static byte[] module(String name, int version, boolean newHeader, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(6 + (newHeader ? 59 : 51) + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("MODULE".getBytes(StandardCharsets.US_ASCII));
        b.put(fixed(name, 10)).put(fixed(name + " long name", 25));
        if (newHeader) {
            b.putInt(-1).putInt(body.length).putInt(version).putInt(0);
        } else {
            b.putInt(body.length).putInt(version);
        }
        b.put(fixed("03/15/23", 8));
        b.put(body);
        return b.array();
    }

    private static byte[] fixed(String s, int n) {
        byte[] out = new byte[n];
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, out, 0, Math.min(n, t.length));
        return out;
    }

    private static byte[] data(int version, int points) {
        // flags, time/s (d), freq/Hz (f), Re(Z) (f), -Im(Z) (f), cycle number (d) [, Temperature (f)]
        int[] ids = version == 0 ? new int[] {1, 4, 32, 37, 38, 24} : new int[] {1, 4, 32, 37, 38, 24, 462};
        int recordSize = 1 + 8 + 4 + 4 + 4 + 8 + (version == 0 ? 0 : 4);
        int recordStart = switch (version) {
            case 0 -> 100;
            case 2 -> 0x195;
            case 3 -> 0x196;
            default -> 0x3ef;
        };
        ByteBuffer b = ByteBuffer.allocate(recordStart + points * recordSize).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(points).put((byte) ids.length);
        for (int id : ids) {
            if (version == 0) {
                b.put((byte) id);
            } else if (version == 2 || version == 3) {
                b.putShort((short) id);
            } else {
                b.put((byte) (id >> 8)).put((byte) id);
            }
        }
        b.position(recordStart);
        for (int p = 0; p < points; p++) {
            double f = 1e5 / Math.pow(10, p / 4.0);
            double w = 2 * Math.PI * f;
            // R0 + R1 || C: 10 ohm + 100 ohm with 1 uF
            double den = 1 + Math.pow(w * 100 * 1e-6, 2);
            b.put((byte) 0).putDouble(p * 0.5).putFloat((float) f).putFloat((float) (10 + 100 / den))
                    .putFloat((float) (100 * w * 100 * 1e-6 / den)).putDouble(p < points / 2 ? 1 : 2);
            if (version != 0) {
                b.putFloat(25.0f);
            }
        }
        return b.array();
    }

    /** Writes the seed files: {@code MprSamples <dir>}. */
    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        Files.createDirectories(dir);
        for (int v : new int[] {0, 2, 3, 10, 11}) {
            Files.write(dir.resolve("synthetic-v" + v + ".mpr"), file(v, false, 6));
        }
        Files.write(dir.resolve("synthetic-v3-newheader.mpr"), file(3, true, 8));
    }
}
