package org.presslab.impedance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.presslab.impedance.api.Spectrum;
import org.presslab.impedance.api.SpectrumMetadata;

/**
 * Test fixtures. The MIT-licensed impedance.py files are test resources; the shared data tree
 * (with the GPL files) is ../shared/data/eis relative to the repository, i.e.
 * ../../../shared/data/eis from this module. The ZPlot reader here is a minimal test helper
 * (frequency, Z', Z'' in columns 0, 4, 5 after "End Comments"): the real importers live in
 * org.presslab.impedance.io, which was not yet available when these tests were written.
 */
final class TestData {

    static final Path SHARED_EIS = Paths.get("../../../shared/data/eis");

    private TestData() {
    }

    static Spectrum zplotResource(String name) {
        try (InputStream in = TestData.class.getResourceAsStream("/eis/impedance.py/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return zplot(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1), name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Spectrum zplotFile(Path p) throws IOException {
        return zplot(Files.readString(p, StandardCharsets.ISO_8859_1), p.toString());
    }

    static Spectrum zplot(String text, String source) {
        String[] lines = text.split("\\R");
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().equalsIgnoreCase("End Comments")) {
                start = i + 1;
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = start; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.isEmpty()) {
                continue;
            }
            String[] t = l.split("[\\t ,]+");
            rows.add(new double[] {Double.parseDouble(t[0]), Double.parseDouble(t[4]), Double.parseDouble(t[5])});
        }
        double[] f = new double[rows.size()];
        double[] re = new double[rows.size()];
        double[] im = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            f[i] = rows.get(i)[0];
            re[i] = rows.get(i)[1];
            im[i] = rows.get(i)[2];
        }
        return new Spectrum(f, re, im, SpectrumMetadata.ofSource(source));
    }
}
