package org.presslab.cycling.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Writes the fuzzers' seed files: {@code FuzzSeeds <resources dir>} (generated logs, a few points each). */
final class FuzzSeeds {

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Paths.get(args[0]).resolve("org/presslab/cycling/internal/CyclingReadersFuzzTestInputs");
        Path each = Files.createDirectories(base.resolve("eachReader"));
        Path mpr = Files.createDirectories(base.resolve("mpr"));
        CellLogs.Data d = CellLogs.generate(1, 1200, 0.001, null, 7);
        Files.write(each.resolve("gcpl.mpt"), CellLogs.mpt(d, false));
        Files.write(each.resolve("gcpl-comma.mpt"), CellLogs.mpt(d, true));
        Files.write(each.resolve("neware.csv"), CellLogs.neware(d));
        Files.write(each.resolve("arbin.csv"), CellLogs.arbin(d));
        Files.write(each.resolve("plain.csv"), CellLogs.plain(d));
        Files.write(each.resolve("plain-semicolon.csv"), "Time (h);Current (mA);Voltage (V);Capacity (mAh)\n0;0,25;3,30;0\n0,1;0,25;3,35;0,025\n".getBytes());
        Files.write(each.resolve("gcpl-v3.mpr"), CellLogs.mpr(d, 3));
        Files.write(mpr.resolve("gcpl-v2.mpr"), CellLogs.mpr(d, 2));
        Files.write(mpr.resolve("gcpl-v3.mpr"), CellLogs.mpr(d, 3));
    }
}
