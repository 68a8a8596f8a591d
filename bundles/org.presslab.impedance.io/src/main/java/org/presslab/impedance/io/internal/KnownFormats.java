package org.presslab.impedance.io.internal;

import java.nio.charset.StandardCharsets;

/** Recognises formats that are known but not read, so the error can name them. */
final class KnownFormats {

    private KnownFormats() {
    }

    /** A format name with a hint, or null if the content is not one of the known unsupported formats. */
    static String unsupported(byte[] head, String fileName) {
        String latin = new String(head, StandardCharsets.ISO_8859_1);
        if (latin.startsWith("MPR") || Text.hasExtension(fileName, ".mpr")) {
            return "BioLogic .mpr without the 'BIO-LOGIC MODULAR FILE' magic";
        }
        if (Text.hasExtension(fileName, ".xlsx") || latin.startsWith("PK\u0003\u0004")) {
            return "zip/Excel workbook; export the sheet as CSV";
        }
        return null;
    }
}
