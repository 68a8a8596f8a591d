package org.presslab.impedance.io.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.presslab.impedance.api.SpectrumFormatException;

/** Decoding, line splitting and number parsing shared by the text readers. */
final class Text {

    private Text() {
    }

    /**
     * Decodes a file: UTF-16 with a byte-order mark, else UTF-8 (BOM dropped) when the bytes are
     * valid UTF-8, else ISO-8859-1 (which EC-Lab and Gamry write on Windows). A truncated head
     * that cuts a multi-byte UTF-8 character still decodes as UTF-8.
     */
    static String decode(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        int start = b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, start, trimPartialUtf8(b, start))).toString();
        } catch (CharacterCodingException e) {
            return new String(b, start, b.length - start, StandardCharsets.ISO_8859_1);
        }
    }

    /** Length to decode so that a multi-byte character cut at the end of a head is not an error. */
    private static int trimPartialUtf8(byte[] b, int start) {
        int end = b.length;
        for (int back = 1; back <= 3 && end - back >= start; back++) {
            int c = b[end - back] & 0xff;
            if (c < 0x80) {
                break;
            }
            if (c >= 0xc0) {
                int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                if (back < need) {
                    end -= back;
                }
                break;
            }
        }
        return end - start;
    }

    /** Splits on CRLF, CR or LF. Line i of the list is line i + 1 of the file. */
    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(s.substring(start, i));
                if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(s.substring(start));
        }
        return out;
    }

    static List<String> lines(byte[] b) {
        return lines(decode(b));
    }

    /**
     * Lines of a file head, for probes only. The last head decoded on this thread is remembered (by identity) so
     * that the probes of all readers decode a file's head once; the registry hands every probe
     * the same fresh copy of the head, so a remembered array is never modified afterwards.
     */
    static List<String> headLines(byte[] b) {
        if (b.length > ImporterRegistry.HEAD) {
            return lines(decode(b));
        }
        Object[] last = LAST_HEAD.get();
        if (last[0] == b) {
            @SuppressWarnings("unchecked")
            List<String> cached = (List<String>) last[1];
            return cached;
        }
        List<String> result = java.util.Collections.unmodifiableList(lines(decode(b)));
        last[0] = b;
        last[1] = result;
        return result;
    }

    private static final ThreadLocal<Object[]> LAST_HEAD = ThreadLocal.withInitial(() -> new Object[2]);

    /** True if the token is a number (decimal point or comma, exponent allowed). */
    static boolean isNumber(String token) {
        String t = token.trim();
        if (t.isEmpty()) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < t.length(); i++) { // cheap lexical check first: exceptions are slow
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if ("+-.,eE\"".indexOf(c) < 0) {
                return false;
            }
        }
        if (!digit) {
            return false;
        }
        try {
            Double.parseDouble(normalise(t));
            return !t.equalsIgnoreCase("nan") && !t.toLowerCase().contains("inf");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String normalise(String t) {
        String s = t;
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s.indexOf(',') >= 0 && s.indexOf('.') < 0 ? s.replace(',', '.') : s;
    }

    /**
     * Parses one value; a decimal comma is accepted. NaN, infinities and garbage are refused with
     * the file, line and column named.
     */
    static double number(String token, String source, int line, String column) throws SpectrumFormatException {
        String t = token.trim();
        if (t.isEmpty()) {
            throw SpectrumFormatException.atLine(source, line, column + " is empty");
        }
        double v;
        try {
            v = Double.parseDouble(normalise(t));
        } catch (NumberFormatException e) {
            String lower = t.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("nan") || lower.contains("#ind")) { // nan, -nan, 1.#QNAN, -1.#IND
                throw SpectrumFormatException.atLine(source, line, column + " is NaN");
            }
            if (lower.contains("inf") || lower.contains("\u221e")) {
                throw SpectrumFormatException.atLine(source, line, column + " is infinite");
            }
            throw SpectrumFormatException.atLine(source, line, column + " is not a number: '" + abbreviate(t) + "'");
        }
        if (Double.isNaN(v)) {
            throw SpectrumFormatException.atLine(source, line, column + " is NaN");
        }
        if (Double.isInfinite(v)) {
            throw SpectrumFormatException.atLine(source, line, column + " is infinite");
        }
        return v;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /**
     * A count or line number read from a file (trimmed ASCII digits): refused with the line named when
     * it is not one or is above {@code max}, so that no number in a file can overflow an int.
     */
    static int count(String digits, int max, String source, int line, String what) throws SpectrumFormatException {
        String t = digits.trim();
        if (!isDigits(t)) {
            throw SpectrumFormatException.atLine(source, line, what + " is not a whole number: '" + abbreviate(t) + "'");
        }
        String s = t.replaceFirst("^0+(?=.)", "");
        if (s.length() > 10 || Long.parseLong(s) > max) {
            throw SpectrumFormatException.atLine(source, line, what + " " + abbreviate(t) + " is above " + max);
        }
        return Integer.parseInt(s);
    }

    /** True if the trimmed text is one or more ASCII digits. */
    static boolean isDigits(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Splits a line on the delimiter; whitespace delimiter (null) splits on runs of blanks. */
    static String[] split(String line, String delimiter) {
        if (delimiter == null) {
            String t = line.trim();
            return t.isEmpty() ? new String[0] : BLANKS.split(t);
        }
        if (delimiter.length() == 1 && ".$|()[{^?*+\\".indexOf(delimiter.charAt(0)) < 0) {
            return line.split(delimiter, -1); // String.split's fast path, no regex
        }
        return line.split(java.util.regex.Pattern.quote(delimiter), -1);
    }

    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("\\s+");

    /** The first line (trimmed), for probes. */
    static String firstLine(List<String> lines) {
        return lines.isEmpty() ? "" : lines.get(0).trim();
    }

    static String fileName(String source) {
        if (source == null) {
            return "";
        }
        int i = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return source.substring(i + 1);
    }

    static boolean hasExtension(String name, String ext) {
        return name != null && name.toLowerCase(java.util.Locale.ROOT).endsWith(ext);
    }
}
