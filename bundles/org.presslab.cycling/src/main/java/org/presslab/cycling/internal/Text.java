package org.presslab.cycling.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.presslab.cycling.CyclingFormatException;

/**
 * Decoding, line splitting and number parsing for the text readers; the conventions of the impedance
 * importers (org.presslab.impedance.io): UTF-16 with a BOM, else UTF-8 when valid, else ISO-8859-1 (EC-Lab
 * and BTSDA on Windows); CRLF, CR and LF; decimal commas; NaN, infinities and garbage refused with the
 * file, line and column named.
 */
final class Text {

    private Text() {
    }

    static String decode(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        int start = b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
        int end = b.length;
        for (int back = 1; back <= 3 && end - back >= start; back++) { // a head may cut a multi-byte character
            int c = b[b.length - back] & 0xff;
            if (c < 0x80) {
                break;
            }
            if (c >= 0xc0) {
                int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                if (back < need) {
                    end = b.length - back;
                }
                break;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, start, end - start))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(b, start, b.length - start, StandardCharsets.ISO_8859_1);
        }
    }

    /** Splits on CRLF, CR or LF; element i is line i + 1. */
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

    /** Parses a value; a decimal comma is accepted when the token has no point. */
    static double number(String token, String source, long line, String column) throws CyclingFormatException {
        String t = token == null ? "" : token.trim();
        if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
            t = t.substring(1, t.length() - 1).trim();
        }
        if (t.isEmpty()) {
            throw CyclingFormatException.atLine(source, line, column + " is empty");
        }
        String s = t.indexOf(',') >= 0 && t.indexOf('.') < 0 ? t.replace(',', '.') : t;
        double v;
        try {
            if (s.length() > 64) {
                throw new NumberFormatException();
            }
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.contains("nan") || lower.contains("#ind")) {
                throw CyclingFormatException.atLine(source, line, column + " is NaN");
            }
            if (lower.contains("inf") || lower.contains("\u221e")) {
                throw CyclingFormatException.atLine(source, line, column + " is infinite");
            }
            throw CyclingFormatException.atLine(source, line, column + " is not a number: '" + abbreviate(t) + "'");
        }
        if (Double.isNaN(v)) {
            throw CyclingFormatException.atLine(source, line, column + " is NaN");
        }
        if (Double.isInfinite(v)) {
            throw CyclingFormatException.atLine(source, line, column + " is infinite");
        }
        return v;
    }

    /** A whole number within int range (cycle and half-cycle counters; a float such as 3.000E+000 is accepted). */
    static int counter(String token, String source, long line, String column) throws CyclingFormatException {
        double v = number(token, source, line, column);
        if (v < 0 || v > Integer.MAX_VALUE || v != Math.rint(v)) {
            throw CyclingFormatException.atLine(source, line, column + " must be a whole number from 0, is " + abbreviate(token.trim()));
        }
        return (int) v;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    static String fileName(String source) {
        if (source == null) {
            return "";
        }
        int i = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return source.substring(i + 1);
    }
}
